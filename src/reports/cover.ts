import type { ReportPage } from "./page.ts";

/** A paragraph of a cover: its role names its class (`<style>-<role>`); its lines are separated by line breaks. */
export interface CoverParagraph {
  role: string;
  lines: string[];
}

/**
 * The title page of a report's PDF (layouts/partials/cover.njk): hidden on screen, printed first,
 * left out of the PDF's structure tree. Everything it says is ready here.
 */
export interface Cover {
  /**
   * The class of the cover and the prefix of its parts' classes, and so its look: "cover" is drawn
   * by site.css (every report with a cover), "gs-cover" by gebiedsscan.css.
   */
  style: "cover" | "gs-cover";
  organisation: string;
  /** The title, in order: paragraphs, or a group of paragraphs in one block (its role names the block). */
  title: (CoverParagraph | { role: string; group: CoverParagraph[] })[];
  /** Term and description, e.g. "Gemaakt op" 10 februari 2026. */
  facts: { term: string; detail: string }[];
  /** The audience marking of a page that is not public ("Vertrouwelijk — …"). */
  audience?: string;
}

/** The source the layouts name when a page names none. */
const DEFAULT_SOURCE = "Registraties in BVH (politie)";

/**
 * The cover of a report page: the gebiedsscan's (a scan of an area for its mayor: its own title
 * block, what it covers and its sources) or that of every other report (report, area, period and
 * edition). Pure; call it on a page whose PDF has a cover.
 */
export function coverOf(page: ReportPage): Cover {
  const audience = page.report.audience !== "public" ? { audience: page.report.audienceLabel } : {};
  const level = capitalize(page.area.level);
  if (page.layout === "gebiedsscan.njk") {
    const commentary = page.sections.some((section) => section.type === "text") ? ", met een beschouwing van de politie" : "";
    return {
      style: "gs-cover",
      organisation: page.organisation,
      title: [
        {
          role: "title",
          group: [
            { role: "kind", lines: [`${page.report.title} ${page.edition.label}`] },
            { role: "area", lines: [page.area.naam] },
            { role: "level", lines: [`${level} ${page.area.code}`] },
          ],
        },
        { role: "subtitle", lines: [`De cijfers van ${page.period.label}, vergeleken met eerdere jaren${commentary}`] },
      ],
      facts: [
        { term: "Gemaakt op", detail: page.buildDate },
        { term: "Bron", detail: `${page.source ?? DEFAULT_SOURCE}; gebieden en inwoners: CBS` },
      ],
      ...audience,
    };
  }
  return {
    style: "cover",
    organisation: page.organisation,
    title: [
      { role: "kind", lines: [page.report.title] },
      { role: "area", lines: [page.area.naam] },
      { role: "period", lines: [page.period.label, `vergeleken met ${page.period.previousLabel}`] },
    ],
    facts: [
      { term: "Gebied", detail: `${level} ${page.area.naam} (${page.area.code})` },
      { term: "Editie", detail: page.edition.label },
      { term: "Gemaakt op", detail: page.buildDate },
    ],
    ...audience,
  };
}

/** As Nunjucks' `capitalize`, which the covers used: "gemeente" → "Gemeente". */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}
