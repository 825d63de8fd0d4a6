import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Page, PDFOptions } from "puppeteer-core";
import { withBrowser, type BrowserSession } from "./browser.ts";
import { markArtifacts } from "./mark-artifacts.ts";
import { onPagePool } from "./page-pool.ts";
import { parseBuildDate, pinPdf, type CalendarDay } from "./pin-pdf.ts";
import { prepareStructure } from "./prepare-structure.ts";
import { hasTableOfContents, layOutForPrint, printWithTableOfContents, TocPredictor } from "./table-of-contents.ts";

export interface PdfJob {
  /** Absolute path of the HTML page to print. */
  html: string;
  /** Absolute path of the PDF to write. */
  pdf: string;
  landscape: boolean;
  /** Left part of the running footer, e.g. "Tabellenboek Utrecht · december 2025". */
  footer: string;
}

export interface PrintOptions {
  /** Pages printing at once (2 is the sweet spot on 2 cores). */
  poolSize?: number;
  onProgress?: (done: number, total: number) => void;
  executablePath?: string;
  /** The build date (jjjj-mm-dd): every PDF is dated with it and pinned to the same bytes (see pin-pdf.ts); without it, Chromium's stamps stay. */
  buildDate?: string;
  /**
   * Guesses the page numbers of a table of contents, and learns from every page printed: one that
   * learnt in earlier runs saves a rebuild the second print of its pages. A new one when absent.
   */
  predictor?: TocPredictor;
  /** A Chromium started beforehand (see `openBrowser`), which the caller closes; one of its own when absent. */
  session?: BrowserSession;
}

/**
 * Prints HTML pages to tagged A4 PDFs with one browser and a pool of pages: print CSS of the
 * page, bookmarks from its headings, a structure tree a screen reader can use (headings, tables,
 * each chart one Figure whose alternative text is its finding), and a footer with "pagina X van Y"
 * (an artifact, like all content outside the structure tree). Fonts are embedded by Chromium.
 */
export async function printPdfs(jobs: readonly PdfJob[], options: PrintOptions = {}): Promise<{ prints: number }> {
  let prints = 0;
  if (jobs.length === 0) return { prints };
  let done = 0;
  // The pages of one run paginate alike: each teaches the predictor the page numbers of its sections.
  const predictor = options.predictor ?? new TocPredictor();
  const date = options.buildDate === undefined ? undefined : parseBuildDate(options.buildDate);
  await withBrowser(
    (_browser, pages) =>
      onPagePool(pages, jobs, options.poolSize ?? 2, async (page, job) => {
        // (Not `prints += await …`: that reads `prints` before the other page's print adds to it.)
        const printed = await printPdf(page, job, predictor, date);
        prints += printed;
        options.onProgress?.(++done, jobs.length);
      }),
    options.executablePath,
    options.session,
  );
  return { prints };
}

/** Prints one job; the number of times Chromium printed it. */
async function printPdf(page: Page, job: PdfJob, predictor: TocPredictor, date: CalendarDay | undefined): Promise<number> {
  const finish = (pdf: Uint8Array): Buffer => {
    const marked = markArtifacts(pdf);
    return date ? pinPdf(Buffer.from(marked), date) : Buffer.from(marked);
  };
  const options: PDFOptions = {
    format: "A4",
    landscape: job.landscape,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    footerTemplate: footerTemplate(job.footer),
    margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
    outline: true,
    tagged: true,
  };
  // The page is complete without its scripts; they only add controls (sort buttons) that
  // Chromium does not paint in table headers repeated on later pages.
  await page.setJavaScriptEnabled(false);
  // Laid out as printed from the start: a table of contents is measured in that layout, which
  // would otherwise be made a second time after loading (a tenth of a second for a gebiedsscan).
  await layOutForPrint(page, options);
  await page.goto(pathToFileURL(job.html).href, { waitUntil: "load" });
  // Wait for the self-hosted fonts, so the PDF never embeds a fallback font.
  await page.evaluate("document.fonts.ready.then(() => true)");
  // Charts as one Figure named by their finding, emphasis as plain text: see prepare-structure.ts.
  await prepareStructure(page);
  // A page with a table of contents is printed until its page numbers are right (once when guessed right).
  if (await hasTableOfContents(page)) {
    const result = await printWithTableOfContents(page, options, predictor);
    await writeFile(job.pdf, finish(result.pdf));
    return result.passes;
  }
  await writeFile(job.pdf, finish(await page.pdf(options)));
  return 1;
}

function footerTemplate(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<div style="font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; font-size: 7.5px; color: #4a4f57; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;"><span>${escaped}</span><span>pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span></div>`;
}
