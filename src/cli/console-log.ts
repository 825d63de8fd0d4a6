import type { BuildLog } from "../build/log.ts";

/**
 * The build log on a terminal: steps as lines; progress redrawn in place on a TTY, and as an
 * occasional line otherwise (CI logs stay short). Colour only on a TTY and when NO_COLOR is unset.
 */
export function consoleLog(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): BuildLog {
  const tty = Boolean(stream.isTTY);
  const colour = tty && !env.NO_COLOR;
  const paint = (code: string, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) {
      stream.write("\r\u001b[2K");
      progressShown = false;
    }
  };
  const started = new Map<string, number>();
  return {
    step(message) {
      clearProgress();
      stream.write(`${paint("1", "›")} ${message}\n`);
    },
    info(message) {
      clearProgress();
      stream.write(`  ${message}\n`);
    },
    warn(message) {
      clearProgress();
      stream.write(`${paint("33", "warning:")} ${message}\n`);
    },
    progress(label, done, total) {
      if (!started.has(label) || done <= 1) started.set(label, Date.now());
      if (tty) {
        const elapsed = (Date.now() - (started.get(label) ?? Date.now())) / 1000;
        const eta = done > 0 && done < total ? ` · nog ~${Math.ceil((elapsed / done) * (total - done))} s` : "";
        stream.write(`\r\u001b[2K  ${label}: ${done}/${total}${eta}`);
        progressShown = done < total;
        if (done >= total) stream.write("\n");
      } else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) {
        stream.write(`  ${label}: ${done}/${total}\n`);
      }
    },
  };
}
