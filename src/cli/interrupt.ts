import { abortPublishing } from "../output/staging.ts";
import { stopBrowsers } from "../pdf/browser-processes.ts";

const EXIT_CODE: Record<"SIGINT" | "SIGTERM", number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Makes Ctrl-C (SIGINT) and SIGTERM safe while a command writes output: a Chromium printing PDFs is
 * stopped with all its processes, the staging folder and temporary files are removed at once, the output folder is left as it was (or, when the swap was
 * already under way, finished), a line says so, and the process exits with 130 or 143. A second
 * signal exits at once. `stop` runs first (serve closes its server there) and may set the exit
 * code; returns a function that removes the handlers.
 */
export function exitSafelyOnSignals(stderr: NodeJS.WritableStream, message: string, stop?: () => Promise<number | void>): () => void {
  let stopping = false;
  const handler = (signal: "SIGINT" | "SIGTERM"): void => {
    const code = EXIT_CODE[signal];
    if (stopping) process.exit(code);
    stopping = true;
    // A Chromium printing PDFs goes first, whole (browser and helpers), before the process exits.
    stopBrowsers();
    const pending = abortPublishing();
    stderr.write(`\n${signal === "SIGINT" ? "interrupted" : "terminated"}: ${message}\n`);
    if (!stop && !pending) process.exit(code);
    void (async () => {
      const stopCode = stop ? await stop().catch(() => undefined) : undefined;
      await pending;
      process.exit(typeof stopCode === "number" ? stopCode : code);
    })();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
