import path from "node:path";
import type { Config } from "../../config/normalize-config.ts";
import { checkRejections, formatsRead, ingest, ingestProgress, type IngestReport, type IngestResult } from "../../ingest/ingest.ts";
import type { ExportFile, ExportsFolder } from "../../ingest/list-exports.ts";
import type { CompletenessFinding } from "../../model/completeness.ts";
import type { Cube } from "../../model/cube.ts";
import { dayPeriodCompleteness, describeDayPeriodCompleteness } from "../../model/day-period-completeness.ts";
import { formatMonth, parseMonth, type Month } from "../../model/months.ts";
import { dayRange, type Registrations } from "../../model/registrations.ts";
import { resolveScope } from "../../model/scope.ts";
import { qualityReport, type QualityReport } from "../../quality/quality-report.ts";
import { loadReference, type Reference } from "../../reference/load-reference.ts";
import { UserError } from "../../user-error.ts";
import { checkDeliveries } from "../check-deliveries.ts";
import { cachedIngest, ingestCacheKey } from "../ingest-cache.ts";
import { keepingTold, tellAgain, type BuildLog, type ToldLine } from "../../log.ts";
import { keyOf, ValueCache } from "../model-cache.ts";
import { configHash } from "../provision.ts";
import { buildMonthOf, inputPeriodsOf, servablePlans, type PlannedEdition } from "../plan.ts";
import { toolFingerprint } from "../tool-fingerprint.ts";
import { exportsFolder, remember, rememberTold, type Inputs } from "./read-inputs.ts";

/** The ingested exports, judged: what the model stage computes the pages from. */
export interface Checked {
  ingested: IngestResult;
  report: IngestReport;
  /** The editions the input can serve (those asked for by `--report all` that it cannot are left out). */
  planned: PlannedEdition[];
  quality: QualityReport;
  /** Missing or partial deliveries accepted with `allowIncomplete`, per edition month. */
  incomplete: Map<Month, CompletenessFinding[]>;
}

export interface CheckSettings {
  config: Config;
  buildDate: string;
  allowIncomplete: boolean;
  /** Read the ingested cube from the cache under `paths.cache` when the exports are unchanged. */
  cache: boolean;
  memo?: Map<string, unknown>;
}

/**
 * Reads the exports into the cube (from the cache when they are unchanged) and judges them before
 * any page is made: too many rejected rows, a report the input's periods cannot serve, a missing
 * or partial delivery (which would show as a fall in crime) stop the build; what is suspicious is
 * warned about and kept in the quality report, the same report `validate` prints.
 */
export async function ingestAndCheck(inputs: Inputs, requested: readonly PlannedEdition[], settings: CheckSettings, log: BuildLog): Promise<Checked> {
  const { config } = settings;
  log.step(`ingest: ${inputs.deliveries.length} export file(s)`);
  const ingested = await ingestDeliveries(inputs, settings, log);
  const report = ingested.report;
  checkRejections(report, config.ingest.maxRejectedShare);
  // Before anything else is checked or written: a report the input's periods cannot serve stops the
  // build (or, asked for by --report all, is left out with a line in the log).
  const hasRegistrations = report.files.some((file) => file.format === "bvh-registraties" && file.used > 0);
  const planned = servablePlans(requested, (plan) => inputPeriodsOf(cubeAt(ingested, plan.edition.month), hasRegistrations), log);
  log.info(`ingest: ${formatsRead(report)}; ${report.rowsUsed} of ${report.rowsRead} rows used, ${report.rowsRejected} rejected, ${report.revisions.count} revisions`);
  const quality = qualityOf(report, inputs.folder, inputs.reference, config, inputs.lastNeeded, settings.buildDate);
  for (const warning of quality.warnings) log.warn(warning);
  checkDayPeriods(ingested, planned, settings.allowIncomplete, log);
  // Before any page: a missing delivery must stop the build, not show as a fall in crime.
  const incomplete = new Map<Month, CompletenessFinding[]>();
  for (const month of [...new Set(planned.map((plan) => plan.edition.month))].sort((a, b) => a - b)) {
    const periods = planned.filter((plan) => plan.edition.month === month).map((plan) => plan.edition.period);
    // In a `serve` process the memo lives while the exports, reference and config are unchanged: so does this judgement.
    // And in the cache, by everything it is judged from (a rebuild judges as the last build did).
    const judged = await rememberTold(settings.memo, `completeness ${month} ${JSON.stringify(periods)} ${settings.allowIncomplete}`, log, async (told) =>
      keptJudgement(inputs, settings, [month, periods], told, (log) => checkDeliveries({
        cube: cubeAt(ingested, month),
        report,
        reference: inputs.reference,
        scope: inputs.scope,
        month,
        periods,
        years: config.comparison.years,
        allowIncomplete: settings.allowIncomplete,
        log,
      })),
    );
    incomplete.set(month, judged);
  }
  return { ingested, report, planned, quality, incomplete };
}

