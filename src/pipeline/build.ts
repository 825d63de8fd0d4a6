import { readFileSync } from "node:fs";
import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../config/normalize-config.ts";
import { checkRejections, formatsRead, ingest, ingestProgress, type IngestReport, type IngestResult } from "../ingest/ingest.ts";
import { scanExports } from "../ingest/list-exports.ts";
import type { Cube } from "../model/cube.ts";
import { dayPeriodCompleteness, describeDayPeriodCompleteness } from "../model/day-period-completeness.ts";
import { parseDay, type Day } from "../model/days.ts";
import { formatMonth, monthOf, parseMonth, type Month } from "../model/months.ts";
import { dayRange, type Registrations } from "../model/registrations.ts";
import { resolveScope } from "../model/scope.ts";
import type { PdfJob } from "../pdf/print-pdfs.ts";
import { qualityLinks } from "../quality/quality-links.ts";
import { qualityReport, type QualityReport } from "../quality/quality-report.ts";
import { writeQualityReport } from "../quality/write-quality-report.ts";
import { loadReference, type Reference } from "../reference/load-reference.ts";
import { GEMEENTE_GEOMETRY, loadGeometry } from "../reference/geometry.ts";
import { loadNationalFigures } from "../reference/national-figures.ts";
import { buildReport } from "../reports/build-report.ts";
import { createReportContext } from "../reports/context.ts";
import type { ReportDefinition } from "../reports/definition.ts";
import { editionOf, previousEdition, type Edition } from "../reports/edition.ts";
import type { IndexPage, ReportPage, SitePage } from "../reports/page.ts";
import { needsRegistrations, servableEditions, type InputPeriods } from "../reports/servable-editions.ts";
import { publicSite } from "../reports/public-site.ts";
import { BUILT_IN_DEFINITIONS, definitionFor } from "../reports/registry.ts";
import { nlDate } from "../site/filters.ts";
import { UserError } from "../user-error.ts";
import type { CompletenessFinding } from "../model/completeness.ts";
import type { BuiltPackage } from "../deliver/delivery-files.ts";
import { checkDeliveries } from "./check-deliveries.ts";
import type { EditionDisclosure } from "./disclose.ts";
import { commentaryFiles, configHash, hashInputs, writeProvisionRecord } from "./provision.ts";
import { checkTotals } from "./check-totals.ts";
import type { BuildLog } from "./log.ts";
import { reportInputsLoader } from "./report-inputs.ts";
import { asWriteError, recoverCrashedBuilds, startStaging } from "./publish.ts";
import { cachedIngest, ingestCacheKey } from "./ingest-cache.ts";
import { folderHash, isReportPage, PageCache } from "./page-cache.ts";
import { openOutput } from "./output-lock.ts";
import { inShard, type Shard } from "./shard.ts";
import { toolFingerprint } from "./tool-fingerprint.ts";
import { buildFingerprint, lastBuildIfCurrent, recordBuild } from "./up-to-date.ts";
import { pinXlsxDates } from "./reproducible.ts";

/** The tool's version, recorded with every build. */
const TOOL_VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** The folder with the Nunjucks layouts that ship with the tool. */
export const LAYOUTS_DIR = fileURLToPath(new URL("../../layouts", import.meta.url));

export interface BuildOptions {
  config: Config;
  /** The build date, "jjjj-mm-dd": "today" for the reports. */
  buildDate: string;
  /** Report kinds to build ("all": every configured and built-in one); those in the config when absent. */
  reports?: readonly string[];
  /** Edition ("jjjj-mm", "jjjj-H1", …) for every report built; each report's configured periods when absent. */
  period?: string;
  /** Only these area codes. */
  areas?: readonly string[];
  /** Make PDFs (default true). */
  pdf?: boolean;
  /**
   * Build only a deterministic share of the areas (`--shard 2/4`), for parallel jobs that share a
   * build: see src/pipeline/shard.ts and mergeShards. Shard 1 also writes the pages that are not per area.
   */
  shard?: Shard;
  /**
   * Reuse the ingested cube and unchanged pages and PDFs of earlier builds, kept under
   * `paths.cache` (default true). The output is the same either way.
   */
  cache?: boolean;
  /**
   * Build even when a delivery looks missing or partial (`--allow-incomplete`): the figures that
   * include those months are marked onvolledig. Without it such a build stops (default false).
   */
  allowIncomplete?: boolean;
  log: BuildLog;
  /**
   * Keeps the reference and the ingested exports between builds of one process (`serve` rebuilds
   * on every change of a layout or commentary file; reading the exports again would take seconds).
   */
  memo?: Map<string, unknown>;
}

