import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { withBrowser } from "../../src/pdf/browser.ts";
import { cleanup, fixtureConfig, tempDir } from "../helpers.ts";

let outDir: string;

beforeAll(async () => {
  outDir = path.join(await tempDir(), "dist");
  await build({ config: await fixtureConfig("mini", outDir), buildDate: "2026-01-10", pdf: false, log: recordingLog() });
});
afterAll(() => cleanup(path.dirname(outDir)));

describe("table sorting and filtering (progressive enhancement, in Chromium)", () => {
  it("filters rows by their header and sorts by a column, and the page has all rows without the script", async () => {
    const url = pathToFileURL(path.join(outDir, "tabellenboek/2025-12/gm0589-oudewater.html")).href;
    const result = await withBrowser(async (browser) => {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.goto(url);
      const rowsWithoutScript = await page.$$eval("#tabel-misdrijven tbody tr", (rows) => rows.length);
      const controlsWithoutScript = await page.$$eval("#tabel-misdrijven .sort-button", (buttons) => buttons.length);
      await page.setJavaScriptEnabled(true);
      await page.goto(url);
      await page.type("#filter-0", "straat");
      const visible = await page.$$eval("#tabel-misdrijven tbody tr:not([hidden]) th", (cells) => cells.map((cell) => cell.textContent?.trim()));
      await page.$eval("#filter-0", (input) => {
        (input as unknown as { value: string }).value = "";
        input.dispatchEvent(new Event("input"));
      });
      const buttons = await page.$$("#tabel-misdrijven thead .sort-button");
      const labels = await Promise.all(buttons.map((button) => button.evaluate((node) => node.textContent)));
      await buttons[labels.indexOf("2024")]?.click();
      const sorted = await page.$$eval("#tabel-misdrijven tbody tr th", (cells) => cells.map((cell) => cell.textContent?.trim()));
      const sortState = await page.$eval("#tabel-misdrijven thead th[aria-sort]", (th) => th.getAttribute("aria-sort"));
      return { rowsWithoutScript, controlsWithoutScript, visible, sorted, sortState };
    });
    expect(result.controlsWithoutScript).toBe(0);
    expect(result.rowsWithoutScript).toBe(9);
    expect(result.visible).toEqual(["1.2 Straat", "1.4.6 Straatroof"]);
    expect(result.sortState).toBe("descending");
    // 2024: Totaal 3, Veiligheid 3, Huis 2, … — descending, ties keep their order.
    expect(result.sorted.slice(0, 3)).toEqual(["Totaal van de 5 soorten in de gegevens", "1 Veiligheid", "1.1 Huis"]);
  });
});
