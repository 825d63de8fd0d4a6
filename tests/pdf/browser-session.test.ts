import { access } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { openBrowser } from "../../src/pdf/browser.ts";

/** The profile folder of a launched browser (puppeteer keeps its launch arguments). */
function profileOf(browser: { process(): { spawnargs: string[] } | null }): string {
  return (browser.process()?.spawnargs ?? []).find((arg) => arg.startsWith("--user-data-dir="))?.slice("--user-data-dir=".length) ?? "";
}

describe("a Chromium started before it is needed", () => {
  it("is stopped, its profile removed, when closed before it had even finished starting", async () => {
    const session = openBrowser();
    await session.close();
    const browser = await session.browser;
    expect(browser.connected).toBe(false);
    await expect(access(profileOf(browser))).rejects.toThrow();
    // Closing again does nothing.
    await session.close();
  }, 30_000);
});
