import { compareInpCodes } from "../../reference/inp-order.ts";
import { yearOf, type Month } from "../../model/months.ts";
import { periodLabel, shiftYears, type Period } from "../../model/periods.ts";
import type { Flag } from "../../model/table.ts";
import type { ReportContext } from "../context.ts";

/** The edition's period and the same period in the `count − 1` years before it, oldest first. */
export function yearPeriods(current: Period, count: number): Period[] {
  return Array.from({ length: count }, (_, i) => shiftYears(current, count - 1 - i));
}

/** "2025" for a period within one calendar year (a year, or january–june 2025 beside the same months of 2024), else its full label. */
export function yearLabel(period: Period): string {
  return yearOf(period.first) === yearOf(period.last) ? String(yearOf(period.last)) : periodLabel(period);
}

/** Why a period's figures carry a mark: a provisional year (*), or a period still running at the build date (°). */
export function periodFlags(period: Period, ctx: ReportContext): Flag[] {
  const flags: Flag[] = [];
  if (ctx.voorlopig.has(yearOf(period.last))) flags.push("voorlopig");
  if (period.last > ctx.lastCompleteMonth) flags.push("onvolledig");
  return flags;
}

/** "*" for a provisional period, "°" for an incomplete one: the marks of the tables, for chart labels. */
export function periodMarks(period: Period, ctx: ReportContext): string {
  return periodFlags(period, ctx)
    .map((flag) => (flag === "voorlopig" ? "*" : flag === "onvolledig" ? "°" : "~"))
    .join("");
}

/**
 * The categories that anywhere in the region in scope have registrations between `first` and
 * `last`: a soort the export does not hold (no straatroof in the demo) is left out, not shown as 0.
 */
export function presentInRegion(categories: readonly string[], ctx: ReportContext, first: Month, last: Month): string[] {
  const counts = ctx.counts("gemeente");
  return categories.filter((category) => ctx.scope.gemeenten.some((gemeente) => counts.sum(gemeente, category, first, last) > 0));
}

/** Every CBS soort misdrijf as a category key ("soort:1.1.1"), in code order, without the total. */
export function allSoorten(ctx: ReportContext): string[] {
  return ctx.reference.classification
    .soorten()
    .map((soort) => soort.code)
    .filter((code) => code !== "0.0.0")
    .sort(compareInpCodes)
    .map((code) => `soort:${code}`);
}
