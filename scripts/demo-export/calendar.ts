/**
 * Calendar arithmetic for the demo export. Dates are whole day numbers (days since 1970-01-01)
 * computed in UTC, so neither the clock nor the machine's time zone can change the output.
 */

export interface YearMonth {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
}

const MS_PER_DAY = 86_400_000;

/** `2025-03` */
export function monthKey({ year, month }: YearMonth): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** Every month from `first` to `last`, both included. */
export function monthsBetween(first: YearMonth, last: YearMonth): YearMonth[] {
  const months: YearMonth[] = [];
  for (let i = first.year * 12 + first.month - 1; i <= last.year * 12 + last.month - 1; i++) {
    months.push({ year: Math.floor(i / 12), month: (i % 12) + 1 });
  }
  return months;
}

/** Number of days in the month (28–31). */
export function daysInMonth({ year, month }: YearMonth): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day number of a calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** `dd-mm-jjjj`, the way BVH exports write dates. */
export function formatDutchDate(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  const dd = String(date.getUTCDate()).padStart(2, "0");
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}-${mm}-${date.getUTCFullYear()}`;
}
