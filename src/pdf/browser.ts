import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { UserError } from "../user-error.ts";
import { trackBrowser } from "./browser-processes.ts";
import { findChromium } from "./find-chromium.ts";

/** Flags for a headless Chromium on a closed network and a small machine. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--font-render-hinting=none",
];

/** Where the pages to print in come from. */
export interface PageSource {
  newPage(): Promise<Page>;
}

/** A headless Chromium being started (or started), and how to stop it. */
export interface BrowserSession extends PageSource {
  /** The browser, once it has started; a UserError when it does not. */
  browser: Promise<Browser>;
  /**
   * A page of the browser. The first is opened as soon as the browser has started: a fresh
   * Chromium takes a few hundred milliseconds over its first page, which a session opened early
   * (while the build renders) so spends before anything is printed.
   */
  newPage(): Promise<Page>;
  /** Closes the browser and removes its profile; safe to call more than once, and before it has started. */
  close(): Promise<void>;
}

/**
 * Starts one headless Chromium with a fresh profile. The caller closes the session, also when its
 * work throws; a session may be opened early (while the build renders) and used later.
 */
export function openBrowser(executablePath = findChromium()): BrowserSession {
  let closing: Promise<void> | undefined;
  let stop: () => Promise<void> = async () => undefined;
  const browser = (async () => {
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), "veiligheidsbeeld-chromium-"));
    // An interrupted build exits without closing the session: the profile goes with the process.
    const removeProfile = (): void => rmSync(userDataDir, { recursive: true, force: true });
    process.on("exit", removeProfile);
    // A signal stops this browser with all its processes before the build exits (see stopBrowsers).
    const untrack = trackBrowser(userDataDir);
    let launched: Browser | undefined;
    stop = async () => {
      await launched?.close().catch(() => undefined);
      untrack();
      process.off("exit", removeProfile);
      await rm(userDataDir, { recursive: true, force: true });
    };
    try {
      launched = await puppeteer.launch({
        executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`],
        userDataDir,
      });
    } catch (error) {
      // A Chromium that does not start is a problem of the machine, not of the reports.
      throw new UserError(`Chromium (${executablePath}) did not start: ${(error as Error).message.split("\n")[0]}`, {
        hint: "Run it by hand with --version to see why, reinstall it (sudo apt-get install chromium), or point CHROMIUM_PATH at a working one; --no-pdf builds without PDFs.",
        cause: error,
      });
    }
    return launched;
  })();
  // Told when awaited; a session closed unused has no one to tell.
  browser.catch(() => undefined);
  // (A page that fails to open is opened again when asked for.)
  let first: Promise<Page> | undefined = browser.then((started) => started.newPage());
  first.catch(() => undefined);
  return {
    browser,
    async newPage() {
      const opened = first;
      first = undefined;
      return (await opened?.catch(() => undefined)) ?? (await browser).newPage();
    },
    close: () =>
      (closing ??= (async () => {
        await browser.catch(() => undefined);
        await stop();
      })()),
  };
}

/**
 * Runs `work` with one headless Chromium that has a fresh profile (that of `session` when given,
 * which the caller then closes), and otherwise always closes the browser and removes the profile
 * afterwards, also when `work` throws.
 */
export async function withBrowser<T>(work: (browser: Browser, pages: PageSource) => Promise<T>, executablePath?: string, session?: BrowserSession): Promise<T> {
  const own = session ?? openBrowser(executablePath);
  try {
    return await work(await own.browser, own);
  } finally {
    if (!session) await own.close();
  }
}
