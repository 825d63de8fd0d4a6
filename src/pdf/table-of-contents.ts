import type { Page, PDFOptions } from "puppeteer-core";
import { pdfDestinations } from "./pdf-destinations.ts";

/**
 * A table of contents with page numbers. Chromium has no `target-counter()`, so the numbers come
 * from a print: print, read from the PDF on which page each section's link target landed, write
 * those numbers into the page (elements `data-toc-for="<section id>"`), and print again. The numbers
 * sit in boxes of fixed width, so filling them does not move anything; every print is checked and,
 * should a page still have moved, corrected once more.
 *
 * Reports of one kind paginate alike, so a `TocPredictor` guesses the numbers from the pages printed
 * before: where the same section sat at the nearest height on screen. With a right guess the page
 * is printed once, and the check of that print proves the guess; a wrong one costs the print it
 * would have cost anyway. Measured on the demo (38 gebiedsscans, 9–10 pages each): a print takes
 * about 0,24 s, the untagged first pass of a page without a guess about 0,18 s.
 */
export const TOC_SELECTOR = "[data-toc-for]";

/** Whether the loaded page asks for page numbers in a table of contents. */
export async function hasTableOfContents(page: Page): Promise<boolean> {
  return page.evaluate(`document.querySelector(${JSON.stringify(TOC_SELECTOR)}) !== null`) as Promise<boolean>;
}

export interface TocResult {
  /** The final PDF. */
  pdf: Uint8Array;
  /** Number of times the page was printed: 1 after a right guess, else 2 (rarely 3). */
  passes: number;
  /** Section id → page number, as written into the table of contents. */
  pages: Map<string, number>;
}

/** What a `TocPredictor` has learnt, per kind of page (its sections' ids joined). */
export interface TocMemory {
  kinds: [string, { offsets: number[]; pages: [string, number][] }[]][];
}

/**
 * Remembers, for the pages printed so far, where their sections sit on screen and on which PDF
 * page each landed; guesses the page of each section of a new page from the page on which that
 * section sat at the nearest height. One per run of prints (pages of one report paginate alike);
 * safe to share between the pages of a pool.
 */
export class TocPredictor {
  readonly #seen = new Map<string, { offsets: number[]; pages: Map<string, number> }[]>();

  /**
   * A predictor that knows what `memory` (a `memory()` of an earlier run) knew: a rebuild that
   * prints one page guesses from the pages printed before. Anything unreadable is forgotten; a
   * guess is checked on the print anyway, so an old memory costs a print at most, never a number.
   */
  static from(memory: unknown): TocPredictor {
    const predictor = new TocPredictor();
    const kinds = (memory as Partial<TocMemory> | undefined)?.kinds;
    if (!Array.isArray(kinds)) return predictor;
    for (const kind of kinds) {
      const [key, entries] = Array.isArray(kind) ? kind : [];
      if (typeof key !== "string" || !Array.isArray(entries)) continue;
      for (const entry of entries as unknown[]) {
        const { offsets, pages } = (entry ?? {}) as { offsets?: unknown; pages?: unknown };
        if (!Array.isArray(offsets) || !offsets.every((offset) => typeof offset === "number") || !Array.isArray(pages)) continue;
        const known = pages.filter((pair): pair is [string, number] => Array.isArray(pair) && typeof pair[0] === "string" && Number.isInteger(pair[1]));
        predictor.learn(key.split("\u0000"), offsets as number[], new Map(known));
      }
    }
    return predictor;
  }

