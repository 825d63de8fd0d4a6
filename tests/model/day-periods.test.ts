import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareWithAverage } from "../../src/model/compare.ts";
import { dayPeriodCompleteness, describeDayPeriodCompleteness } from "../../src/model/day-period-completeness.ts";
import {
  dayPeriod,
  dayPeriodEdition,
  dayPeriodLabel,
  fortnightPeriod,
  isoWeekPeriod,
  lastDays,
  monthsOfDayPeriod,
  periodDays,
  precedingPeriods,
  sameWeekLastYear,
} from "../../src/model/day-periods.ts";
import { calendarOf, dayOf, formatDay, monthOfDay, parseDay, weekdayOf } from "../../src/model/days.ts";
import { formatIsoWeek, isoWeekOf, isoWeekStart, parseIsoWeek, weeksInIsoYear } from "../../src/model/iso-weeks.ts";
import { monthOf } from "../../src/model/months.ts";

const day = (text: string): number => parseDay(text) ?? Number.NaN;

describe("days", () => {
  it("parses and formats jjjj-mm-dd and refuses days that do not exist", () => {
    expect(formatDay(day("2025-12-08"))).toBe("2025-12-08");
    expect(parseDay("2025-02-29")).toBeUndefined();
    expect(formatDay(day("2024-02-29"))).toBe("2024-02-29");
    expect(parseDay("8-12-2025")).toBeUndefined();
  });

  it("knows the weekday and the month of a day", () => {
    expect(weekdayOf(day("2025-12-08"))).toBe(1); // maandag
    expect(weekdayOf(day("2025-12-14"))).toBe(7); // zondag
    expect(monthOfDay(day("2025-12-31"))).toBe(monthOf(2025, 12));
    expect(monthOfDay(day("2026-01-01"))).toBe(monthOf(2026, 1));
  });

  it("round-trips every day through its calendar date", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOf(1990, 1, 1), max: dayOf(2100, 12, 31) }), (d) => {
        const { year, month, day: number } = calendarOf(d);
        expect(dayOf(year, month, number)).toBe(d);
      }),
    );
  });
});

describe("ISO weeks", () => {
  it("2025 has 52 weeks and 2026 has 53: 2025-w53 does not exist, 2026-w53 does", () => {
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(parseIsoWeek("2025-w53")).toBeUndefined();
    expect(parseIsoWeek("2026-w53")).toEqual({ year: 2026, week: 53 });
    expect(() => isoWeekPeriod(2025, 53)).toThrow(/2025 has no ISO week 53/);
  });

  it("puts 31 december 2026 and 3 januari 2027 in 2026-w53, and 29 december 2025 in 2026-w01", () => {
    expect(formatIsoWeek(isoWeekOf(day("2026-12-31")))).toBe("2026-w53");
    expect(formatIsoWeek(isoWeekOf(day("2027-01-03")))).toBe("2026-w53");
    expect(formatIsoWeek(isoWeekOf(day("2027-01-04")))).toBe("2027-w01");
    expect(formatIsoWeek(isoWeekOf(day("2025-12-29")))).toBe("2026-w01");
    expect(formatIsoWeek(isoWeekOf(day("2025-12-28")))).toBe("2025-w52");
  });

  it("starts every week on a monday and finds every day's week again", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOf(2000, 1, 1), max: dayOf(2060, 12, 31) }), (d) => {
        const { year, week } = isoWeekOf(d);
        const start = isoWeekStart(year, week);
        expect(weekdayOf(start)).toBe(1);
        expect(d - start).toBeGreaterThanOrEqual(0);
        expect(d - start).toBeLessThan(7);
      }),
    );
  });
});

