import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CubeBuilder } from "../../src/model/cube.ts";
import { formatMonth, monthOf, parseMonth } from "../../src/model/months.ts";
import { rollup } from "../../src/model/rollup.ts";
import {
  calendarYear,
  containsMonth,
  cumulativePeriod,
  halfYear,
  isIncomplete,
  monthPeriod,
  monthRangePeriod,
  periodLabel,
  periodLength,
  periodMonths,
  periodYears,
  previousYears,
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

describe("periods: helpers for comparisons", () => {
  it("gives the same period over the previous N years, most recent first", () => {
    const period = yearToDate(monthOf(2025, 8));
    expect(previousYears(period, 3)).toEqual([yearToDate(monthOf(2024, 8)), yearToDate(monthOf(2023, 8)), yearToDate(monthOf(2022, 8))]);
    expect(previousYears(halfYear(2025, 2), 1)).toEqual([halfYear(2024, 2)]);
    expect(previousYears(period, 0)).toEqual([]);
    expect(() => previousYears(period, -1)).toThrow(RangeError);
  });

  it("lists the months and years a period covers", () => {
    expect(periodMonths(quarter(2025, 2)).map(formatMonth)).toEqual(["2025-04", "2025-05", "2025-06"]);
    expect(periodYears(rolling12(monthOf(2025, 3)))).toEqual([2024, 2025]);
    expect(periodYears(calendarYear(2025))).toEqual([2025]);
    expect(containsMonth(halfYear(2025, 1), monthOf(2025, 6))).toBe(true);
    expect(containsMonth(halfYear(2025, 1), monthOf(2025, 7))).toBe(false);
  });

  it("labels the 12-maandsrapportage like the 4- and 8-maands, and a year in January as the month", () => {
    expect(periodLabel(cumulativePeriod(2025, 8))).toBe("januari t/m augustus 2025");
    expect(periodLabel(cumulativePeriod(2025, 12))).toBe("januari t/m december 2025");
    expect(periodLabel(yearToDate(monthOf(2025, 1)))).toBe("januari 2025");
    expect(periodLabel(quarter(2025, 1))).toBe("1e kwartaal 2025");
    expect(periodLabel(monthRangePeriod(monthOf(2024, 11), monthOf(2025, 2)))).toBe("november 2024 t/m februari 2025");
    expect(periodLabel(monthRangePeriod(monthOf(2025, 1), monthOf(2025, 12)))).toBe("2025");
  });
});

/** Random cubes: a few areas and klassen, counts spread over 2023–2026. */
const cubes = fc
  .array(
    fc.record({
      area: fc.constantFrom("BU1", "BU2", "BU3"),
      klasse: fc.constantFrom("A20", "B70", "E35"),
      month: fc.integer({ min: monthOf(2023, 1), max: monthOf(2026, 12) }),
      count: fc.integer({ min: 1, max: 500 }),
    }),
    { maxLength: 60 },
  )
  .map((cells) => {
    const builder = new CubeBuilder();
    for (const cell of cells) builder.add(cell.area, cell.month, cell.klasse, cell.count);
    return rollup(builder.build(), (area) => (area === "BU3" ? "GM2" : "GM1"), (klasse) => ["J", `klasse:${klasse}`]);
  });
const years = fc.integer({ min: 2023, max: 2026 });

describe("periods: properties over random counts", () => {
  it("the sum of a year's months equals the year", () => {
    fc.assert(
      fc.property(cubes, years, (counts, year) => {
        const months = periodMonths(calendarYear(year)).reduce((sum, month) => sum + counts.count("GM1", "J", month), 0);
        expect(months).toBe(counts.sum("GM1", "J", calendarYear(year).first, calendarYear(year).last));
      }),
    );
  });

  it("year to date in December equals the year", () => {
    fc.assert(
      fc.property(cubes, years, (counts, year) => {
        const ytd = yearToDate(monthOf(year, 12));
        expect({ first: ytd.first, last: ytd.last }).toEqual({ first: calendarYear(year).first, last: calendarYear(year).last });
        expect(counts.sum("GM2", "klasse:A20", ytd.first, ytd.last)).toBe(counts.sum("GM2", "klasse:A20", calendarYear(year).first, calendarYear(year).last));
      }),
    );
  });

  it("H1 + H2 equals the year, and so do the four quarters", () => {
    fc.assert(
      fc.property(cubes, years, (counts, year) => {
        const sum = (period: { first: number; last: number }): number => counts.sum("GM1", "J", period.first, period.last);
        const whole = sum(calendarYear(year));
        expect(sum(halfYear(year, 1)) + sum(halfYear(year, 2))).toBe(whole);
        expect(sum(quarter(year, 1)) + sum(quarter(year, 2)) + sum(quarter(year, 3)) + sum(quarter(year, 4))).toBe(whole);
      }),
    );
  });

  it("a rolling 12 months ending in December is the calendar year, and shifting back and forth is the identity", () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 5 }), (year, number, n) => {
        const period = rolling12(monthOf(year, number));
        expect(periodLength(period)).toBe(12);
        if (number === 12) expect([period.first, period.last]).toEqual([calendarYear(year).first, calendarYear(year).last]);
        expect(shiftYears(shiftYears(period, n), -n)).toEqual(period);
        expect(previousYears(period, n).every((earlier, i) => earlier.first === period.first - 12 * (i + 1))).toBe(true);
      }),
    );
  });
});
