/** A calendar date as found in an export. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Parses the date formats BVH exports use: `dd-mm-jjjj` (also with `/` or `.`, one-digit day and
 * month, an optional time), `jjjj-mm-dd` (ISO, optional time) and `jjjjmmdd`. Returns a reason
 * instead when the text is not a date or names a day that does not exist (31-02-2025).
 */
export function parseDate(text: string): CalendarDate | { error: string } {
  const value = text.trim();
  let match = YEAR_FIRST.exec(value) ?? COMPACT.exec(value);
  let date: CalendarDate | undefined;
  if (match) date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  else if ((match = DAY_FIRST.exec(value))) date = { year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) };
  if (!date) {
    if (/^\d{5}(\.\d+)?$/.test(value)) {
      return { error: `"${value}" looks like an Excel date number, not a date — format the column as a date (dd-mm-jjjj) before saving` };
    }
    return { error: value === "" ? "empty date" : `"${truncate(value)}" is not a date (expected dd-mm-jjjj or jjjj-mm-dd)` };
  }
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    return { error: `"${truncate(value)}" is not an existing date` };
  }
  // A moment in UTC ("…T23:30:00Z") is counted on the day it was in the Netherlands.
  return value.endsWith("Z") ? dutchDateOf(value) ?? date : date;
}

const DUTCH_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

function dutchDateOf(value: string): CalendarDate | undefined {
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return undefined;
  const [year, month, day] = DUTCH_DAY.format(moment).split("-").map(Number);
  return year && month && day ? { year, month, day } : undefined;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
