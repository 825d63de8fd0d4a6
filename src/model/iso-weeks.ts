import { dayOf, calendarOf, weekdayOf, type Day } from "./days.ts";

/** An ISO 8601 week: weeks start on monday; week 1 is the week with the year's first thursday. */
export interface IsoWeek {
  year: number;
  week: number;
}

/** The ISO week a day lies in (29 december 2025 lies in 2026-w01; 3 januari 2027 in 2026-w53). */
export function isoWeekOf(day: Day): IsoWeek {
  // The thursday of the day's week decides the ISO year.
  const thursday = day - weekdayOf(day) + 4;
  const year = calendarOf(thursday).year;
  return { year, week: Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1 };
}

/** The monday of ISO week `week` of ISO year `year`. Throws for a week the year does not have. */
export function isoWeekStart(year: number, week: number): Day {
  if (!Number.isInteger(week) || week < 1 || week > weeksInIsoYear(year)) throw new RangeError(`${year} has no ISO week ${week}`);
  // 4 januari always lies in week 1.
  const january4 = dayOf(year, 1, 4);
  return january4 - weekdayOf(january4) + 1 + (week - 1) * 7;
}

/** 52 or 53: a year has 53 ISO weeks when 28 december lies in week 53. */
export function weeksInIsoYear(year: number): number {
  const december28 = dayOf(year, 12, 28);
  const thursday = december28 - weekdayOf(december28) + 4;
  return Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1;
}

/** "2025-w50". */
export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${year}-w${String(week).padStart(2, "0")}`;
}

/** Parses "2025-w50" (also "2025-W50", "2025w50"); undefined for anything else or a week the year lacks (2025-w53). */
export function parseIsoWeek(text: string): IsoWeek | undefined {
  const match = /^(\d{4})-?[wW](\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInIsoYear(year) ? { year, week } : undefined;
}
