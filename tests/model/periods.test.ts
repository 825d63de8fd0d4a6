import { describe, expect, it } from "vitest";
import { formatMonth, monthOf, parseMonth } from "../../src/model/months.ts";
import {
  calendarYear,
  cumulativePeriod,
  halfYear,
  isIncomplete,
  monthPeriod,
  monthRangePeriod,
  periodLabel,
  periodLength,
  quarter,
  rolling12,
  shiftYears,
  yearToDate,
} from "../../src/model/periods.ts";

describe("months", () => {
  it("parses and formats jjjj-mm", () => {
    expect(formatMonth(parseMonth("2025-12") ?? 0)).toBe("2025-12");
    expect(parseMonth("2025-13")).toBeUndefined();
    expect(parseMonth("25-12")).toBeUndefined();
  });
});

describe("periods", () => {
  it.each([
    [monthPeriod(monthOf(2025, 12)), "december 2025"],
    [yearToDate(monthOf(2025, 8)), "januari t/m augustus 2025"],
    [yearToDate(monthOf(2025, 12)), "januari t/m december 2025"],
    [cumulativePeriod(2025, 4), "januari t/m april 2025"],
    [halfYear(2025, 1), "1e halfjaar 2025"],
    [halfYear(2025, 2), "2e halfjaar 2025"],
    [quarter(2025, 3), "3e kwartaal 2025"],
    [calendarYear(2025), "2025"],
    [rolling12(monthOf(2025, 8)), "september 2024 t/m augustus 2025"],
    [monthRangePeriod(monthOf(2025, 3), monthOf(2025, 5)), "maart t/m mei 2025"],
  ])("labels %o as %s", (period, label) => {
    expect(periodLabel(period)).toBe(label);
  });

  it("shifts a period by whole years", () => {
    expect(shiftYears(halfYear(2025, 1))).toEqual(halfYear(2024, 1));
    expect(shiftYears(yearToDate(monthOf(2025, 8)), 3)).toEqual(yearToDate(monthOf(2022, 8)));
  });

  it("knows the length of a period", () => {
    expect(periodLength(rolling12(monthOf(2025, 1)))).toBe(12);
    expect(periodLength(quarter(2025, 4))).toBe(3);
  });

  it("marks a period that runs past the last complete month as incomplete", () => {
    expect(isIncomplete(yearToDate(monthOf(2025, 12)), monthOf(2025, 11))).toBe(true);
    expect(isIncomplete(yearToDate(monthOf(2025, 12)), monthOf(2025, 12))).toBe(false);
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => monthRangePeriod(monthOf(2025, 5), monthOf(2025, 3))).toThrow(RangeError);
  });
});
