import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapClasses } from "../../src/charts/map-classes.ts";
import { formatRate } from "../../src/charts/nl-locale.ts";

const labels = (values: number[], count?: number) => mapClasses(values, count).classes.map((item) => item.label);

describe("mapClasses", () => {
  it("puts about equally many values in each class, breaks rounded to the coarsest round number that keeps them apart", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
    // Quantiles 4,8 / 8,6 / 12,4 / 16,2: by fives two would meet at 10, by twos they stay apart.
    expect(labels(values)).toEqual(["minder dan 4", "4 tot 8", "8 tot 12", "12 tot 16", "16 of meer"]);
    expect(labels(values, 4)).toEqual(["minder dan 5", "5 tot 10", "10 tot 15", "15 of meer"]);
  });

  it("keeps a few high outliers from leaving every other area in one class", () => {
    // Equal intervals would put 24 of these 26 in the lowest class.
    const values = [...Array.from({ length: 24 }, (_, i) => 6 + i * 0.5), 25.1, 33.1];
    const { classes, classOf } = mapClasses(values);
    expect(classes.map((item) => item.label)).toEqual(["minder dan 8", "8 tot 12", "12 tot 14", "14 tot 16", "16 of meer"]);
    const sizes = classes.map((_, i) => values.filter((value) => classOf(value) === i).length);
    expect(sizes).toEqual([4, 8, 4, 4, 6]);
  });

  it("labels breaks in nl-NL with the decimals the step needs", () => {
    expect(labels([0.8, 1.1, 1.3, 1.6, 2.2, 2.4, 2.6, 3.1])).toEqual(["minder dan 1,0", "1,0 tot 1,5", "1,5 tot 2,0", "2,0 tot 2,5", "2,5 of meer"]);
    expect(labels([1200, 3400, 5600, 7800, 9900, 15000])).toEqual(["minder dan 4.000", "4.000 tot 6.000", "6.000 tot 8.000", "8.000 tot 10.000", "10.000 of meer"]);
  });

  it("makes no more classes than there are distinct values, one for equal values, none without values", () => {
    expect(labels([2, 2, 5, 5])).toEqual(["minder dan 5", "5 of meer"]);
    expect(mapClasses([3.25, 3.25], 5, formatRate).classes).toEqual([{ label: "3,3" }]);
    expect(mapClasses([]).classes).toEqual([]);
  });

  it("puts a value on a break in the class above it", () => {
    const { classes, classOf } = mapClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2);
    expect(classes).toEqual([{ to: 5, label: "minder dan 5" }, { from: 5, label: "5 of meer" }]);
    expect(classOf(4.99)).toBe(0);
    expect(classOf(5)).toBe(1);
  });

  it("always gives every class a value, breaks strictly increasing, whatever the values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }).map((n) => n / 10), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (values, count) => {
        const { classes, classOf } = mapClasses(values, count);
        expect(classes.length).toBeLessThanOrEqual(Math.min(count, new Set(values).size));
        expect(classes.length).toBeGreaterThanOrEqual(1);
        for (let i = 0; i < classes.length; i++) expect(values.some((value) => classOf(value) === i)).toBe(true);
        const breaks = classes.slice(1).map((item) => item.from as number);
        for (let i = 1; i < breaks.length; i++) expect(breaks[i]).toBeGreaterThan(breaks[i - 1] as number);
      }),
      { numRuns: 300 },
    );
  });
});
