import { type Day } from "./days.ts";
import { dayPeriodLabel, monthsOfDayPeriod, type DayPeriod } from "./day-periods.ts";
import { monthLabel } from "./dutch-months.ts";
import { type Month } from "./months.ts";

/** Whether the monthly deliveries hold every day of a period of days. */
export interface DayPeriodCompleteness {
  /** The monthly deliveries the period's days are in: two for a week that straddles a month's end. */
  needed: Month[];
  /** Of those, the months without a delivery. */
  missing: Month[];
  /**
   * Days of the period after the last pleegdatum the deliveries hold: a delivery exported in the
   * middle of its month holds the days up to its export, not the rest.
   */
  daysAfterData: number;
  complete: boolean;
}

/**
 * Checks a period of days against the monthly deliveries: each month it touches must have been
 * delivered, and the data must reach its last day. Week 1 of 2026 (29 december 2025 t/m 4 januari
 * 2026) needs both the december and the january delivery; with december alone four of its days
 * are missing and the week is incomplete, however normal december looks.
 */
export function dayPeriodCompleteness(period: DayPeriod, deliveredMonths: Iterable<Month>, lastDayInData: Day): DayPeriodCompleteness {
  const delivered = new Set(deliveredMonths);
  const needed = monthsOfDayPeriod(period);
  const missing = needed.filter((month) => !delivered.has(month));
  const daysAfterData = Math.max(0, Math.min(period.last - period.first + 1, period.last - lastDayInData));
  return { needed, missing, daysAfterData, complete: missing.length === 0 && daysAfterData === 0 };
}

/** "week 1, 29 december 2025 t/m 4 januari 2026: no delivery of januari 2026 (needs december 2025 and januari 2026)". */
export function describeDayPeriodCompleteness(period: DayPeriod, result: DayPeriodCompleteness): string {
  const parts: string[] = [];
  if (result.missing.length > 0) parts.push(`no delivery of ${result.missing.map(monthLabel).join(" and ")}`);
  if (result.daysAfterData > 0) parts.push(`the deliveries end ${result.daysAfterData} day(s) before the period does`);
  const needs = result.needed.length > 1 ? ` (its days lie in ${result.needed.map(monthLabel).join(" and ")}: both deliveries are needed)` : "";
  return `${dayPeriodLabel(period)}: ${parts.length > 0 ? parts.join("; ") : "complete"}${needs}`;
}
