/** A calendar date as found in an export. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

// An optional time after the date: hours and minutes, optional seconds and fraction, and an
// optional zone — Z or an offset (+01:00, +0100, +01) — that makes it a moment rather than a
// Dutch clock time.
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})${TIME}$`, "i");
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, "i");
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Parses the date formats BVH exports use: `dd-mm-jjjj` (also with `/` or `.`, one-digit day and
 * month, an optional time), `jjjj-mm-dd` (ISO, optional time) and `jjjjmmdd`. A time with a zone
 * (`2025-12-31T23:30:00Z`, `…+00:00`) is a moment: it counts on the day it was in the Netherlands
 * (1 January 2026 for that one), whatever the machine's time zone. Returns a reason instead when
 * the text is not a date or names a day or time that does not exist (31-02-2025, 25:00).
 */
export function parseDate(text: string): CalendarDate | { error: string } {
  const value = text.trim();
  let match = YEAR_FIRST.exec(value);
  let date: CalendarDate | undefined;
  let time: (string | undefined)[] = [];
  if (match) {
    date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    time = match.slice(4);
  } else if ((match = COMPACT.exec(value))) date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  else if ((match = DAY_FIRST.exec(value))) {
    date = { year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) };
    time = match.slice(4);
  }
  if (!date) {
    if (/^\d{5}(\.\d+)?$/.test(value)) {
      return { error: `"${value}" looks like an Excel date number, not a date — format the column as a date (dd-mm-jjjj) before saving` };
    }
    return { error: value === "" ? "empty date" : `"${truncate(value)}" is not a date (expected dd-mm-jjjj or jjjj-mm-dd)` };
  }
  const [hours = 0, minutes = 0, seconds = 0] = time.slice(0, 3).map((part) => Number(part ?? 0));
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month) || hours > 23 || minutes > 59 || seconds > 59) {
    return { error: `"${truncate(value)}" is not an existing date` };
  }
  const zone = time[3];
  return zone ? dutchDateOf(Date.UTC(date.year, date.month - 1, date.day, hours, minutes, seconds) - offsetMs(zone)) : date;
}

/** "Z" → 0, "+01:00", "+0100" and "+01" → one hour, "-05:30" → minus five and a half. */
function offsetMs(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
}

const DUTCH_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** The day in the Netherlands (CET/CEST) at moment `ms`. */
function dutchDateOf(ms: number): CalendarDate {
  const parts = Object.fromEntries(DUTCH_DAY.formatToParts(ms).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0 };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
