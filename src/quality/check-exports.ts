import type { BuildLog } from "../log.ts";
import type { Config } from "../config/normalize-config.ts";
import { ingest, ingestProgress } from "../ingest/ingest.ts";
import { scanExports } from "../ingest/list-exports.ts";
import { formatMonth, monthOf, parseMonth, type Month } from "../model/months.ts";
import { loadReference, type Reference } from "../reference/load-reference.ts";
import { resolveScope } from "../model/scope.ts";
import { UserError } from "../user-error.ts";
import { qualityReport, type QualityReport } from "./quality-report.ts";

export interface CheckOptions {
  config: Config;
  /** "jjjj-mm-dd": registrations dated after its month are "in the future". */
  buildDate: string;
  /** Check the deliveries up to and including this month ("jjjj-mm"); the latest delivery when absent. */
  period?: string;
  log: BuildLog;
  /** The reference tables, when already loaded (read from the config's paths otherwise). */
  reference?: Reference;
}

/**
 * The checks of `validate`: reads the reference and every export up to the period — going on past
 * a file that cannot be read, so that one run names every problem — and judges the result.
 */
export async function checkExports(options: CheckOptions): Promise<QualityReport> {
  const { config, log } = options;
  const buildMonth = monthOf(Number(options.buildDate.slice(0, 4)), Number(options.buildDate.slice(5, 7)));
  log.step("reference: areas, classification, population");
  const reference = options.reference ?? (await loadReference(config));
  const folder = await scanExports(config.paths.exports);
  if (folder.files.length === 0) {
    throw new UserError(`No export files (.csv) in ${config.paths.exports}`, {
      hint: "Put the BVH export files in that folder (or set paths.exports in the config).",
    });
  }
  const upTo = lastDelivery(options.period, folder.files.map((file) => file.delivery));
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
  return qualityReport({
    ingest: report,
    folder,
    reference,
    // Without a dated delivery (file names without jjjj-mm), the report is of the data's last month, not of the build date's.
    periode: formatMonth(upTo ?? (cube.lastMonth >= cube.firstMonth ? cube.lastMonth : buildMonth)),
    buildDate: options.buildDate,
    maxRejectedShare: config.ingest.maxRejectedShare,
    earliestYear: config.ingest.earliestYear,
    partialDeliveryShare: config.ingest.partialDeliveryShare,
  });
}

/** The month the check goes up to: --period, else the latest dated delivery, else undefined (none is dated). */
function lastDelivery(period: string | undefined, deliveries: readonly (Month | undefined)[]): Month | undefined {
  if (period !== undefined) {
    const month = parseMonth(period);
    if (month === undefined) throw new UserError(`--period "${period}" is not a month`, { hint: "Use jjjj-mm, e.g. --period 2025-12.", exitCode: 2 });
    return month;
  }
  const dated = deliveries.filter((month): month is Month => month !== undefined);
  return dated.length > 0 ? Math.max(...dated) : undefined;
}
