/**
 * How the build reports what it does. The build never prints: src/cli hands in an implementation
 * (a TTY progress display or plain lines), tests hand in one that records.
 */
export interface BuildLog {
  /** A step starts, e.g. "ingest: 73 files". */
  step(message: string): void;
  /** Something worth knowing that is not a problem. */
  info(message: string): void;
  /** Something suspicious that did not stop the build. */
  warn(message: string): void;
  /**
   * Progress of a long step: `done` of `total` (what the time left is estimated from), shown as
   * "done/total" or as `text` when given ("12/73 files · 45% · 123.456 rows").
   */
  progress(label: string, done: number, total: number, text?: string): void;
}

/** `log`, with every line (not the progress) also handed to `record`: to keep what a step told. */
export function teeLog(log: BuildLog, record: (level: "step" | "info" | "warn", message: string) => void): BuildLog {
  return {
    step: (message) => (record("step", message), log.step(message)),
    info: (message) => (record("info", message), log.info(message)),
    warn: (message) => (record("warn", message), log.warn(message)),
    progress: (label, done, total, text) => log.progress(label, done, total, text),
  };
}

/** A line a step told the log, kept to be told again when the step's result is reused. */
export interface ToldLine {
  level: "step" | "info" | "warn";
  message: string;
}

/** What `make` returns and the lines it told `log` (told there as well). */
export async function keepingTold<T>(log: BuildLog, make: (log: BuildLog) => T | Promise<T>): Promise<{ value: T; told: ToldLine[] }> {
  const told: ToldLine[] = [];
  const value = await make(teeLog(log, (level, message) => told.push({ level, message })));
  return { value, told };
}

/** Tells `log` again what a step told when it made a result now reused. */
export function tellAgain(log: BuildLog, told: readonly ToldLine[]): void {
  for (const line of told) log[line.level](line.message);
}

/** A log that keeps everything, for tests and for the data-quality report. */
export function recordingLog(): BuildLog & { lines: string[]; warnings: string[] } {
  const lines: string[] = [];
  const warnings: string[] = [];
  return {
    lines,
    warnings,
    step: (message) => lines.push(message),
    info: (message) => lines.push(message),
    warn: (message) => {
      warnings.push(message);
      lines.push(`warning: ${message}`);
    },
    progress: () => undefined,
  };
}