describe("periods of weeks and days", () => {
  it.each([
    [isoWeekPeriod(2025, 50), "week 50, 8 t/m 14 december 2025", "2025-w50"],
    [isoWeekPeriod(2026, 1), "week 1, 29 december 2025 t/m 4 januari 2026", "2026-w01"],
    [isoWeekPeriod(2025, 5), "week 5, 27 januari t/m 2 februari 2025", "2025-w05"],
    [fortnightPeriod(2025, 50), "week 49 en 50, 1 t/m 14 december 2025", "2025-w50"],
    [fortnightPeriod(2026, 1), "week 52 en 1, 22 december 2025 t/m 4 januari 2026", "2026-w01"],
    [dayPeriod(day("2025-12-08")), "maandag 8 december 2025", "2025-12-08"],
    [lastDays(day("2025-12-14"), 28), "28 dagen, 17 november t/m 14 december 2025", "2025-12-14"],
  ])("labels %j as %s, edition %s", (period, label, edition) => {
    expect(dayPeriodLabel(period)).toBe(label);
    expect(dayPeriodEdition(period)).toBe(edition);
  });

  it("compares a week with the same ISO week a year earlier, and week 53 with nothing", () => {
    expect(sameWeekLastYear(isoWeekPeriod(2026, 10))).toEqual(isoWeekPeriod(2025, 10));
    expect(sameWeekLastYear(isoWeekPeriod(2026, 53))).toBeUndefined();
    expect(sameWeekLastYear(isoWeekPeriod(2027, 53 - 1))).toEqual(isoWeekPeriod(2026, 52));
    // A day is compared with the same weekday 52 weeks earlier.
    const previous = sameWeekLastYear(dayPeriod(day("2025-12-13")));
    expect(previous && formatDay(previous.first)).toBe("2024-12-14");
    expect(previous && weekdayOf(previous.first)).toBe(weekdayOf(day("2025-12-13")));
  });

  it("lists the four weeks before a week, most recent first, across new year", () => {
    const before = precedingPeriods(isoWeekPeriod(2026, 2), 4);
    expect(before.map((period) => formatIsoWeek(isoWeekOf(period.last)))).toEqual(["2026-w01", "2025-w52", "2025-w51", "2025-w50"]);
    expect(before.every((period) => period.kind === "week" && period.last - period.first === 6)).toBe(true);
  });

  it("compares a week with the average of the four weeks before it", () => {
    // 30 this week against 20, 24, 16, 20 (average 20): +10, +50%.
    const change = compareWithAverage(30, [20, 24, 16, 20], { minBase: 20 });
    expect(change.previous).toBe(20);
    expect(change.absolute).toBe(10);
    expect(change.percent).toBeCloseTo(0.5);
    // An average below the minimum base gives no percentage.
    expect(compareWithAverage(9, [4, 6, 5, 5], { minBase: 20 }).percent).toBeNull();
  });

  it("has seven days in a week and fourteen in a fortnight", () => {
    expect(periodDays(isoWeekPeriod(2026, 53)).map(formatDay)).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(periodDays(fortnightPeriod(2025, 50))).toHaveLength(14);
  });
});

describe("completeness of a period of days", () => {
  const week1 = isoWeekPeriod(2026, 1); // 29 december 2025 t/m 4 januari 2026

  it("needs both monthly deliveries of a week that straddles two months", () => {
    expect(monthsOfDayPeriod(week1)).toEqual([monthOf(2025, 12), monthOf(2026, 1)]);
    const onlyDecember = dayPeriodCompleteness(week1, [monthOf(2025, 11), monthOf(2025, 12)], day("2025-12-31"));
    expect(onlyDecember.complete).toBe(false);
    expect(onlyDecember.missing).toEqual([monthOf(2026, 1)]);
    expect(onlyDecember.daysAfterData).toBe(4);
    expect(describeDayPeriodCompleteness(week1, onlyDecember)).toBe(
      "week 1, 29 december 2025 t/m 4 januari 2026: no delivery of januari 2026; the deliveries end 4 day(s) before the period does (its days lie in december 2025 and januari 2026: both deliveries are needed)",
    );
    expect(dayPeriodCompleteness(week1, [monthOf(2025, 12), monthOf(2026, 1)], day("2026-01-31")).complete).toBe(true);
  });

  it("finds a week incomplete when the delivery of its month was exported before the week ended", () => {
    const week50 = isoWeekPeriod(2025, 50);
    const result = dayPeriodCompleteness(week50, [monthOf(2025, 12)], day("2025-12-10"));
    expect(result.missing).toEqual([]);
    expect(result.daysAfterData).toBe(4);
    expect(result.complete).toBe(false);
  });
});