/**
 * The completeness judgement as a build with the same exports, reference, config, tool, build date
 * and editions made it before (from the cache, with what it told the log, told again), or made now
 * and kept. A judgement that stops the build is not kept: it is made again, and stops it again.
 */
async function keptJudgement(inputs: Inputs, settings: CheckSettings, what: unknown, log: BuildLog, judge: (log: BuildLog) => CompletenessFinding[]): Promise<CompletenessFinding[]> {
  if (!settings.cache) return judge(log);
  const cache = new ValueCache<{ pages: never[]; value: CompletenessFinding[]; told: ToldLine[] }>(path.join(settings.config.paths.cache, "completeness"), "veiligheidsbeeld-completeness-1", 24, undefined, []);
  const key = keyOf(
    "completeness",
    await toolFingerprint(),
    configHash(settings.config),
    settings.buildDate,
    settings.allowIncomplete,
    inputs.exportInputs.map((input) => [input.path, input.sha256]),
    inputs.otherInputs.filter((input) => input.kind === "reference").map((input) => [input.path, input.sha256]),
    what,
  );
  const kept = await cache.load(key);
  if (kept) {
    tellAgain(log, kept.told);
    return kept.value;
  }
  const made = await keepingTold(log, judge);
  await cache.save(key, { pages: [], ...made });
  return made.value;
}

/** The exports as of the deliveries up to `month` (the whole cube when no snapshot was kept for it). */
export function cubeAt(ingested: IngestResult, month: Month): Cube {
  return ingested.snapshots.get(month) ?? ingested.cube;
}

/** The registrations as of the deliveries up to `month`, when ingest kept them. */
export function registrationsAt(ingested: IngestResult, month: Month): Registrations | undefined {
  return ingested.registrations ? (ingested.registrations.snapshots.get(month) ?? ingested.registrations.all) : undefined;
}

/** The ingest of the build's deliveries: kept in the memo of a `serve` process, and in the cache by the exports' content. */
async function ingestDeliveries(inputs: Inputs, settings: CheckSettings, log: BuildLog): Promise<IngestResult> {
  const { config } = settings;
  const buildMonth = buildMonthOf(settings.buildDate);
  const snapshots = [...new Set(inputs.snapshots)].sort((a, b) => a - b);
  const ingestOptions = {
    reference: inputs.reference,
    columns: config.columns,
    lastPlausibleMonth: buildMonth,
    earliestYear: config.ingest.earliestYear,
    snapshots: inputs.snapshots,
    scopeGemeenten: inputs.scope.gemeenten,
    ...(inputs.wantsRegistrations ? { registrations: true, moCodes: inputs.reference.modusOperandi.codes() } : {}),
    onProgress: (at: Parameters<typeof ingestProgress>[0]) => log.progress("ingest", at.bytes, at.totalBytes, ingestProgress(at)),
  };
  const memoKey = `ingest ${inputs.lastNeeded} ${snapshots.join(",")}${inputs.wantsRegistrations ? " registrations" : ""}`;
  return remember(settings.memo, memoKey, async () => {
    if (!settings.cache) return ingest(inputs.deliveries, ingestOptions);
    const key = ingestCacheKey({
      tool: await toolFingerprint(),
      exports: inputs.exportInputs.map((input) => ({ path: input.path, sha256: input.sha256 })),
      reference: inputs.otherInputs.filter((input) => input.kind === "reference").map((input) => ({ path: input.path, sha256: input.sha256 })),
      options: {
        columns: config.columns,
        lastPlausibleMonth: buildMonth,
        earliestYear: config.ingest.earliestYear,
        snapshots,
        scope: inputs.scope.gemeenten,
        ...(inputs.wantsRegistrations ? { registrations: true } : {}),
      },
    });
    const { result, cached } = await cachedIngest(path.join(config.paths.cache, "ingest"), key, () => ingest(inputs.deliveries, ingestOptions));
    if (cached) log.info(`ingest: the exports are unchanged since an earlier build; cube read from ${path.relative(config.root, config.paths.cache) || "."}`);
    return result;
  });
}

