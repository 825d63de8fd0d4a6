import { calendarOf, formatDay, monthOfDay, weekdayOf, type Day } from "./days.ts";
import { MONTH_NAMES } from "./dutch-months.ts";
import { isoWeekOf, isoWeekStart, weeksInIsoYear, formatIsoWeek } from "./iso-weeks.ts";
import { monthRange, type Month } from "./months.ts";

/**
 * Periods of the operational products of the gezag, in whole days:
 * - `day`: one day;
 * - `week`: an ISO week (maandag t/m zondag);
 * - `fortnight`: two ISO weeks, named by the second (a two-weekly report of week 49 and 50 is `2025-w50`);
 * - `days`: the last N days up to and including a day (a rolling window).
 */
export type DayPeriodKind = "day" | "week" | "fortnight" | "days";

export interface DayPeriod {
  kind: DayPeriodKind;
  first: Day;
  last: Day;
}

export function dayPeriod(day: Day): DayPeriod {
  return { kind: "day", first: day, last: day };
}

/** ISO week `week` of ISO year `year` (throws for 2025-w53, which does not exist). */
export function isoWeekPeriod(year: number, week: number): DayPeriod {
  const first = isoWeekStart(year, week);
  return { kind: "week", first, last: first + 6 };
}

/** ISO week `week` of `year` and the week before it (across new year when `week` is 1). */
export function fortnightPeriod(year: number, week: number): DayPeriod {
  const first = isoWeekStart(year, week) - 7;
  return { kind: "fortnight", first, last: first + 13 };
}

/** The `count` days up to and including `last`. */
export function lastDays(last: Day, count: number): DayPeriod {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`number of days must be a whole number ≥ 1: ${count}`);
  return { kind: "days", first: last - count + 1, last };
}

/** Number of days in a period. */
export function dayPeriodLength(period: DayPeriod): number {
  return period.last - period.first + 1;
}

/** The days of a period, in order. */
export function periodDays(period: DayPeriod): Day[] {
  return Array.from({ length: dayPeriodLength(period) }, (_, i) => period.first + i);
}

/**
 * The same period a year earlier, or undefined when there is none:
 * - a week or fortnight: the same ISO week number(s) of the ISO year before; week 53 has no
 *   counterpart in a year of 52 weeks (comparing it with week 52 or week 1 would compare other days);
 * - a day or a run of days: 52 weeks (364 days) earlier, so that the same weekdays are compared —
 *   a saturday night with a saturday night, not with a tuesday.
 */
export function sameWeekLastYear(period: DayPeriod): DayPeriod | undefined {
  if (period.kind === "day" || period.kind === "days") return { kind: period.kind, first: period.first - 364, last: period.last - 364 };
  const { year, week } = isoWeekOf(period.last);
  if (week > weeksInIsoYear(year - 1)) return undefined;
  return period.kind === "week" ? isoWeekPeriod(year - 1, week) : fortnightPeriod(year - 1, week);
}

/**
 * The `count` periods of the same length right before `period`, most recent first: for a week, the
 * four weeks before it (the "4-week average"); for a fortnight, the fortnights before it.
 */
export function precedingPeriods(period: DayPeriod, count: number): DayPeriod[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`number of periods must be a whole number ≥ 0: ${count}`);
  const length = dayPeriodLength(period);
  return Array.from({ length: count }, (_, i) => ({ kind: period.kind, first: period.first - (i + 1) * length, last: period.last - (i + 1) * length }));
}

/** The months a period's days lie in: the monthly deliveries it needs (a week can straddle two). */
export function monthsOfDayPeriod(period: DayPeriod): Month[] {
  return monthRange(monthOfDay(period.first), monthOfDay(period.last));
}

const WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];

/** "8 december 2025". */
export function dayLabel(day: Day): string {
  const { year, month, day: number } = calendarOf(day);
  return `${number} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "maandag 8 december 2025". */
export function weekdayLabel(day: Day): string {
  return `${WEEKDAYS[weekdayOf(day) - 1]} ${dayLabel(day)}`;
}

/** "8 t/m 14 december 2025", "27 januari t/m 2 februari 2025", "29 december 2025 t/m 4 januari 2026". */
export function dayRangeLabel(first: Day, last: Day): string {
  if (first === last) return dayLabel(first);
  const a = calendarOf(first);
  const b = calendarOf(last);
  if (a.year !== b.year) return `${dayLabel(first)} t/m ${dayLabel(last)}`;
  if (a.month !== b.month) return `${a.day} ${MONTH_NAMES[a.month - 1]} t/m ${dayLabel(last)}`;
  return `${a.day} t/m ${dayLabel(last)}`;
}

/**
 * The Dutch label a reader sees: "week 50, 8 t/m 14 december 2025", "week 49 en 50, 1 t/m 14
 * december 2025", "maandag 8 december 2025", "28 dagen t/m 14 december 2025". A week across new
 * year keeps its ISO year in the days: "week 1, 29 december 2025 t/m 4 januari 2026".
 */
export function dayPeriodLabel(period: DayPeriod): string {
  switch (period.kind) {
    case "day":
      return weekdayLabel(period.first);
    case "week":
      return `week ${isoWeekOf(period.last).week}, ${dayRangeLabel(period.first, period.last)}`;
    case "fortnight":
      return `week ${isoWeekOf(period.first).week} en ${isoWeekOf(period.last).week}, ${dayRangeLabel(period.first, period.last)}`;
    case "days":
      return `${dayPeriodLength(period)} dagen, ${dayRangeLabel(period.first, period.last)}`;
  }
}

/** The edition of a period, named by its end: "2025-w50" for weeks and fortnights, "2025-12-08" for days. */
export function dayPeriodEdition(period: DayPeriod): string {
  return period.kind === "week" || period.kind === "fortnight" ? formatIsoWeek(isoWeekOf(period.last)) : formatDay(period.last);
}

/** True when `day` lies in the period. */
export function containsDay(period: DayPeriod, day: Day): boolean {
  return day >= period.first && day <= period.last;
}
