import { stat } from "node:fs/promises";
import type { BrowserSession } from "../pdf/browser.ts";
import type { PdfJob, PrintOptions } from "../pdf/print-pdfs.ts";
import type { BuildLog } from "../log.ts";

/**
 * What the build does to the world besides reading its inputs and writing its output folder: the
 * log it tells, the clock it times its steps by, and the browser that prints its PDFs. `build`
 * takes them as one value, so that a test can hand in a log that records, a clock that stands
 * still and a browser that only notes what it was asked to print (`recordingEffects`).
 *
 * The file system is not behind this interface: Eleventy, Chromium and the streaming ingest read
 * and write paths themselves. The staging folder (src/output/staging.ts) is what keeps a failed
 * build away from the published output.
 */
export interface BuildEffects {
  log: BuildLog;
  /** Milliseconds on a monotonic clock: only for the timings the log reports. */
  now(): number;
  browser: Browser;
  /**
   * Told as soon as the new output is in place, before the build writes its records for the next
   * build and removes the old output: `serve` reloads the browser then.
   */
  published?(): void;
}

export interface Browser {
  /** Which browser prints (path, size, modification time), for the build's fingerprint: a new one may print other bytes. */
  identity(): Promise<string | undefined>;
  /** Prints every job's HTML to its PDF; how many prints that took (a table of contents may need two). */
  print(jobs: readonly PdfJob[], options: PrintOptions): Promise<{ prints: number }>;
  /**
   * A hint that `print` may follow: the browser may start now, while the build reads its inputs
   * (Chromium takes about a second to start, which a rebuild of one page would otherwise wait for).
   */
  prepare?(): void;
  /** Stops a browser `prepare` started and `print` did not use (a build that failed in between). */
  close?(): Promise<void>;
}

/** Seconds since `start` (a reading of the effects' clock), to one decimal. */
export function seconds(effects: BuildEffects, start: number): string {
  return ((effects.now() - start) / 1000).toFixed(1);
}

/** The real thing: Debian's Chromium through puppeteer-core, loaded only when a PDF is printed. */
export function systemEffects(log: BuildLog): BuildEffects {
  // A Chromium started by `prepare`, until `print` takes it.
  let session: Promise<BrowserSession> | undefined;
  return {
    log,
    now: () => performance.now(),
    browser: {
      async identity() {
        try {
          const { findChromium } = await import("../pdf/find-chromium.ts");
          const executable = findChromium();
          const info = await stat(executable);
          return `${executable} ${info.size} ${info.mtimeMs}`;
        } catch {
          return undefined;
        }
      },
      async print(jobs, options) {
        const { printPdfs } = await import("../pdf/print-pdfs.ts");
        const prepared = session;
        session = undefined;
        // (A Chromium that could not be found is told here.)
        const started = prepared ? await prepared : undefined;
        try {
          return await printPdfs(jobs, { ...options, ...(started ? { session: started } : {}) });
        } finally {
          await started?.close();
        }
      },
      prepare() {
        session ??= import("../pdf/browser.ts").then(({ openBrowser }) => openBrowser());
        // A Chromium that cannot be found or started is told by `print`, which awaits it.
        session.catch(() => undefined);
      },
      async close() {
        const started = session;
        session = undefined;
        await (await started?.catch(() => undefined))?.close();
      },
    },
  };
}

/**
 * Effects for tests: the log of `log`, a clock that does not move, and a browser that prints
 * nothing but records each job (the PDF files are not written).
 */
export function recordingEffects(log: BuildLog): BuildEffects & { printed: PdfJob[] } {
  const printed: PdfJob[] = [];
  return {
    log,
    now: () => 0,
    printed,
    browser: {
      identity: async () => "recording browser",
      async print(jobs) {
        printed.push(...jobs);
        return { prints: jobs.length };
      },
    },
  };
}
