import { MONTH_NAMES, monthLabel } from "./dutch-months.ts";
import { formatMonth, monthNumberOf, monthOf, yearOf, type Month } from "./months.ts";

/**
 * The kinds of period reports use. All are ranges of whole months:
 * - `month`: one month;
 * - `ytd`: january up to and including a month (year to date);
 * - `cumulative`: the 4-, 8- or 12-maandsrapportage (jan–apr, jan–aug, jan–dec);
 * - `halfyear`, `quarter`, `year`: calendar halves, quarters and years;
 * - `rolling12`: the twelve months up to and including a month;
 * - `range`: any other range of whole months.
 */
export type PeriodKind = "month" | "ytd" | "cumulative" | "halfyear" | "quarter" | "year" | "rolling12" | "range";

export interface Period {
  kind: PeriodKind;
  first: Month;
  last: Month;
}

export function monthPeriod(month: Month): Period {
  return { kind: "month", first: month, last: month };
}

/** January up to and including `month`. */
export function yearToDate(month: Month): Period {
  return { kind: "ytd", first: monthOf(yearOf(month), 1), last: month };
}

/** The 4-, 8- or 12-maandsrapportage period of `year`: january up to and including april, august or december. */
export function cumulativePeriod(year: number, months: 4 | 8 | 12): Period {
  return { kind: "cumulative", first: monthOf(year, 1), last: monthOf(year, months) };
}

/** Half year 1 (jan–jun) or 2 (jul–dec). */
export function halfYear(year: number, half: 1 | 2): Period {
  return { kind: "halfyear", first: monthOf(year, half === 1 ? 1 : 7), last: monthOf(year, half === 1 ? 6 : 12) };
}

/** Quarter 1–4. */
export function quarter(year: number, q: 1 | 2 | 3 | 4): Period {
  return { kind: "quarter", first: monthOf(year, 3 * q - 2), last: monthOf(year, 3 * q) };
}

export function calendarYear(year: number): Period {
  return { kind: "year", first: monthOf(year, 1), last: monthOf(year, 12) };
}

/** The twelve months up to and including `month`. */
export function rolling12(month: Month): Period {
  return { kind: "rolling12", first: month - 11, last: month };
}

/** Any range of whole months (`first` ≤ `last`). */
export function monthRangePeriod(first: Month, last: Month): Period {
  if (last < first) throw new RangeError(`period ends before it starts: ${formatMonth(first)}–${formatMonth(last)}`);
  return { kind: "range", first, last };
}

/** The same period `years` years earlier (1 by default). */
export function shiftYears(period: Period, years = 1): Period {
  return { kind: period.kind, first: period.first - 12 * years, last: period.last - 12 * years };
}

/**
 * The same period in each of the `count` years before it, most recent first: for a 3-year average
 * of januari t/m augustus 2025, the same months of 2024, 2023 and 2022.
 */
export function previousYears(period: Period, count: number): Period[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`number of years must be a whole number ≥ 0: ${count}`);
  return Array.from({ length: count }, (_, i) => shiftYears(period, i + 1));
}

/** The months of a period, in order. */
export function periodMonths(period: Period): Month[] {
  const months: Month[] = [];
  for (let month = period.first; month <= period.last; month++) months.push(month);
  return months;
}

/** True when `month` lies in the period. */
export function containsMonth(period: Period, month: Month): boolean {
  return month >= period.first && month <= period.last;
}

/** The calendar years a period touches (one, or two for a rolling 12 months across new year). */
export function periodYears(period: Period): number[] {
  const years: number[] = [];
  for (let year = yearOf(period.first); year <= yearOf(period.last); year++) years.push(year);
  return years;
}

/** Number of months in a period. */
export function periodLength(period: Period): number {
  return period.last - period.first + 1;
}

/** A stable identifier, e.g. "2025-01_2025-08". */
export function periodId(period: Period): string {
  return `${formatMonth(period.first)}_${formatMonth(period.last)}`;
}

/**
 * The Dutch label a reader sees: "december 2025", "januari t/m augustus 2025", "1e halfjaar 2025",
 * "3e kwartaal 2025", "2025", "september 2024 t/m augustus 2025".
 */
export function periodLabel(period: Period): string {
  const firstYear = yearOf(period.first);
  const lastYear = yearOf(period.last);
  const firstNumber = monthNumberOf(period.first);
  const lastNumber = monthNumberOf(period.last);
  if (period.first === period.last) return monthLabel(period.first);
  if (period.kind === "year" || (period.kind === "range" && firstYear === lastYear && firstNumber === 1 && lastNumber === 12)) {
    return String(firstYear);
  }
  if (period.kind === "halfyear" && firstYear === lastYear) return `${firstNumber === 1 ? "1e" : "2e"} halfjaar ${firstYear}`;
  if (period.kind === "quarter" && firstYear === lastYear) return `${(firstNumber + 2) / 3}e kwartaal ${firstYear}`;
  if (firstYear === lastYear) return `${MONTH_NAMES[firstNumber - 1]} t/m ${monthLabel(period.last)}`;
  return `${monthLabel(period.first)} t/m ${monthLabel(period.last)}`;
}

/** True when the period has months after `lastCompleteMonth` (it is still running at the build date). */
export function isIncomplete(period: Period, lastCompleteMonth: Month): boolean {
  return period.last > lastCompleteMonth;
}