/** The data-quality report of an ingest (what `validate` prints and the build writes beside the reports). */
function qualityOf(report: IngestReport, folder: ExportsFolder, reference: Reference, config: Config, periode: Month, buildDate: string): QualityReport {
  return qualityReport({
    ingest: report,
    folder,
    reference,
    periode: formatMonth(periode),
    buildDate,
    maxRejectedShare: config.ingest.maxRejectedShare,
    earliestYear: config.ingest.earliestYear,
    partialDeliveryShare: config.ingest.partialDeliveryShare,
  });
}

/** A week or a day must lie wholly in the deliveries: a week across a month's end needs both. */
function checkDayPeriods(ingested: IngestResult, planned: readonly PlannedEdition[], allowIncomplete: boolean, log: BuildLog): void {
  const report = ingested.report;
  for (const plan of planned) {
    if (!plan.edition.days) continue;
    const registrations = registrationsAt(ingested, plan.edition.month);
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
    if (!allowIncomplete) {
      throw new UserError(`Missing deliveries for a period of days — ${message}`, {
        hint: "Add the export of each month the period's days lie in, or pass --allow-incomplete to build anyway (the figures are then too low).",
      });
    }
    log.warn(`incomplete period accepted with --allow-incomplete: ${message}`);
  }
}

export interface ValidateSettings {
  config: Config;
  /** "jjjj-mm-dd": registrations dated after its month are "in the future". */
  buildDate: string;
  /** Check the deliveries up to and including this month ("jjjj-mm"); the latest delivery when absent. */
  period?: string;
  /** The reference tables, when already loaded (read from the config's paths otherwise). */
  reference?: Reference;
}

/**
 * The checks of `validate`, by the same reading of the exports and the same quality report as the
 * build: the reference and every export up to the period — going on past a file that cannot be
 * read, so that one run names every problem — judged.
 */
export async function validateExports(settings: ValidateSettings, log: BuildLog): Promise<QualityReport> {
  const { config } = settings;
  const buildMonth = buildMonthOf(settings.buildDate);
  log.step("reference: areas, classification, population");
  const reference = settings.reference ?? (await loadReference(config));
  const folder = await exportsFolder(config);
  const upTo = lastDelivery(settings.period, folder.files);
  const files = folder.files.filter((file) => file.delivery === undefined || upTo === undefined || file.delivery <= upTo);
  log.step(`ingest: ${files.length} export file(s)${upTo === undefined ? "" : ` up to ${formatMonth(upTo)}`}`);
  const { cube, report } = await ingest(files, {
    reference,
    columns: config.columns,
    lastPlausibleMonth: buildMonth,
    earliestYear: config.ingest.earliestYear,
    continueOnFileError: true,
    scopeGemeenten: resolveScope(config.scope, reference).gemeenten,
    onProgress: (at) => log.progress("ingest", at.bytes, at.totalBytes, ingestProgress(at)),
  });
  // Without a dated delivery (file names without jjjj-mm), the report is of the data's last month, not of the build date's.
  return qualityOf(report, folder, reference, config, upTo ?? (cube.lastMonth >= cube.firstMonth ? cube.lastMonth : buildMonth), settings.buildDate);
}

/** The month `validate` goes up to: --period, else the latest dated delivery, else undefined (none is dated). */
function lastDelivery(period: string | undefined, files: readonly ExportFile[]): Month | undefined {
  if (period !== undefined) {
    const month = parseMonth(period);
    if (month === undefined) throw new UserError(`--period "${period}" is not a month`, { hint: "Use jjjj-mm, e.g. --period 2025-12.", exitCode: 2 });
    return month;
  }
  const dated = files.map((file) => file.delivery).filter((month): month is Month => month !== undefined);
  return dated.length > 0 ? Math.max(...dated) : undefined;
}
