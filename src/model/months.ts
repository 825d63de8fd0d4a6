/**
 * Months as plain integers (`year * 12 + month - 1`), so that periods are ranges and "a year earlier"
 * is `- 12`. Keys such as "2025-12" are only for IO and display.
 */
export type Month = number;

/** The month with the given calendar year and month number (1–12). */
export function monthOf(year: number, monthNumber: number): Month {
  return year * 12 + (monthNumber - 1);
}

/** Calendar year of a month. */
export function yearOf(month: Month): number {
  return Math.floor(month / 12);
}

/** Month number 1–12 of a month. */
export function monthNumberOf(month: Month): number {
  return (month % 12) + 1;
}

const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** Parses "jjjj-mm"; returns undefined for anything else (including month 13). */
export function parseMonth(key: string): Month | undefined {
  const match = MONTH_KEY.exec(key);
  if (!match) return undefined;
  const monthNumber = Number(match[2]);
  if (monthNumber < 1 || monthNumber > 12) return undefined;
  return monthOf(Number(match[1]), monthNumber);
}

/** Formats a month as "jjjj-mm". */
export function formatMonth(month: Month): string {
  return `${yearOf(month)}-${String(monthNumberOf(month)).padStart(2, "0")}`;
}

/** All months from `first` to `last`, both included. */
export function monthRange(first: Month, last: Month): Month[] {
  const months: Month[] = [];
  for (let month = first; month <= last; month++) months.push(month);
  return months;
}
