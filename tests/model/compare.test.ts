import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compare, compareWithAverage, per1000 } from "../../src/model/compare.ts";

describe("compare", () => {
  it("gives the change absolute and in %", () => {
    expect(compare(110, 100)).toMatchObject({ absolute: 10, percent: 0.1, percentOmitted: undefined });
  });

  it("returns no percentage when the previous count is below the minimum base", () => {
    expect(compare(12, 6)).toMatchObject({ absolute: 6, percent: null, percentOmitted: "basis te klein" });
    expect(compare(12, 6, { minBase: 5 }).percent).toBe(1);
  });

  it("returns no percentage when the previous count is zero", () => {
    expect(compare(25, 0, { minBase: 0 })).toMatchObject({ percent: null, percentOmitted: "basis nul" });
  });

  it("mirrors: comparing a with b gives the opposite change of b with a", () => {
    const ab = compare(46, 69);
    const ba = compare(69, 46);
    expect(ab.absolute).toBe(-ba.absolute);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
  });
});

describe("compareWithAverage", () => {
  it("compares with the average of earlier years and tests against their sum", () => {
    const result = compareWithAverage(20, [9, 10, 11]);
    expect(result.previous).toBe(10);
    expect(result.absolute).toBe(10);
    expect(result.percent).toBeNull(); // base 10 < 20
    expect(result.verdict).toBe("stijging");
  });
});

describe("per1000", () => {
  it("gives registrations per 1.000 inwoners", () => {
    expect(per1000(629, 376757)).toBeCloseTo(1.6695, 4);
  });

  it("has no rate without inhabitants", () => {
    expect(per1000(3, 0)).toBeNull();
  });
});

describe("compare: properties", () => {
  const count = fc.integer({ min: 0, max: 50_000 });

  it("mirrors: a against b is b against a with the sign reversed, the same p-value and the opposite verdict", () => {
    const opposite = { stijging: "daling", daling: "stijging", "geen significante verandering": "geen significante verandering" } as const;
    fc.assert(
      fc.property(count, count, (a, b) => {
        const ab = compare(a, b);
        const ba = compare(b, a);
        expect(ab.absolute + ba.absolute).toBe(0);
        expect(ab.pValue).toBeCloseTo(ba.pValue, 9);
        expect(ab.verdict).toBe(opposite[ba.verdict]);
      }),
    );
  });

  it("gives a percentage exactly when the base is at least the minimum, and it is the relative change", () => {
    fc.assert(
      fc.property(count, count, fc.integer({ min: 0, max: 100 }), (current, previous, minBase) => {
        const change = compare(current, previous, { minBase });
        if (previous === 0) expect(change.percentOmitted).toBe("basis nul");
        else if (previous < minBase) expect(change.percentOmitted).toBe("basis te klein");
        else expect(change.percent).toBeCloseTo((current - previous) / previous, 12);
      }),
    );
  });

  it("against the average: the base is the mean, and equal years never make a significant change", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5 }), (n, years) => {
        const change = compareWithAverage(n, Array.from({ length: years }, () => n));
        expect(change.previous).toBe(n);
        expect(change.absolute).toBe(0);
        expect(change.verdict).toBe("geen significante verandering");
      }),
    );
  });
});
