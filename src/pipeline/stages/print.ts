import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeCacheFile } from "../../output/cache-file.ts";
import type { PdfJob } from "../../pdf/print-pdfs.ts";
import type { ReportPage, SitePage } from "../../reports/page.ts";
import { seconds, type BuildEffects } from "../effects.ts";

/**
 * Prints the PDF of every page rendered now that has one (Chromium, through the effects' browser);
 * how many it printed. With `cacheDir`, the guesses of table-of-contents page numbers learn from
 * the prints of earlier builds too (kept in `<cacheDir>/pdf/toc-predictor.json`), so that a rebuild
 * of one page prints it once.
 */
export async function printPages(fresh: readonly SitePage[], dir: string, buildDate: string, effects: BuildEffects, kept: string, cacheDir?: string): Promise<number> {
  const jobs = pdfJobs(fresh, dir);
  if (jobs.length === 0) return 0;
  const { log } = effects;
  log.step(`pdf: ${jobs.length} files${kept}`);
  const started = effects.now();
  const { TocPredictor } = await import("../../pdf/table-of-contents.ts");
  const memory = cacheDir ? path.join(cacheDir, "pdf", "toc-predictor.json") : undefined;
  const predictor = TocPredictor.from(memory ? await readFile(memory, "utf8").then(JSON.parse, () => undefined) : undefined);
  const { prints } = await effects.browser.print(jobs, { buildDate, predictor, onProgress: (done, total) => log.progress("pdf", done, total) });
  log.info(`pdf: ${jobs.length} files printed in ${seconds(effects, started)} s (${prints} prints: a table of contents needs a second one unless its page numbers were guessed right)`);
  if (memory) await writeCacheFile(memory, JSON.stringify(predictor.memory()));
  return jobs.length;
}

function pdfJobs(pages: readonly SitePage[], dir: string): PdfJob[] {
  return pages
    .filter((page): page is ReportPage => "pdf" in page && page.pdf !== undefined)
    .map((page) => ({
      html: path.join(dir, page.path),
      pdf: path.join(dir, page.pdf?.path ?? ""),
      landscape: page.pdf?.landscape ?? false,
      footer: page.pdf?.footer ?? page.title,
    }));
}
