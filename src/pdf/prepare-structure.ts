import type { Page } from "puppeteer-core";

/**
 * Readies a loaded page for Chromium's PDF tagger, which derives the structure tree from the
 * page's accessibility tree but maps it in two ways a PDF reader cannot use (Chromium 156):
 *
 * - A chart (`<figure>` with a `<figcaption>` and an `<svg role="img">` from src/charts) becomes
 *   two nested Figures: the outer one without alternative text, the inner one with the SVG's
 *   name (title and finding run together) and the SVG's axis and value labels as its content.
 *   Here the figure is named by the chart's `<desc>` (its finding in words) and the drawing is
 *   hidden from the tagger: one Figure whose /Alt is the finding and whose content is its caption;
 *   the drawing is left out of the structure tree. A chart without a caption keeps its SVG as the
 *   Figure, named by the finding alone (a Figure without content would be dropped).
 * - `<strong>` and `<em>` become the PDF 2.0 types Strong and Em, which a PDF 1.7 file does not
 *   have: Poppler reports "StructElem object is wrong type" and drops their text from the
 *   structure. Without their role they become plain text; they look the same (the CSS is theirs).
 *
 * The markup stays as it is for the screen, where it is right for a screen reader; only this
 * page in the browser changes, before it is printed. Idempotent.
 */
export async function prepareStructure(page: Page): Promise<void> {
  await page.evaluate(PREPARE_STRUCTURE);
}

/** The in-page script of `prepareStructure` (a string: the page runs it, not Node). */
export const PREPARE_STRUCTURE = `(() => {
  for (const svg of document.querySelectorAll('svg[role="img"]')) {
    const desc = [...svg.children].find((child) => child.localName === "desc" && child.id);
    if (!desc) continue;
    const figure = svg.closest("figure");
    const caption = figure && [...figure.children].some((child) => child.localName === "figcaption");
    if (caption && figure.querySelectorAll('svg[role="img"]').length === 1) {
      figure.setAttribute("aria-labelledby", desc.id);
      svg.setAttribute("aria-hidden", "true");
    } else {
      svg.setAttribute("aria-labelledby", desc.id);
    }
  }
  for (const element of document.querySelectorAll("strong, em")) element.setAttribute("role", "none");
})()`;
