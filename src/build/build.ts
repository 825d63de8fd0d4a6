import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../config/normalize-config.ts";
import { checkRejections, ingest, type IngestReport } from "../ingest/ingest.ts";
import { listExports, type ExportFile } from "../ingest/list-exports.ts";
import { monthLabel } from "../model/dutch-months.ts";
import { formatMonth, monthOf, parseMonth, type Month } from "../model/months.ts";
import { resolveScope } from "../model/scope.ts";
import { printPdfs, type PdfJob } from "../pdf/print-pdfs.ts";
import { loadReference } from "../reference/load-reference.ts";
import { buildReport } from "../reports/build-report.ts";
import { createReportContext } from "../reports/context.ts";
import type { ReportDefinition } from "../reports/definition.ts";
import type { IndexPage, ReportPage, SitePage } from "../reports/page.ts";
import { BUILT_IN_DEFINITIONS, definitionFor } from "../reports/registry.ts";
import { nlDate } from "../site/filters.ts";
import { renderSite } from "../site/render-site.ts";
import { UserError } from "../user-error.ts";
import type { BuildLog } from "./log.ts";
import { startStaging } from "./publish.ts";

/** The folder with the Nunjucks layouts that ship with the tool. */
export const LAYOUTS_DIR = fileURLToPath(new URL("../../layouts", import.meta.url));

export interface BuildOptions {
  config: Config;
  /** The build date, "jjjj-mm-dd": "today" for the reports. */
  buildDate: string;
  /** Report kinds to build; those in the config when absent. */
  reports?: readonly string[];
  /** Edition month "jjjj-mm" for every report built; each report's configured periods when absent. */
  period?: string;
  /** Only these area codes. */
  areas?: readonly string[];
  /** Make PDFs (default true). */
  pdf?: boolean;
  log: BuildLog;
}

export interface BuildResult {
  outDir: string;
  pages: number;
  pdfs: number;
  editions: { kind: string; edition: string }[];
  ingest: IngestReport[];
}

interface Edition {
  definition: ReportDefinition;
  month: Month;
}

