import { monthLabel } from "../model/dutch-months.ts";
import { formatMonth, monthNumberOf, monthOf, yearOf, type Month } from "../model/months.ts";
import { calendarYear, cumulativePeriod, halfYear, monthPeriod, periodLabel, quarter, rolling12, yearToDate, type Period } from "../model/periods.ts";
import { UserError } from "../user-error.ts";
import { dayPeriod, dayPeriodEdition, dayPeriodLabel, fortnightPeriod, isoWeekPeriod, type DayPeriod } from "../model/day-periods.ts";
import { firstDayOf, formatDay, lastDayOf, monthOfDay, parseDay, type Day } from "../model/days.ts";
import { isoWeekOf, parseIsoWeek } from "../model/iso-weeks.ts";
import { monthRangePeriod } from "../model/periods.ts";
import { isDayPeriodKind, type DayEditionPeriod, type EditionPeriod, type ReportPeriod } from "./definition.ts";

/** One edition of a report: the month it is made for and the period it covers. */
export interface Edition {
  /** Folder name under dist/<kind>/: "2025-12", "2025-h1", "2025-q3", "2025". */
  id: string;
  /** Last month of the period; the deliveries up to this month are used. */
  month: Month;
  period: Period;
  /** "december 2025", "1e halfjaar 2025", "week 50, 8 t/m 14 december 2025". */
  label: string;
  /**
   * For reports of weeks and days: the days the edition covers. `month` is then the month of its
   * last day (the deliveries up to it are used) and `period` the whole months its days lie in.
   */
  days?: DayPeriod;
}

/** The days an edition covers: its `days`, or every day of its months. */
export function editionDays(edition: Pick<Edition, "days" | "period">): { first: Day; last: Day } {
  return edition.days ?? { first: firstDayOf(edition.period.first), last: lastDayOf(edition.period.last) };
}

/**
 * The edition of a report with period kind `kind` for an edition given as "jjjj-mm", "jjjj-H1",
 * "jjjj-Q3" or "jjjj". Throws a UserError when the month does not end such a period (the
 * 4-/8-/12-maandsrapportage exists only for april, august and december).
 */
export function editionOf(kind: ReportPeriod, text: string, report: string): Edition {
  if (isDayPeriodKind(kind)) return dayEditionOf(kind, text, report);
  const month = parseEditionMonth(text);
  if (month === undefined) {
    throw new UserError(`${report}: period "${text}" is not a month, half year, quarter or year`, {
      hint: 'Use jjjj-mm (e.g. 2025-12), jjjj-H1/H2, jjjj-Q1…Q4 or jjjj.',
      exitCode: 2,
    });
  }
  const year = yearOf(month);
  const number = monthNumberOf(month);
  const refuse = (allowed: string): never => {
    throw new UserError(`${report}: an edition for ${monthLabel(month)} does not exist`, {
      hint: `This report covers a ${kind} period; editions end in ${allowed}.`,
      exitCode: 2,
    });
  };
  switch (kind) {
    case "month":
      return { id: formatMonth(month), month, period: monthPeriod(month), label: monthLabel(month) };
    case "ytd":
      return { id: formatMonth(month), month, period: yearToDate(month), label: monthLabel(month) };
    case "rolling12":
      return { id: formatMonth(month), month, period: rolling12(month), label: monthLabel(month) };
    case "cumulative": {
      if (number !== 4 && number !== 8 && number !== 12) return refuse("april, august or december (jjjj-04, jjjj-08, jjjj-12)");
      const period = cumulativePeriod(year, number);
      return { id: formatMonth(month), month, period, label: `${number}-maandsrapportage ${year}` };
    }
    case "quarter": {
      if (number % 3 !== 0) return refuse("march, june, september or december (or jjjj-Q1…Q4)");
      const period = quarter(year, (number / 3) as 1 | 2 | 3 | 4);
      return { id: `${year}-q${number / 3}`, month, period, label: periodLabel(period) };
    }
    case "halfyear": {
      if (number !== 6 && number !== 12) return refuse("june or december (or jjjj-H1, jjjj-H2)");
      const period = halfYear(year, number === 6 ? 1 : 2);
      return { id: `${year}-h${number === 6 ? 1 : 2}`, month, period, label: periodLabel(period) };
    }
    case "year":
      if (number !== 12) return refuse("december (or jjjj)");
      return { id: String(year), month, period: calendarYear(year), label: String(year) };
  }
}

/**
 * The edition of a report of weeks or days: "2025-w50" for a week or a fortnight (named by its
 * second week), "2025-12-08" for a day. Throws a UserError for anything else, naming what exists
 * (2025 has no week 53).
 */
function dayEditionOf(kind: DayEditionPeriod, text: string, report: string): Edition {
  const value = text.trim();
  let days: DayPeriod | undefined;
  if (kind === "day") {
    const day = parseDay(value);
    if (day !== undefined) days = dayPeriod(day);
  } else {
    const week = parseIsoWeek(value);
    if (week) days = kind === "week" ? isoWeekPeriod(week.year, week.week) : fortnightPeriod(week.year, week.week);
  }
  if (!days) {
    const year = /^(\d{4})-?[wW]53$/.exec(value)?.[1];
    throw new UserError(`${report}: period "${text}" is not ${kind === "day" ? "a day" : "an ISO week"}${year ? ` (${year} has 52 ISO weeks)` : ""}`, {
      hint: kind === "day" ? "This report covers a day; use jjjj-mm-dd (e.g. 2025-12-08)." : `This report covers ${kind === "week" ? "an ISO week" : "two ISO weeks"}; use jjjj-wNN (e.g. 2025-w50), named by ${kind === "week" ? "the week" : "the second week"}.`,
      exitCode: 2,
    });
  }
  return {
    id: dayPeriodEdition(days),
    month: monthOfDay(days.last),
    period: monthRangePeriod(monthOfDay(days.first), monthOfDay(days.last)),
    label: dayPeriodLabel(days),
    days,
  };
}

/** "2025-12" → december 2025; "2025-H1" → juni; "2025-Q3" → september; "2025" → december. */
export function parseEditionMonth(text: string): Month | undefined {
  const value = text.trim().toUpperCase();
  let match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) {
    const number = Number(match[2]);
    return number >= 1 && number <= 12 ? monthOf(Number(match[1]), number) : undefined;
  }
  if ((match = /^(\d{4})-H([12])$/.exec(value))) return monthOf(Number(match[1]), match[2] === "1" ? 6 : 12);
  if ((match = /^(\d{4})-Q([1-4])$/.exec(value))) return monthOf(Number(match[1]), Number(match[2]) * 3);
  if ((match = /^(\d{4})$/.exec(value))) return monthOf(Number(match[1]), 12);
  return undefined;
}

/** The edition before `edition` of the same report (for the list of revisions). */
export function previousEdition(kind: ReportPeriod, edition: Edition, report: string): Edition {
  if (isDayPeriodKind(kind)) {
    const last = (edition.days?.first ?? 0) - 1;
    return editionOf(kind, kind === "day" ? formatDay(last) : formatIsoWeekOf(last), report);
  }
  const step: Record<EditionPeriod, number> = { month: 1, ytd: 1, rolling12: 1, quarter: 3, halfyear: 6, year: 12, cumulative: 4 };
  return editionOf(kind, formatMonth(edition.month - step[kind]), report);
}

function formatIsoWeekOf(day: Day): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-w${String(week).padStart(2, "0")}`;
}
