import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
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

/**
 * Runs `work` with one headless Chromium that has a fresh profile, and always closes the browser
 * and removes the profile afterwards, also when `work` throws.
 */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>, executablePath = findChromium()): Promise<T> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "veiligheidsbeeld-chromium-"));
  // An interrupted build exits without reaching `finally`: the profile goes with the process.
  const removeProfile = (): void => rmSync(userDataDir, { recursive: true, force: true });
  process.on("exit", removeProfile);
  // A signal stops this browser with all its processes before the build exits (see stopBrowsers).
  const untrack = trackBrowser(userDataDir);
  let browser: Browser | undefined;
  try {
    try {
      browser = await puppeteer.launch({
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
    return await work(browser);
  } finally {
    await browser?.close().catch(() => undefined);
    untrack();
    process.off("exit", removeProfile);
    await rm(userDataDir, { recursive: true, force: true });
  }
}
