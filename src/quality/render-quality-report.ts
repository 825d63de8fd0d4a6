import { nlDate } from "../site/filters.ts";
import { renderPage } from "../site/render-page.ts";
import type { QualityReport } from "./quality-report.ts";

export interface RenderQualityOptions {
  /** Folder with the Nunjucks layouts (kwaliteit.njk and the base layout it extends). */
  layoutsDir: string;
  organisation: string;
}

/**
 * The data-quality report as an HTML page for `kwaliteit/<periode>.html` (one folder below the
 * site root), rendered with the site's Nunjucks environment (src/site/render-page.ts) and so
 * autoescaped like every page: a code or file name can never become markup.
 */
export function renderQualityReport(report: QualityReport, options: RenderQualityOptions): string {
  const page = {
    title: `Datakwaliteit ${report.periode}`,
    root: "../",
    organisation: options.organisation,
    buildDate: nlDate(report.buildDate),
    breadcrumbs: [{ href: "../index.html", label: "Overzicht" }],
    quality: report,
    shares: { rejected: percent(report.rows.rejectedShare), allowed: percent(report.rows.maxRejectedShare) },
  };
  return renderPage("kwaliteit.njk", page, { layoutsDir: options.layoutsDir });
}

/** The report as JSON: stable key order, two-space indent, final newline. */
export function qualityReportJson(report: QualityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2).replace(".", ",")}%`;
}
