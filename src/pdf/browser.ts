import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
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
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`],
      userDataDir,
    });
    return await work(browser);
  } finally {
    await browser?.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true });
  }
}