  /** What it has learnt, as JSON-able data for `TocPredictor.from`. */
  memory(): TocMemory {
    return { kinds: [...this.#seen].map(([key, entries]) => [key, entries.map((entry) => ({ offsets: entry.offsets, pages: [...entry.pages] }))]) };
  }

  /**
   * The page number of each section as it was on the page printed before whose same section sat
   * nearest on screen (ties: the nearer page as a whole); undefined for a kind of page not seen yet.
   */
  guess(ids: readonly string[], offsets: readonly number[]): Map<string, number> | undefined {
    const seen = this.#seen.get(ids.join("\u0000"));
    if (!seen || seen.length === 0) return undefined;
    const whole = seen.map((entry) => entry.offsets.reduce((sum, offset, i) => sum + Math.abs(offset - (offsets[i] ?? 0)), 0));
    const guess = new Map<string, number>();
    ids.forEach((id, i) => {
      let best = 0;
      for (let j = 1; j < seen.length; j++) {
        const d = Math.abs((seen[j]?.offsets[i] ?? 0) - (offsets[i] ?? 0));
        const bestD = Math.abs((seen[best]?.offsets[i] ?? 0) - (offsets[i] ?? 0));
        if (d < bestD || (d === bestD && (whole[j] ?? 0) < (whole[best] ?? 0))) best = j;
      }
      guess.set(id, seen[best]?.pages.get(id) ?? 0);
    });
    return guess;
  }

  learn(ids: readonly string[], offsets: readonly number[], pages: ReadonlyMap<string, number>): void {
    const key = ids.join("\u0000");
    const list = this.#seen.get(key) ?? [];
    // Enough to cover the variety of a national run; the oldest go first.
    if (list.length >= 1000) list.shift();
    list.push({ offsets: [...offsets], pages: new Map(pages) });
    this.#seen.set(key, list);
  }
}

/**
 * Prints `page` with `options` until the page numbers in its table of contents are right (at most
 * three passes) and returns the final PDF. Throws when a section of the table of contents has no
 * link target in the PDF: a number would be missing.
 */
export async function printWithTableOfContents(page: Page, options: PDFOptions, predictor?: TocPredictor): Promise<TocResult> {
  // Measured as printed, in one long page as wide as the paper's printable width: heights then
  // map to pages nearly one to one. (Printing lays the page out anew; this moves nothing on paper.)
  if (predictor) await layOutForPrint(page, options);
  const { ids, offsets } = (await page.evaluate(
    `(() => { const ids = [...document.querySelectorAll(${JSON.stringify(TOC_SELECTOR)})].map((element) => element.getAttribute("data-toc-for"));
      const offsets = ids.map((id) => { const target = document.getElementById(id); return target ? Math.round(target.getBoundingClientRect().top + window.scrollY) : -1; });
      offsets.push(document.documentElement.scrollHeight);
      return { ids, offsets }; })()`,
  )) as { ids: string[]; offsets: number[] };
  const fill = (pages: ReadonlyMap<string, number>): Promise<unknown> =>
    page.evaluate(
      `(() => { const pages = ${JSON.stringify(Object.fromEntries(pages))};
        for (const element of document.querySelectorAll(${JSON.stringify(TOC_SELECTOR)})) element.textContent = String(pages[element.getAttribute("data-toc-for")]); })()`,
    );
  const guess = predictor?.guess(ids, offsets);
  let written = new Map<string, number>();
  let pdf: Uint8Array;
  if (guess) {
    written = new Map(guess);
    await fill(written);
    pdf = await page.pdf(options);
  } else {
    // Without a guess the first print only has to say where the sections land: without the
    // structure tree and the bookmarks it is about a quarter faster, and neither moves anything.
    pdf = await page.pdf({ ...options, tagged: false, outline: false });
  }
  for (let pass = 1; pass <= 3; pass++) {
    const found = pdfDestinations(pdf);
    const pages = new Map(ids.map((id) => [id, found.get(id)]));
    const missing = [...pages].filter(([, number]) => number === undefined).map(([id]) => id);
    if (missing.length > 0) throw new Error(`table of contents: no page found for section ${missing.join(", ")} (is there an element with that id?)`);
    if ((guess || pass > 1) && [...pages].every(([id, number]) => written.get(id) === number)) {
      predictor?.learn(ids, offsets, written);
      return { pdf, passes: pass, pages: written };
    }
    if (pass === 3) break;
    written = pages as Map<string, number>;
    await fill(written);
    pdf = await page.pdf(options);
  }
  throw new Error("table of contents: the page numbers kept moving after filling them in");
}

/**
 * Lays `page` out as printed, in one long page as wide as the printable width of the paper in
 * `options` (where heights map to pages nearly one to one). Done before the page is loaded, it is
 * laid out once so (Chromium lays it out anew for the print itself either way).
 */
export async function layOutForPrint(page: Page, options: PDFOptions): Promise<void> {
  await page.emulateMediaType("print");
  const viewport = page.viewport();
  const width = printableWidth(options);
  if (viewport?.width !== width) await page.setViewport({ width, height: viewport?.height ?? 800 });
}

/** The width between the side margins of the paper in `options`, in CSS pixels (A4 unless told). */
function printableWidth(options: PDFOptions): number {
  const paper = options.landscape ? 297 : 210;
  const margin = (side: string | number | undefined): number => {
    if (typeof side === "number") return (side * 25.4) / 96;
    const match = /^([\d.]+)(mm|cm|in|px)?$/.exec(side ?? "0");
    const value = Number(match?.[1] ?? 0);
    return match?.[2] === "cm" ? value * 10 : match?.[2] === "in" ? value * 25.4 : match?.[2] === "px" ? (value * 25.4) / 96 : value;
  };
  return Math.round(((paper - margin(options.margin?.left) - margin(options.margin?.right)) * 96) / 25.4);
}
