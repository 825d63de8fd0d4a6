import type { BuildLog } from "../log.ts";
import { colours } from "./colours.ts";

export interface ConsoleLogOptions {
  /** Milliseconds since some fixed point; injected so tests can drive the ETA. */
  now?: () => number;
}

/**
 * The build log on a terminal. On a TTY: steps as lines, progress redrawn in place with counts and
 * an estimate of the time left. Otherwise (CI, a log file, a pipe): one line per step and no
 * progress lines at all, so logs stay short and diffable. Colour only on a TTY without NO_COLOR.
 */
export function consoleLog(stream: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, options: ConsoleLogOptions = {}): BuildLog {
  const tty = Boolean(stream.isTTY);
  const paint = colours(stream, env);
  const now = options.now ?? Date.now;
  let progressShown = false;
  let lastDraw = 0;
  const clearProgress = (): void => {
    if (progressShown) {
      stream.write("\r\u001b[2K");
      progressShown = false;
    }
  };
  const started = new Map<string, { at: number; done: number }>();
  return {
    step(message) {
      clearProgress();
      stream.write(`${paint.bold("›")} ${message}\n`);
    },
    info(message) {
      clearProgress();
      stream.write(`  ${message}\n`);
    },
    warn(message) {
      clearProgress();
      stream.write(`${paint.yellow("warning:")} ${message}\n`);
    },
    progress(label, done, total, text) {
      if (!tty) return;
      const start = started.get(label);
      if (!start || done < start.done) started.set(label, { at: now(), done });
      const finished = done >= total;
      // Redraw at most ten times a second; always draw the last state.
      if (!finished && now() - lastDraw < 100) return;
      lastDraw = now();
      const line = `  ${label}: ${text ?? `${done}/${total}`}${finished ? "" : eta(started.get(label), done, total, now())}`;
      stream.write(`\r\u001b[2K${line}`);
      progressShown = !finished;
      if (finished) {
        stream.write("\n");
        started.delete(label);
      }
    },
  };
}

/** " · ETA 12 s" once there is something to go by: a second of work and some progress. */
export function eta(start: { at: number; done: number } | undefined, done: number, total: number, now: number): string {
  if (!start) return "";
  const elapsed = (now - start.at) / 1000;
  const progressed = done - start.done;
  if (elapsed < 1 || progressed <= 0) return "";
  const seconds = Math.ceil((elapsed / progressed) * (total - done));
  return seconds >= 120 ? ` · ETA ${Math.ceil(seconds / 60)} min` : ` · ETA ${seconds} s`;
}