export interface BuildResult {
  outDir: string;
  pages: number;
  pdfs: number;
  editions: { kind: string; edition: string }[];
  ingest: IngestReport[];
  /** Missing or partial deliveries accepted with `allowIncomplete`. */
  incomplete: CompletenessFinding[];
  quality: QualityReport;
  /** Disclosure control of each public edition. */
  disclosure: EditionDisclosure[];
  /** The data packages written for recipients (src/deliver), in leveringen/ of the output. */
  packages: BuiltPackage[];
}

interface PlannedEdition {
  definition: ReportDefinition;
  edition: Edition;
  /** The edition before it, whose figures the list of revisions compares with. */
  previous: Edition;
  /**
   * Asked for by `--report all` rather than by name: when the input cannot serve it (monthly
   * figures from yearly input) it is skipped with a log line; a report named is an error.
   */
  optional: boolean;
}

/**
 * Builds the requested editions into the output folder: reference → ingest → report data → HTML
 * (Eleventy) and downloads → PDF (Chromium), staged beside the output and swapped in only when
 * all of it succeeded. Each edition is built from the deliveries up to and including its month;
 * one pass over the files keeps the state at every month an edition (or its predecessor) needs.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // Before anything reads the output or its cache: one build at a time per output folder, and an
  // output a crash left half-swapped put back.
  const lock = await openOutput(options.config.paths.output, { onWait: (message) => options.log.step(message) });
  try {
    return await buildLocked(options);
  } finally {
    await lock.release();
  }
}

async function buildLocked(options: BuildOptions): Promise<BuildResult> {
  const { config } = options;
  // Warnings are kept with the build's record, to be told again when nothing changed since.
  const warnings: string[] = [];
  const log: BuildLog = {
    step: (message) => options.log.step(message),
    info: (message) => options.log.info(message),
    warn: (message) => (warnings.push(message), options.log.warn(message)),
    progress: (label, done, total, text) => options.log.progress(label, done, total, text),
  };
  const requested = planEditions(options);
  const buildMonth = buildMonthOf(options.buildDate);

  log.step("reference: areas, classification, population");
  const reference = await remember(options.memo, "reference", () => loadReference(config));
  const scope = resolveScope(config.scope, reference);
  const folder = await scanExports(config.paths.exports);
  const files = folder.files;
  if (files.length === 0) {
    throw new UserError(`No export files (.csv) in ${config.paths.exports}`, {
      hint: "Put the BVH export files in that folder (or set paths.exports in the config).",
    });
  }

  // Commentary and national figures are read before the exports: a bad file stops the build at once.
  const inputsFor = reportInputsLoader(config, reference, scope, log);
  for (const plan of requested) await inputsFor(plan.definition, plan.edition);

  const lastNeeded = Math.max(...requested.map((plan) => plan.edition.month));
  const deliveries = files.filter((file) => file.delivery === undefined || file.delivery <= lastNeeded);
  const firstDelivery = Math.min(...deliveries.map((file) => file.delivery ?? -Infinity));
  log.step(`ingest: ${deliveries.length} export file(s)`);
  const snapshots = requested.flatMap((plan) => [plan.edition.month, plan.previous.month]);
  // Registrations at day granularity only when a report needs days or incidents: the monthly
  // reports are built from the cube alone, as fast as before and from the same cache entry.
  const wantsRegistrations = requested.some((plan) => needsRegistrations(plan.definition));
  const useCache = options.cache !== false;
  // The content hashes of the inputs serve the caches and the record of provision.
  const exportInputs = await hashInputs(config.root, deliveries.map((file) => ({ file: file.path, kind: "export" as const })));
  const otherInputs = await hashInputs(config.root, [
    ...reference.files.map((file) => ({ file, kind: "reference" as const })),
    ...(await commentaryFiles(config.paths.commentary)).map((file) => ({ file, kind: "commentary" as const })),
    ...(config.reference.wijkBuurtGeometry ? [{ file: path.resolve(config.paths.reference, config.reference.wijkBuurtGeometry), kind: "reference" as const }] : []),
    // The national figures are optional (a project without them compares with the eenheid only):
    // an input only when the file is there.
    ...(requested.some((plan) => plan.definition.kind === "gebiedsscan" || plan.definition.audience === "public") && (await isFile(path.join(config.paths.realdata, "misdrijven-gemeente-jaar.csv")))
      ? [{ file: path.join(config.paths.realdata, "misdrijven-gemeente-jaar.csv"), kind: "national" as const }]
      : []),
    // The maps (public site, the gebiedsscan's eenheid) are drawn from the gemeente boundaries, when the reference has them.
    ...(requested.some((plan) => plan.definition.audience === "public" || plan.definition.kind === "gebiedsscan") && (await isFile(path.join(config.paths.reference, GEMEENTE_GEOMETRY)))
      ? [{ file: path.join(config.paths.reference, GEMEENTE_GEOMETRY), kind: "reference" as const }]
      : []),
  ]);
  const outDir = config.paths.output;
  const layoutsDir = config.paths.layouts ?? LAYOUTS_DIR;
  const makePdfs = options.pdf !== false;
  // Nothing changed since the last build into this folder, which is still as that build left it:
  // a build now would write the same bytes.
  const fingerprint = useCache
    ? buildFingerprint({
        tool: await toolFingerprint(),
        node: process.version,
        chromium: makePdfs ? await chromiumIdentity() : undefined,
        config: configHash(config),
        options: { buildDate: options.buildDate, reports: options.reports, period: options.period, areas: options.areas, pdf: makePdfs, allowIncomplete: options.allowIncomplete, shard: options.shard },
        inputs: [...exportInputs, ...otherInputs].map((input) => [input.path, input.sha256]),
        layouts: await folderHash(layoutsDir),
      })
    : undefined;
  const last = fingerprint ? await lastBuildIfCurrent<BuildResult>(config.paths.cache, outDir, fingerprint) : undefined;
  if (last) {
    await recoverCrashedBuilds(outDir);
    for (const warning of last.warnings) options.log.warn(warning);
    log.step(`nothing changed since the last build: ${path.relative(config.root, outDir) || "."} is up to date`);
    return last.result;
  }
  const ingestOptions = {
    reference,
    columns: config.columns,
    lastPlausibleMonth: buildMonth,
    earliestYear: config.ingest.earliestYear,
    snapshots,
    scopeGemeenten: scope.gemeenten,
    ...(wantsRegistrations ? { registrations: true, moCodes: reference.modusOperandi.codes() } : {}),
    onProgress: (at: Parameters<typeof ingestProgress>[0]) => log.progress("ingest", at.bytes, at.totalBytes, ingestProgress(at)),
  };
  const ingested = await remember(options.memo, `ingest ${lastNeeded} ${[...new Set(snapshots)].sort().join(",")}${wantsRegistrations ? " registrations" : ""}`, async () => {
    if (!useCache) return ingest(deliveries, ingestOptions);
    const key = ingestCacheKey({
      tool: await toolFingerprint(),
      exports: exportInputs.map((input) => ({ path: input.path, sha256: input.sha256 })),
      reference: otherInputs.filter((input) => input.kind === "reference").map((input) => ({ path: input.path, sha256: input.sha256 })),
      options: {
        columns: config.columns,
        lastPlausibleMonth: buildMonth,
        earliestYear: config.ingest.earliestYear,
        snapshots: [...new Set(snapshots)].sort((a, b) => a - b),
        scope: scope.gemeenten,
        ...(wantsRegistrations ? { registrations: true } : {}),
      },
    });
    const { result, cached } = await cachedIngest(path.join(config.paths.cache, "ingest"), key, () => ingest(deliveries, ingestOptions));
    if (cached) log.info(`ingest: the exports are unchanged since an earlier build; cube read from ${path.relative(config.root, config.paths.cache) || "."}`);
    return result;
  });
  const report = ingested.report;
  checkRejections(report, config.ingest.maxRejectedShare);
  // Before anything else is checked or written: a report the input's periods cannot serve stops the
  // build (or, asked for by --report all, is left out with a line in the log).
  const hasRegistrations = report.files.some((file) => file.format === "bvh-registraties" && file.used > 0);
  const planned = servablePlans(requested, (plan) => inputPeriodsOf(ingested.snapshots.get(plan.edition.month) ?? ingested.cube, hasRegistrations), log);
  log.info(`ingest: ${formatsRead(report)}; ${report.rowsUsed} of ${report.rowsRead} rows used, ${report.rowsRejected} rejected, ${report.revisions.count} revisions`);
  // The same checks as `validate`; what is suspicious is told, and written beside the reports.
  const quality = qualityReport({
    ingest: report,
    folder,
    reference,
    periode: formatMonth(lastNeeded),
    buildDate: options.buildDate,
    maxRejectedShare: config.ingest.maxRejectedShare,
    earliestYear: config.ingest.earliestYear,
    partialDeliveryShare: config.ingest.partialDeliveryShare,
  });
  for (const warning of quality.warnings) log.warn(warning);

  // A week or a day must lie wholly in the deliveries: a week across a month's end needs both.
  for (const plan of planned) {
    if (!plan.edition.days) continue;
    const registrations = registrationsOf(ingested, plan.edition.month);
    const delivered = report.files.flatMap((file) => (file.delivery === undefined ? [] : [parseMonth(file.delivery)])).filter((month): month is Month => month !== undefined && month <= plan.edition.month);
    const check = dayPeriodCompleteness(plan.edition.days, delivered, registrations ? (dayRange(registrations)?.last ?? -Infinity) : -Infinity);
    if (check.complete) continue;
    const message = `${plan.definition.kind} ${plan.edition.id}: ${describeDayPeriodCompleteness(plan.edition.days, check)}`;
    // A missing delivery is impossible to build on; data that end early (the last pleegdatum lies
    // before the period's end) are suspicious — a delivery exported mid-month, or a quiet area.
    if (check.missing.length === 0) {
      log.warn(`the registrations end before the period does, so its last days may be incomplete: ${message}`);
      continue;
    }
    if (!options.allowIncomplete) {
      throw new UserError(`Missing deliveries for a period of days — ${message}`, {
        hint: "Add the export of each month the period's days lie in, or pass --allow-incomplete to build anyway (the figures are then too low).",
      });
    }
    log.warn(`incomplete period accepted with --allow-incomplete: ${message}`);
  }
  // Before any page: a missing delivery must stop the build, not show as a fall in crime.
  const incomplete = new Map<number, CompletenessFinding[]>();
  for (const month of [...new Set(planned.map((plan) => plan.edition.month))].sort((a, b) => a - b)) {
    incomplete.set(
      month,
      checkDeliveries({
        cube: ingested.snapshots.get(month) ?? ingested.cube,
        report,
        reference,
        scope,
        month,
        periods: planned.filter((plan) => plan.edition.month === month).map((plan) => plan.edition.period),
        years: config.comparison.years,
        allowIncomplete: options.allowIncomplete ?? false,
        log,
      }),
    );
  }
  const checkedCubes = new Set<object>();

  const computed: SitePage[] = [];
  for (const plan of planned) {
    const cube = ingested.snapshots.get(plan.edition.month) ?? ingested.cube;
    const previousCube = plan.previous.month >= firstDelivery ? ingested.snapshots.get(plan.previous.month) : undefined;
    const ctx = createReportContext({
      reference,
      scope,
      cube,
      edition: plan.edition,
      lastCompleteMonth: buildMonth - 1,
      comparison: config.comparison,
      // Years the config or the source itself (2024*) marks provisional.
      voorlopig: [...config.voorlopig, ...report.voorlopig],
      ...(previousCube ? { previous: { edition: plan.previous, cube: previousCube } } : {}),
      incomplete: incomplete.get(plan.edition.month) ?? [],
      ...(await inputsFor(plan.definition, plan.edition)),
      lastCompleteDay: buildDayOf(options.buildDate) - 1,
      fenomenen: plan.definition.fenomenen,
      ...(needsRegistrations(plan.definition) && registrationsOf(ingested, plan.edition.month) ? { registrations: registrationsOf(ingested, plan.edition.month) as Registrations } : {}),
    });
    if (!checkedCubes.has(cube)) {
      checkTotals(cube, ctx);
      checkedCubes.add(cube);
    }
    const built = buildReport(plan.definition, ctx, {
      organisation: config.organisation,
      buildDate: nlDate(options.buildDate),
      ...(options.areas ? { areas: options.areas } : {}),
    });
    for (const line of built.notInInput) log.warn(line);
    if (built.pages.length === 0) {
      throw new UserError(`${plan.definition.kind} ${plan.edition.id}: no area in scope${options.areas ? ` matches --area ${options.areas.join(",")}` : ""}`, {
        hint: "Check --area against the gemeente- and basisteamcodes of the scope in the config.",
        exitCode: 2,
      });
    }
    // A public report's edition index comes with its public site (below).
    computed.push(...built.pages, ...(plan.definition.audience === "public" ? [] : [built.index]));
  }

  // Public figures pass disclosure control before anything is rendered or written: the pages from
  // here on are those it returns (a public page's figures as published).
  const { discloseEditions } = await import("./disclose.ts");
  const { pages: disclosed, editions: disclosure } = await discloseEditions(computed, planned, config, reference, log);
  const pages: SitePage[] = [...disclosed];

  // A shard writes its areas' pages (and shard 1 the pages that are not per area); every shard
  // knows all pages, so that indexes and the record of provision are those of the whole build.
  const allPages = [...pages];
  const shard = options.shard;
  const ownPages = (list: readonly SitePage[]): SitePage[] => (shard ? list.filter((page) => (isReportPage(page) ? inShard(page.area.code, shard) : shard.index === 1)) : [...list]);
  // Pages whose data, layouts and tool are as in the last build keep their files (HTML, PDF, downloads).
  const pageCache = useCache ? await PageCache.open(config.paths.cache, outDir, JSON.stringify([await toolFingerprint(), await folderHash(layoutsDir), options.buildDate, makePdfs])) : undefined;
  // A first guess, so that the staging folder keeps those files; decided below on the final page data.
  const early = pageCache ? await pageCache.keepable(ownPages(pages), makePdfs) : new Set<string>();
  // A full edition replaces its folder; a build of some areas (or a shard) only rewrites their files.
  const replaced = options.areas || shard ? [] : planned.map((plan) => `${plan.definition.kind}/${plan.edition.id}`);
  const staging = await startStaging(outDir, replaced, String(process.pid), early);
  try {
    const publicFiles: { path: string; content: string }[] = [];
    const assetRoots = [""];
    for (const definition of new Set(planned.filter((plan) => plan.definition.audience === "public").map((plan) => plan.definition))) {
      const site = await publicSiteOf(definition, planned, pages, staging.dir, config, options.buildDate, { regionName: scope.name, reference });
      pages.push(...site.pages);
      publicFiles.push(...site.files);
      assetRoots.push(`${definition.kind}/`);
    }
    const index = await rootIndex(staging.dir, planned, config, options.buildDate);
    index.groups.push(await qualityLinks(staging.dir, quality.periode));
    pages.push(index);
    allPages.push(...pages.slice(allPages.length));
    // Every page is now as it will be rendered (the public site adds to its pages, and makes pages
    // of its own): those whose final data and files are as the last build left them are kept. Files
    // the staging folder lacks are linked in from the output; those of the first guess whose page
    // changed are taken out, to be written anew.
    const reused = pageCache ? await pageCache.reusable(ownPages(pages), makePdfs) : { pages: new Set<string>(), files: new Set<string>() };
    await staging.keepOnly(reused.files);
    const fresh = ownPages(pages).filter((page) => !reused.pages.has(page.path));
    const kept = reused.pages.size > 0 ? ` (${reused.pages.size} unchanged, kept)` : "";
    log.step(`html: ${fresh.length} pages${kept}`);
    // Loading Eleventy is not rendering: the clock starts after it (the bench's bare build has it loaded too).
    const { renderSite } = await import("../site/render-site.ts");
    const htmlStarted = performance.now();
    await renderSite(fresh, { layoutsDir, outDir: staging.dir, assetRoots, onProgress: (done, total) => log.progress("html", done, total, `${done}/${total} pages`) });
    log.info(`html: ${fresh.length} pages rendered in ${seconds(htmlStarted)} s`);
    if (!shard || shard.index === 1) {
      await writeQualityReport(quality, staging.dir, { layoutsDir, organisation: config.organisation });
      await writeFiles(staging.dir, publicFiles);
    }
    const { writeDownloads } = await import("../site/write-downloads.ts");
    const downloads = await writeDownloads(fresh, staging.dir, options.buildDate);
    log.info(`downloads: ${downloads.length} files (CSV, XLSX)`);
    // Data packages per recipient and the JSON API, from the same page data after disclosure control.
    const { deliveryFiles } = await import("../deliver/delivery-files.ts");
    // A shard writes the API of its areas; shard 1 the rest, as one build would (every shard has all page data).
    const delivery = deliveryFiles(allPages.filter(isReportPage), planned, config, {
      buildDate: options.buildDate,
      whole: !options.areas,
      areaName: (code) => reference.areas.get(code)?.naam,
      ...(shard ? { shard: { owns: (code: string) => inShard(code, shard), shared: shard.index === 1 } } : {}),
    });
    for (const line of delivery.notes) log.info(line);
    await writeFiles(staging.dir, delivery.files);
    if (delivery.packages.length > 0) log.info(`delivery: ${delivery.packages.length} data packages for ${new Set(delivery.packages.map((item) => item.recipient.id)).size} recipients`);
    const jobs: PdfJob[] = makePdfs ? pdfJobs(fresh, staging.dir) : [];
    if (jobs.length > 0) {
      log.step(`pdf: ${jobs.length} files${kept}`);
      const pdfStarted = performance.now();
      const { printPdfs } = await import("../pdf/print-pdfs.ts");
      const { prints } = await printPdfs(jobs, { buildDate: options.buildDate, onProgress: (done, total) => log.progress("pdf", done, total) });
      log.info(`pdf: ${jobs.length} files printed in ${seconds(pdfStarted)} s (${prints} prints: a table of contents needs a second one unless its page numbers were guessed right)`);
    }
    await pinXlsxDates(downloads.filter((file) => file.endsWith(".xlsx")).map((file) => path.join(staging.dir, file)), options.buildDate);
    // Last: the record of what this build provides to whom, over the files exactly as published.
    const record = await writeProvisionRecord(staging.dir, { pages: allPages, config, buildDate: options.buildDate, toolVersion: TOOL_VERSION, inputs: [...exportInputs, ...otherInputs], packages: delivery.packages, known: pageCache?.knownFiles(reused.files) });
    await staging.commit();
    await pageCache?.save(ownPages(pages), makePdfs, new Map(record.files.map((file) => [file.path, file.sha256])));
    const result: BuildResult = {
      outDir,
      pages: pages.length,
      pdfs: jobs.length + (makePdfs ? ownPages(allPages).filter((page) => reused.pages.has(page.path) && "pdf" in page && page.pdf).length : 0),
      editions: planned.map((plan) => ({ kind: plan.definition.kind, edition: plan.edition.id })),
      ingest: [report],
      incomplete: [...new Set([...incomplete.values()].flat())],
      quality,
      disclosure,
      packages: delivery.packages,
    };
    if (fingerprint) await recordBuild(config.paths.cache, outDir, fingerprint, result, warnings);
    return result;
  } catch (error) {
    await staging.discard();
    throw asWriteError(error, outDir);
  }
}

/** Which Chromium prints the PDFs (path, size, modification time): a new Chromium may print other bytes. */
async function chromiumIdentity(): Promise<string | undefined> {
  try {
    const { findChromium } = await import("../pdf/find-chromium.ts");
    const executable = findChromium();
    const info = await stat(executable);
    return `${executable} ${info.size} ${info.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Whether `file` exists (a missing one is ENOENT; anything else there is left for the hashing to report). */
async function isFile(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

/** Seconds since `start` (a performance.now() reading), to one decimal. */
function seconds(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(1);
}

/** The value under `key` in `memo`, computed by `make` when absent (always, without a memo). */
async function remember<T>(memo: Map<string, unknown> | undefined, key: string, make: () => Promise<T>): Promise<T> {
  if (!memo) return make();
  if (!memo.has(key)) memo.set(key, await make());
  return memo.get(key) as T;
}

/**
 * The public site of a public report: its editions built now (after disclosure control) and those
 * already published in the output folder, newest first.
 */
async function publicSiteOf(
  definition: ReportDefinition,
  planned: readonly PlannedEdition[],
  pages: readonly SitePage[],
  dir: string,
  config: Config,
  buildDate: string,
  context: { regionName: string; reference: Reference },
) {
  const built = new Map<string, ReportPage[]>();
  const editions = new Map<string, Edition>();
  for (const plan of planned.filter((candidate) => candidate.definition === definition)) {
    editions.set(plan.edition.id, plan.edition);
    built.set(plan.edition.id, pages.filter((page): page is ReportPage => "area" in page && page.report.kind === definition.kind && page.edition.id === plan.edition.id));
  }
  const existingPages: string[] = [];
  const rebuilt = new Set(editions.keys());
  for (const entry of await readdir(path.join(dir, definition.kind), { recursive: true }).catch(() => [] as string[])) {
    const [folder] = entry.split(path.sep);
    if (!folder || rebuilt.has(folder)) continue;
    try {
      const edition = editionOf(definition.period, folder, definition.kind);
      if (edition.id === folder) editions.set(folder, edition);
      if (entry.endsWith(".html")) existingPages.push(`${definition.kind}/${entry.split(path.sep).join("/")}`);
    } catch {
      // Not an edition folder (assets, pages of the site itself).
    }
  }
  const newestFirst = [...editions.values()].sort((a, b) => b.month - a.month);
  // Maps and the comparison with Nederland are left out (not left empty) without their files.
  const geometryFile = path.join(config.paths.reference, GEMEENTE_GEOMETRY);
  const geometry = (await isFile(geometryFile)) ? await loadGeometry(geometryFile) : undefined;
  const national = await loadNationalFigures(config);
  return publicSite(definition, newestFirst, built, {
    organisation: config.publicSite.publisher ?? config.organisation,
    baseUrl: config.publicSite.baseUrl,
    contact: config.publicSite.contact,
    buildDate,
    buildDateLabel: nlDate(buildDate),
    existingPages,
    regionName: context.regionName,
    ...(geometry ? { geometry } : {}),
    ...(national ? { national } : {}),
    inwoners: (code, year) => context.reference.population.of(code, year)?.inwoners,
  });
}

async function writeFiles(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.content);
  }
}

function planEditions(options: BuildOptions): PlannedEdition[] {
  const { config } = options;
  const configured = config.reports.map((report) => report.definition);
  const everything = [...new Set([...configured, ...BUILT_IN_DEFINITIONS.keys()])];
  const all = options.reports?.includes("all") ?? false;
  // Reports named besides "all" (--report all --report gebiedsscan) are still asked for by name.
  const named = new Set(options.reports?.filter((kind) => kind !== "all") ?? []);
  const wanted = all ? everything : (options.reports ?? configured);
  if (wanted.length === 0) {
    throw new UserError("No reports to build", {
      hint: `Name one with --report (${[...BUILT_IN_DEFINITIONS.keys()].join(", ")}) or list them under "reports" in the config.`,
      exitCode: 2,
    });
  }
  const planned: PlannedEdition[] = [];
  for (const kind of wanted) {
    const definition = definitionFor(kind, config.definitions);
    const periods = options.period ? [options.period] : (config.reports.find((report) => report.definition === kind)?.periods ?? []);
    if (periods.length === 0) {
      throw new UserError(`No period for report ${kind}`, { hint: "Pass --period jjjj-mm, or list periods for it in the config.", exitCode: 2 });
    }
    for (const period of periods) {
      const edition = editionOf(definition.period, period, kind);
      planned.push({ definition, edition, previous: previousEdition(definition.period, edition, kind), optional: all && !named.has(kind) });
    }
  }
  return planned;
}

/**
 * The planned editions the input's periods can serve. A report named (on the command line or in
 * the config) that the input cannot serve stops the build with a UserError naming report, period
 * and what the input holds; one asked for only by `--report all` is skipped with a log line.
 */
function servablePlans(plans: readonly PlannedEdition[], inputOf: (plan: PlannedEdition) => InputPeriods, log: BuildLog): PlannedEdition[] {
  const { servable, skipped, refused } = servableEditions(plans, inputOf);
  for (const problem of skipped) log.info(`--report all: ${problem}; left out`);
  if (refused.length > 0) {
    throw new UserError(refused.join("\n"), {
      hint: "Build a report these figures can serve (for yearly figures a yearly report: --report gebiedsscan --period jjjj), or add exports with finer periods.",
      exitCode: 2,
    });
  }
  if (servable.length === 0) {
    throw new UserError("Nothing to build: the exports cannot serve any of the reports asked for", {
      hint: "For yearly figures build a yearly report: --report gebiedsscan --period jjjj.",
      exitCode: 2,
    });
  }
  return servable;
}

/** The registrations as of the deliveries up to `month`, when ingest kept them. */
function registrationsOf(ingested: IngestResult, month: Month): Registrations | undefined {
  return ingested.registrations ? (ingested.registrations.snapshots.get(month) ?? ingested.registrations.all) : undefined;
}

/** What the servable check needs to know of the input as of an edition. */
function inputPeriodsOf(cube: Cube, registrations: boolean): InputPeriods {
  return { granularity: cube.granularity, firstMonth: cube.firstMonth, lastMonth: cube.lastMonth, registrations };
}

function buildDayOf(buildDate: string): Day {
  const day = parseDay(buildDate);
  if (day === undefined) throw new UserError(`Build date "${buildDate}" is not a date`, { hint: "Use jjjj-mm-dd, e.g. --build-date 2026-01-15.", exitCode: 2 });
  return day;
}

function buildMonthOf(buildDate: string): Month {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(buildDate);
  if (!match) throw new UserError(`Build date "${buildDate}" is not a date`, { hint: "Use jjjj-mm-dd, e.g. --build-date 2026-01-15.", exitCode: 2 });
  return monthOf(Number(match[1]), Number(match[2]));
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
async function rootIndex(dir: string, planned: readonly PlannedEdition[], config: Config, buildDate: string): Promise<IndexPage> {
  const groups: IndexPage["groups"] = [];
  const definitions = new Map([...BUILT_IN_DEFINITIONS, ...config.definitions.map((definition) => [definition.kind, definition] as const)]);
  for (const definition of definitions.values()) {
    const editions = new Map(planned.filter((plan) => plan.definition.kind === definition.kind).map((plan) => [plan.edition.id, plan.edition.label]));
    for (const existing of await readdir(path.join(dir, definition.kind)).catch(() => [] as string[])) {
      if (editions.has(existing)) continue;
      try {
        editions.set(existing, editionOf(definition.period, existing, definition.kind).label);
      } catch {
        // Not an edition folder of this report (left by hand or by another version): not listed.
      }
    }
    if (editions.size === 0) continue;
    groups.push({
      title: definition.title,
      links: [...editions]
        .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
        .map(([id, label]) => ({ href: `${definition.kind}/${id}/index.html`, label: `${definition.title} ${label}` })),
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
