import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DataStatus } from "../../src/model/figure-status.ts";
import { measure, type MeasureInput } from "../../src/model/measure.ts";
import { formatMonth, monthOf, type Month } from "../../src/model/months.ts";
import { calendarYear, halfYear, yearToDate, type Period } from "../../src/model/periods.ts";
import type { Inhabitants } from "../../src/reference/population.ts";

/** Counts per month "jjjj-mm"; a period's count is the sum of its months. */
function countsOf(perMonth: Record<string, number>, fill = 0): (period: Period) => number {
  return (period) => {
    let sum = 0;
    for (let month = period.first; month <= period.last; month++) sum += perMonth[formatMonth(month)] ?? fill;
    return sum;
  };
}

const STATUS: DataStatus = { voorlopig: new Set([2025]), lastCompleteMonth: monthOf(2026, 1) };
const COMPARISON = { minBase: 20, alpha: 0.05, years: 3 };
const POPULATION: Record<number, number> = { 2024: 10_000, 2025: 12_500 };
const inwoners = (year: number): Inhabitants | undefined =>
  POPULATION[year] !== undefined ? { inwoners: POPULATION[year], jaar: year, geschat: false } : { inwoners: POPULATION[2025] ?? 0, jaar: 2025, geschat: true };

function input(overrides: Partial<MeasureInput> = {}): MeasureInput {
  return {
    area: "GM0589",
    category: "J",
    period: yearToDate(monthOf(2025, 8)),
    count: countsOf({}, 10), // 10 a month: 80 in januari t/m augustus of any year
    inwoners,
    status: STATUS,
    comparison: COMPARISON,
    ...overrides,
  };
}

describe("measure", () => {
  it("gives the period's count with a reference to what it sums", () => {
    const result = measure(input());
    expect(result.current).toMatchObject({ count: 80, ref: { area: "GM0589", category: "J", first: monthOf(2025, 1), last: monthOf(2025, 8) } });
  });

  it("compares with the same period last year: change absolute, in %, and whether it is more than noise", () => {
    const result = measure(input({ count: countsOf({ "2025-01": 60, "2024-01": 20 }, 10) }));
    expect(result.vsPreviousYear).toMatchObject({ basis: "vorig jaar", base: 90, absolute: 40, verdict: "stijging", verdictOmitted: undefined });
    expect(result.vsPreviousYear?.percent).toBeCloseTo(40 / 90, 12);
    expect(result.vsPreviousYear?.figures.map((figure) => figure.period)).toEqual([yearToDate(monthOf(2024, 8))]);
    expect(result.vsPreviousYear?.sources).toHaveLength(2);
  });

  it("compares with the average of the same period over the previous N years (config comparison.years)", () => {
    const count = countsOf({ "2024-01": 40, "2023-01": 25 }, 10); // 2024: 110, 2023: 95, 2022: 80
    const result = measure(input({ count }));
    expect(result.vsAverage).toMatchObject({ basis: "gemiddelde", base: 95, absolute: -15 });
    expect(result.vsAverage?.figures.map((figure) => figure.count)).toEqual([110, 95, 80]);
    expect(measure(input({ count, comparison: { ...COMPARISON, years: 1 } })).vsAverage?.base).toBe(110);
  });

  it("leaves the percentage out, with the reason, when the base is below the minimum or zero", () => {
    const small = measure(input({ period: halfYear(2025, 1), count: countsOf({}, 2) }));
    expect(small.vsPreviousYear).toMatchObject({ base: 12, percent: null, percentOmitted: "basis te klein" });
    const zero = measure(input({ count: countsOf({ "2025-03": 5 }, 0) }));
    expect(zero.vsPreviousYear).toMatchObject({ base: 0, percent: null, percentOmitted: "basis nul" });
  });

  it("makes only the comparisons asked for", () => {
    const result = measure(input({ compareWith: ["vorig jaar"] }));
    expect(result.vsPreviousYear).toBeDefined();
    expect(result.vsAverage).toBeUndefined();
  });

  it("gives registrations per 1.000 inwoners with the population of the period's year, the nearest known year marked geschat", () => {
    const rate = measure(input()).rate;
    expect(rate).toMatchObject({ value: (80 / 12_500) * 1000, inwoners: 12_500, jaar: 2025, geschat: false });
    const later = measure(input({ period: yearToDate(monthOf(2026, 1)) })).rate;
    expect(later).toMatchObject({ jaar: 2025, geschat: true });
    expect(later.flags).toContain("geschat");
    expect(measure(input({ inwoners: undefined })).rate).toMatchObject({ value: null, omitted: "geen inwonertal" });
    expect(measure(input({ inwoners: () => undefined })).rate).toMatchObject({ value: null, omitted: "inwonertal onbekend" });
  });

  it("says how sure the data are: a provisional year carries voorlopig, a period running past the build date onvolledig", () => {
    const result = measure(input({ period: yearToDate(monthOf(2026, 2)) }));
    expect(result.current.status).toMatchObject({ voorlopig: false, lopend: true, flags: ["onvolledig"] });
    const provisional = measure(input());
    expect(provisional.current.status.flags).toEqual(["voorlopig"]);
    expect(provisional.vsPreviousYear?.flags).toEqual(["voorlopig"]);
    expect(measure(input({ period: calendarYear(2024) })).current.status.flags).toEqual([]);
  });

  it("withholds the percentage and the significance when a compared period misses a delivery, so a gap never reads as a fall", () => {
    const missing: Month = monthOf(2025, 5);
    const status: DataStatus = { ...STATUS, incompleteMonths: (area) => (area === "GM0589" ? [missing] : []) };
    const count = countsOf({ "2025-05": 0 }, 10);
    const result = measure(input({ count, status }));
    expect(result.current.count).toBe(70);
    expect(result.current.status).toMatchObject({ leveringOnvolledig: [missing], flags: ["voorlopig", "onvolledig"] });
    expect(result.vsPreviousYear).toMatchObject({
      absolute: -10,
      percent: null,
      percentOmitted: "levering onvolledig",
      verdict: undefined,
      pValue: undefined,
      verdictOmitted: "levering onvolledig",
      flags: ["voorlopig", "onvolledig"],
    });
    expect(result.vsAverage?.verdictOmitted).toBe("levering onvolledig");
    // Another area, or a period without the month, is not affected.
    expect(measure(input({ count, status, area: "GM0335" })).vsPreviousYear?.verdictOmitted).toBeUndefined();
    expect(measure(input({ count, status, period: yearToDate(monthOf(2025, 4)) })).vsPreviousYear?.verdictOmitted).toBeUndefined();
  });
});

