import { monthOf, monthNumberOf, yearOf, type Month } from "./months.ts";

/**
 * Calendar days as plain integers: days since 1 januari 1970. Like `Month`, a day is a number so
 * that a period of days is a range and "the week before" is `- 7`. The calendar is computed with
 * `Date.UTC`, never with the local clock, so no time zone or summer time can move a day.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** The day with calendar year, month number (1–12) and day of the month (1–31). */
export function dayOf(year: number, monthNumber: number, dayNumber: number): Day {
  return Math.round(Date.UTC(year, monthNumber - 1, dayNumber) / MS_PER_DAY);
}

/** Calendar year, month number and day of the month of a day. */
export function calendarOf(day: Day): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The month a day lies in. */
export function monthOfDay(day: Day): Month {
  const { year, month } = calendarOf(day);
  return monthOf(year, month);
}

/** The first day of a month. */
export function firstDayOf(month: Month): Day {
  return dayOf(yearOf(month), monthNumberOf(month), 1);
}

/** The last day of a month. */
export function lastDayOf(month: Month): Day {
  return firstDayOf(month + 1) - 1;
}

/** ISO weekday: 1 maandag … 7 zondag. */
export function weekdayOf(day: Day): number {
  // 1 januari 1970 was a thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses "jjjj-mm-dd"; undefined for anything else, including a day that does not exist (2025-02-30). */
export function parseDay(text: string): Day | undefined {
  const match = DAY_KEY.exec(text.trim());
  if (!match) return undefined;
  const [year, month, dayNumber] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = dayOf(year, month, dayNumber);
  const back = calendarOf(day);
  return back.year === year && back.month === month && back.day === dayNumber ? day : undefined;
}

/** "jjjj-mm-dd". */
export function formatDay(day: Day): string {
  const { year, month, day: dayNumber } = calendarOf(day);
  return `${year}-${String(month).padStart(2, "0")}-${String(dayNumber).padStart(2, "0")}`;
}
