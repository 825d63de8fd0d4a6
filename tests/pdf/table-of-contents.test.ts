import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinPdfDates, pinPdfNodeIds } from "../../src/pdf/pin-pdf.ts";
import { withBrowser } from "../../src/pdf/browser.ts";
import { printPdfs } from "../../src/pdf/print-pdfs.ts";
import { printWithTableOfContents, TocPredictor } from "../../src/pdf/table-of-contents.ts";
import { cleanup, tempDir, writeFiles } from "../helpers.ts";

let dir: string;
const sections = ["Eerste", "Tweede", "Derde", "Vierde"];
const filler = (n: number) => Array.from({ length: n }, (_, i) => `<p>Regel ${i + 1} met wat tekst om de pagina te vullen.</p>`).join("");

beforeAll(async () => {
  dir = await tempDir();
  const body = sections.map((title, i) => `<section id="s${i}"><h2>${title} onderdeel</h2>${filler(i === 1 ? 70 : 12)}</section>`).join("");
  await writeFiles(dir, {
    "page.html": `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inhoudstest</title>
      <style>.cover{height:250mm;break-after:page} .toc a{display:flex;justify-content:space-between} .toc span.n{display:inline-block;min-width:3ch;text-align:right}</style></head>
      <body><div class="cover">Omslag</div><nav class="toc"><h1>Inhoud</h1>${sections.map((title, i) => `<a href="#s${i}"><span>${title}</span><span class="n" data-toc-for="s${i}"></span></a>`).join("")}</nav>${body}</body></html>`,
  });
}, 60_000);
afterAll(() => cleanup(dir));

/** The page (1-based) on which `text` first appears, from pdftotext page by page. */
function pageOf(pdf: string, text: string, pages: number): number | undefined {
  for (let page = 1; page <= pages; page++) {
    if (execFileSync("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" }).includes(text)) return page;
  }
  return undefined;
}

describe("table of contents with page numbers", () => {
  it("fills in the page of each section, as the printed PDF has it", async () => {
    const pdf = path.join(dir, "page.pdf");
    await printPdfs([{ html: path.join(dir, "page.html"), pdf, landscape: false, footer: "Test" }]);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const toc = execFileSync("pdftotext", ["-layout", "-f", "2", "-l", "2", pdf, "-"], { encoding: "utf8" });
    for (const title of sections) {
      const listed = Number(new RegExp(`${title}\\s+(\\d+)`).exec(toc)?.[1]);
      expect(listed, title).toBe(pageOf(pdf, `${title} onderdeel`, pages));
    }
    // The second section is long: the third starts pages later, not on the next one.
    expect(pageOf(pdf, "Derde onderdeel", pages)).toBeGreaterThan((pageOf(pdf, "Tweede onderdeel", pages) ?? 0) + 1);
  }, 60_000);

  it("prints twice when filling in the numbers moves nothing", async () => {
    const result = await withBrowser(async (browser) => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, "page.html")).href, { waitUntil: "load" });
      return printWithTableOfContents(page, { format: "A4", tagged: true, outline: true });
    });
    expect(result.passes).toBe(2);
    expect(result.pages.get("s0")).toBe(2);
    expect(Buffer.from(result.pdf).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await readFile(path.join(dir, "page.html"), "utf8")).toContain('data-toc-for="s0"></span>'); // the page itself is left as it was
  }, 60_000);

  it("prints once when the predictor guesses the numbers right, and still gets them right when it guesses wrong", async () => {
    const predictor = new TocPredictor();
    const printed = await withBrowser(async (browser) => {
      const page = await browser.newPage();
      const open = () => page.goto(pathToFileURL(path.join(dir, "page.html")).href, { waitUntil: "load" });
      await open();
      const first = await printWithTableOfContents(page, { format: "A4", tagged: true, outline: true }, predictor);
      await open();
      const second = await printWithTableOfContents(page, { format: "A4", tagged: true, outline: true }, predictor);
      // A predictor that learnt wrong numbers for the same layout: the print's check catches them.
      const misled = new TocPredictor();
      const ids = [...first.pages.keys()];
      const offsets = (await page.evaluate(`[...${JSON.stringify(ids)}.map((id) => Math.round(document.getElementById(id).getBoundingClientRect().top + window.scrollY)), document.documentElement.scrollHeight]`)) as number[];
      misled.learn(ids, offsets, new Map(ids.map((id) => [id, 1])));
      await open();
      const third = await printWithTableOfContents(page, { format: "A4", tagged: true, outline: true }, misled);
      return { first, second, third };
    });
    expect(printed.first.passes).toBe(2);
    expect(printed.second.passes).toBe(1);
    expect(printed.second.pages).toEqual(printed.first.pages);
    // The same PDF either way, once the stamps a build pins (date, node numbers) are pinned.
    const pinned = (pdf: Uint8Array) => pinPdfNodeIds(pinPdfDates(Buffer.from(pdf), { year: 2026, month: 1, day: 10 }));
    expect(pinned(printed.second.pdf).equals(pinned(printed.first.pdf))).toBe(true);
    expect(printed.third.passes).toBe(2);
    expect(printed.third.pages).toEqual(printed.first.pages);
  }, 60_000);

  it("remembers what it learnt across runs, as JSON, and forgets what it cannot read", () => {
    const predictor = new TocPredictor();
    predictor.learn(["s0", "s1"], [100, 900, 2400], new Map([["s0", 2], ["s1", 3]]));
    predictor.learn(["s0", "s1"], [100, 1900, 3400], new Map([["s0", 2], ["s1", 4]]));
    const again = TocPredictor.from(JSON.parse(JSON.stringify(predictor.memory())));
    expect(again.guess(["s0", "s1"], [100, 1850, 3300])).toEqual(new Map([["s0", 2], ["s1", 4]]));
    expect(again.memory()).toEqual(predictor.memory());
    for (const garbage of [undefined, null, 7, "x", { kinds: 3 }, { kinds: [["a", [{ offsets: ["1"], pages: [] }]]] }]) {
      expect(TocPredictor.from(garbage).guess(["a"], [1, 2])).toBeUndefined();
    }
  });
});