/**
 * Builds the requested editions into the output folder: reference → ingest → report data → HTML
 * (Eleventy) → PDF (Chromium), staged beside the output and swapped in only when all of it
 * succeeded. Each edition month is built from the deliveries up to and including that month.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { config, log } = options;
  const editions = planEditions(options);
  const buildMonth = buildMonthOf(options.buildDate);

  log.step("reference: areas, classification, population");
  const reference = await loadReference(config);
  const scope = resolveScope(config.scope, reference);
  const files = await listExports(config.paths.exports);
  if (files.length === 0) {
    throw new UserError(`No export files (.csv) in ${config.paths.exports}`, {
      hint: "Put the BVH export files in that folder (or set paths.exports in the config).",
    });
  }

  const pages: SitePage[] = [];
  const reports: IngestReport[] = [];
  for (const month of [...new Set(editions.map((edition) => edition.month))].sort((a, b) => a - b)) {
    const deliveries = deliveriesUpTo(files, month);
    log.step(`ingest for ${formatMonth(month)}: ${deliveries.length} export file(s)`);
    const { cube, report } = await ingest(deliveries, {
      reference,
      columns: config.columns,
      lastPlausibleMonth: buildMonth,
      earliestYear: config.ingest.earliestYear,
      onFile: (file, index, total) => log.progress("ingest", index + 1, total),
    });
    checkRejections(report, config.ingest.maxRejectedShare);
    reports.push(report);
    log.info(`ingest: ${report.rowsUsed} of ${report.rowsRead} rows used, ${report.rowsRejected} rejected, ${report.revisions.count} revisions`);
    const ctx = createReportContext({
      reference,
      scope,
      cube,
      edition: month,
      lastCompleteMonth: buildMonth - 1,
      comparison: config.comparison,
      voorlopig: config.voorlopig,
    });
    for (const edition of editions.filter((candidate) => candidate.month === month)) {
      const built = buildReport(edition.definition, ctx, {
        organisation: config.organisation,
        buildDate: nlDate(options.buildDate),
        ...(options.areas ? { areas: options.areas } : {}),
      });
      if (built.pages.length === 0) {
        throw new UserError(`${edition.definition.kind} ${formatMonth(month)}: no area in scope${options.areas ? ` matches --area ${options.areas.join(",")}` : ""}`, {
          hint: "Check --area against the gemeente- and basisteamcodes of the scope in the config.",
          exitCode: 2,
        });
      }
      pages.push(...built.pages, built.index);
    }
  }

  const outDir = config.paths.output;
  const replaced = editions.map((edition) => `${edition.definition.kind}/${formatMonth(edition.month)}`);
  const staging = await startStaging(outDir, replaced, String(process.pid));
  try {
    pages.push(await rootIndex(staging.dir, editions, config, options.buildDate));
    log.step(`html: ${pages.length} pages`);
    await renderSite(pages, { layoutsDir: LAYOUTS_DIR, outDir: staging.dir });
    const jobs: PdfJob[] = options.pdf === false ? [] : pdfJobs(pages, staging.dir);
    if (jobs.length > 0) {
      log.step(`pdf: ${jobs.length} files`);
      await printPdfs(jobs, { onProgress: (done, total) => log.progress("pdf", done, total) });
    }
    await staging.commit();
    return {
      outDir,
      pages: pages.length,
      pdfs: jobs.length,
      editions: editions.map((edition) => ({ kind: edition.definition.kind, edition: formatMonth(edition.month) })),
      ingest: reports,
    };
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

function planEditions(options: BuildOptions): Edition[] {
  const { config } = options;
  const wanted = options.reports ?? config.reports.map((report) => report.definition);
  if (wanted.length === 0) {
    throw new UserError("No reports to build", {
      hint: `Name one with --report (${[...BUILT_IN_DEFINITIONS.keys()].join(", ")}) or list them under "reports" in the config.`,
      exitCode: 2,
    });
  }
  const editions: Edition[] = [];
  for (const kind of wanted) {
    const definition = definitionFor(kind);
    const periods = options.period ? [options.period] : (config.reports.find((report) => report.definition === kind)?.periods ?? []);
    if (periods.length === 0) {
      throw new UserError(`No period for report ${kind}`, { hint: "Pass --period jjjj-mm, or list periods for it in the config.", exitCode: 2 });
    }
    for (const period of periods) {
      const month = parseMonth(period);
      if (month === undefined) throw new UserError(`Period "${period}" is not a month`, { hint: 'Use jjjj-mm, e.g. --period 2025-12.', exitCode: 2 });
      editions.push({ definition, month });
    }
  }
  return editions;
}

function buildMonthOf(buildDate: string): Month {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(buildDate);
  if (!match) throw new UserError(`Build date "${buildDate}" is not a date`, { hint: "Use jjjj-mm-dd, e.g. --build-date 2026-01-15.", exitCode: 2 });
  return monthOf(Number(match[1]), Number(match[2]));
}

/** The deliveries an edition is built from: those up to and including its month (and undated files). */
function deliveriesUpTo(files: readonly ExportFile[], month: Month): ExportFile[] {
  return files.filter((file) => file.delivery === undefined || file.delivery <= month);
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

/** The front page: every report with its editions, newest first, including editions of earlier builds. */
async function rootIndex(dir: string, editions: readonly Edition[], config: Config, buildDate: string): Promise<IndexPage> {
  const groups: IndexPage["groups"] = [];
  for (const definition of BUILT_IN_DEFINITIONS.values()) {
    const months = new Set(editions.filter((edition) => edition.definition === definition).map((edition) => formatMonth(edition.month)));
    for (const existing of await readdir(path.join(dir, definition.kind)).catch(() => [] as string[])) {
      if (parseMonth(existing) !== undefined) months.add(existing);
    }
    if (months.size === 0) continue;
    groups.push({
      title: definition.title,
      links: [...months]
        .sort()
        .reverse()
        .map((month) => ({ href: `${definition.kind}/${month}/index.html`, label: `${definition.title} ${monthLabel(parseMonth(month) ?? 0)}` })),
    });
  }
  return {
    path: "index.html",
    layout: "index.njk",
    title: config.title,
    root: "",
    intro: "Periodieke veiligheidsrapportages per gemeente en basisteam, gemaakt uit de registraties in BVH.",
    groups,
    organisation: config.organisation,
    buildDate: nlDate(buildDate),
    breadcrumbs: [],
  };
}
