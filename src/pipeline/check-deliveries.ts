import type { IngestReport } from "../ingest/ingest.ts";
import { checkCompleteness, describeFinding, type CompletenessFinding } from "../model/completeness.ts";
import type { Cube } from "../model/cube.ts";
import { monthLabel } from "../model/dutch-months.ts";
import { formatMonth, monthOf, parseMonth, yearOf, type Month } from "../model/months.ts";
import type { Period } from "../model/periods.ts";
import { rollup } from "../model/rollup.ts";
import type { Scope } from "../model/scope.ts";
import type { Reference } from "../reference/load-reference.ts";
import { UserError } from "../user-error.ts";
import type { BuildLog } from "../log.ts";

export interface CheckDeliveriesInput {
  /** The data as of the edition month (the deliveries up to and including it). */
  cube: Cube;
  report: IngestReport;
  reference: Reference;
  scope: Scope;
  /** The edition month and the periods its reports show. */
  month: Month;
  periods: readonly Period[];
  /** Years of the multi-year average: the check reaches back that far before the periods. */
  years: number;
  /** Build anyway, marking the affected figures (`--allow-incomplete`). */
  allowIncomplete: boolean;
  log: BuildLog;
}

const LISTED = 12;

/**
 * Stops the build when a delivery looks missing or partial in a month the reports show or compare
 * with: a UserError naming area, soort (when one soort fell short), month and numbers. With `allowIncomplete` the findings are logged
 * as warnings and returned, so that the figures they touch are marked onvolledig. Months that are
 * merely lower than usual are warnings either way.
 */
export function checkDeliveries(input: CheckDeliveriesInput): CompletenessFinding[] {
  const { reference, scope, month, log } = input;
  // Quarterly or yearly counts sit in the first month of their period: every other month is empty
  // by nature, not a missing delivery. Such tables are published whole; there is no month to check.
  if (input.cube.granularity !== "month") return [];
  const firstYear = Math.min(...input.periods.map((period) => yearOf(period.first)));
  const from = monthOf(firstYear - Math.max(1, input.years), 1);
  const files = input.report.files.filter((file) => file.delivery === undefined || (parseMonth(file.delivery) ?? Infinity) <= month);
  const dated = files.map((file) => (file.delivery === undefined ? undefined : parseMonth(file.delivery))).filter((value): value is Month => value !== undefined);
  // All registrations together, and each soort misdrijf on its own (a klasse missing from a
  // delivery shows in its soort long before it shows in the total).
  const classification = reference.classification;
  const soortOf = (klasse: string): string | undefined => {
    const found = classification.klasse(klasse);
    return found && !found.unassigned ? found.soort : undefined;
  };
  const counts = rollup(input.cube, (area) => reference.areas.ancestorAt(area, "gemeente"), (klasse) => {
    const soort = soortOf(klasse);
    return soort === undefined ? ["alle"] : ["alle", soort];
  });
  const soorten = [...new Set(input.cube.klassen.map(soortOf).filter((soort): soort is string => soort !== undefined))].sort();
  const result = checkCompleteness({
    areas: scope.gemeenten,
    count: (area, m) => counts.count(area, "alle", m),
    soorten,
    countOf: (area, soort, m) => counts.count(area, soort, m),
    from,
    to: month,
    ...(dated.length > 0 ? { dataFrom: Math.min(...dated) } : {}),
    files,
  });
  const nameOf = (code: string): string => reference.areas.nameOf(code);
  const describe = (finding: CompletenessFinding): string => describeFinding(finding, nameOf, scope.name, (code) => classification.soort(code)?.naam ?? "");
  for (const finding of result.suspicious) log.warn(`fewer registrations than usual (not enough to stop): ${describe(finding)}`);
  for (const gap of result.redundantGaps) log.info(`no export file for delivery ${formatMonth(gap)}; the registrations of ${monthLabel(gap)} are in other deliveries`);
  if (result.incomplete.length === 0) return [];
  if (input.allowIncomplete) {
    for (const finding of result.incomplete) log.warn(`incomplete delivery accepted with --allow-incomplete, its figures are marked onvolledig: ${describe(finding)}`);
    return result.incomplete;
  }
  const lines = result.incomplete.slice(0, LISTED).map((finding) => `  ${describe(finding)}`);
  if (result.incomplete.length > LISTED) lines.push(`  … en nog ${result.incomplete.length - LISTED}`);
  throw new UserError(`Missing or partial deliveries (editie ${formatMonth(month)}): far fewer registrations — in all or in one soort — than the months around them and the same month a year earlier:\n${lines.join("\n")}`, {
    hint: "Check that the export files of these months are complete and in the exports folder, and export them again if not. To build anyway, pass --allow-incomplete: every figure that includes these months is then marked onvolledig (°) and no change is judged on them.",
  });
}