describe("measure: properties", () => {
  const monthly = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 48, maxLength: 48 });
  const fromCounts = (values: number[]) => {
    const perMonth: Record<string, number> = {};
    values.forEach((value, i) => (perMonth[formatMonth(monthOf(2022, 1) + i)] = value));
    return countsOf(perMonth);
  };

  it("year to date in December measures exactly what the calendar year does", () => {
    fc.assert(
      fc.property(monthly, fc.integer({ min: 2023, max: 2025 }), (values, year) => {
        const count = fromCounts(values);
        const ytd = measure(input({ count, period: yearToDate(monthOf(year, 12)) }));
        const whole = measure(input({ count, period: calendarYear(year) }));
        expect(ytd.current.count).toBe(whole.current.count);
        expect(ytd.vsPreviousYear?.absolute).toBe(whole.vsPreviousYear?.absolute);
        expect(ytd.vsPreviousYear?.pValue).toBe(whole.vsPreviousYear?.pValue);
        expect(ytd.rate.value).toBe(whole.rate.value);
      }),
    );
  });

  it("H1 + H2 count the year, and their changes add up to the year's change", () => {
    fc.assert(
      fc.property(monthly, fc.integer({ min: 2023, max: 2025 }), (values, year) => {
        const count = fromCounts(values);
        const [h1, h2, whole] = [halfYear(year, 1), halfYear(year, 2), calendarYear(year)].map((period) => measure(input({ count, period })));
        expect((h1?.current.count ?? 0) + (h2?.current.count ?? 0)).toBe(whole?.current.count);
        expect((h1?.vsPreviousYear?.absolute ?? 0) + (h2?.vsPreviousYear?.absolute ?? 0)).toBe(whole?.vsPreviousYear?.absolute);
      }),
    );
  });
});
