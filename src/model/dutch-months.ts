import nlTime from "d3-time-format/locale/nl-NL" with { type: "json" };
import { monthNumberOf, yearOf, type Month } from "./months.ts";

/** "januari" … "december". */
export const MONTH_NAMES: readonly string[] = nlTime.months;
/** "jan" … "dec". */
export const SHORT_MONTH_NAMES: readonly string[] = nlTime.shortMonths;

/** "december 2025". */
export function monthLabel(month: Month): string {
  return `${MONTH_NAMES[monthNumberOf(month) - 1]} ${yearOf(month)}`;
}

/** "dec" (or "dec 2025" with the year). */
export function shortMonthLabel(month: Month, withYear = false): string {
  const name = SHORT_MONTH_NAMES[monthNumberOf(month) - 1] ?? "";
  return withYear ? `${name} ${yearOf(month)}` : name;
}
