import nunjucks from "nunjucks";
import { FILTERS, nlDate } from "../site/filters.ts";
import type { QualityReport } from "./quality-report.ts";

export interface RenderQualityOptions {
  /** Folder with the Nunjucks layouts (kwaliteit.njk and the base layout it extends). */
  layoutsDir: string;
  organisation: string;
}

/**
 * The data-quality report as an HTML page for `kwaliteit/<periode>.html` (one folder below the
 * site root), autoescaped like every page: a code or file name can never become markup.
 */
export function renderQualityReport(report: QualityReport, options: RenderQualityOptions): string {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(options.layoutsDir), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  for (const [name, filter] of Object.entries(FILTERS)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  const page = {
    title: `Datakwaliteit ${report.periode}`,
    root: "../",
    organisation: options.organisation,
    buildDate: nlDate(report.buildDate),
    breadcrumbs: [{ href: "../index.html", label: "Overzicht" }],
    quality: report,
    shares: { rejected: percent(report.rows.rejectedShare), allowed: percent(report.rows.maxRejectedShare) },
  };
  return env.render("kwaliteit.njk", { p: page });
}

/** The report as JSON: stable key order, two-space indent, final newline. */
export function qualityReportJson(report: QualityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2).replace(".", ",")}%`;
}
