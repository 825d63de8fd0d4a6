import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialLowerTail, binomialTwoSided, poissonTest } from "../../src/model/significance.ts";

describe("poissonTest", () => {
  it.each([
    [30, 15, 0.0357, "stijging"],
    [12, 6, 0.2379, "geen significante verandering"],
    [46, 69, 0.0398, "daling"],
    [3, 6, 0.5078, "geen significante verandering"],
  ] as const)("%i against %i gives p ≈ %f (%s)", (current, previous, p, verdict) => {
    const result = poissonTest(current, previous);
    expect(result.pValue).toBeCloseTo(p, 4);
    expect(result.verdict).toBe(verdict);
  });

  it("never claims a change for equal counts", () => {
    for (const n of [0, 1, 5, 100, 20000]) expect(poissonTest(n, n)).toEqual({ verdict: "geen significante verandering", pValue: 1 });
  });

  it("is symmetric: a against b has the p-value of b against a", () => {
    expect(poissonTest(46, 69).pValue).toBeCloseTo(poissonTest(69, 46).pValue, 12);
    expect(poissonTest(46, 69).verdict).toBe("daling");
    expect(poissonTest(69, 46).verdict).toBe("stijging");
  });

  it("weighs the previous count by its exposure (a sum over three years against one year)", () => {
    // 20 this year against 30 over three years (10 a year): a doubling, and significant.
    expect(poissonTest(20, 30, 0.05, 3).verdict).toBe("stijging");
    // 10 against 30 over three years is exactly the average.
    expect(poissonTest(10, 30, 0.05, 3).pValue).toBeCloseTo(1, 6);
  });

  it("respects α", () => {
    expect(poissonTest(30, 15, 0.01).verdict).toBe("geen significante verandering");
  });

  it("handles counts in the tens of thousands", () => {
    const result = poissonTest(30000, 29500);
    expect(result.pValue).toBeGreaterThan(0.03);
    expect(result.pValue).toBeLessThan(0.05);
  });

  it("refuses negative or fractional counts", () => {
    expect(() => poissonTest(-1, 3)).toThrow(RangeError);
    expect(() => poissonTest(1.5, 3)).toThrow(RangeError);
  });
});

describe("binomialTwoSided", () => {
  /** Sum over every outcome: the definition the fast version must agree with. */
  function bruteForce(x: number, n: number, p: number): number {
    const logFactorial = (k: number): number => {
      let sum = 0;
      for (let i = 2; i <= k; i++) sum += Math.log(i);
      return sum;
    };
    const pmf = (k: number): number => Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
    const observed = pmf(x) * (1 + 1e-7);
    let total = 0;
    for (let k = 0; k <= n; k++) if (pmf(k) <= observed) total += pmf(k);
    return Math.min(1, total);
  }

  it.each([
    [3, 20, 0.25],
    [10, 20, 0.25],
    [0, 5, 0.5],
    [7, 40, 0.3],
    [400, 1000, 0.41],
    [9, 9, 0.5],
  ])("agrees with summing all outcomes for x=%i n=%i p=%f", (x, n, p) => {
    expect(binomialTwoSided(x, n, p)).toBeCloseTo(bruteForce(x, n, p), 9);
  });
});

describe("poissonTest: properties", () => {
  const count = fc.integer({ min: 0, max: 30_000 });

  it("is symmetric: a against b has the p-value of b against a, and mirrored verdicts", () => {
    fc.assert(
      fc.property(count, count, (a, b) => {
        const ab = poissonTest(a, b);
        const ba = poissonTest(b, a);
        expect(ab.pValue).toBeCloseTo(ba.pValue, 9);
        expect(ab.verdict === "stijging").toBe(ba.verdict === "daling");
        expect(ab.verdict === "geen significante verandering").toBe(ba.verdict === "geen significante verandering");
      }),
    );
  });

  it("never claims a change for equal counts, whatever α", () => {
    fc.assert(
      fc.property(count, fc.double({ min: 0.0001, max: 0.5, noNaN: true }), (n, alpha) => {
        expect(poissonTest(n, n, alpha).verdict).toBe("geen significante verandering");
      }),
    );
  });

  it("never claims a change in the wrong direction, and p is a probability", () => {
    fc.assert(
      fc.property(count, count, (a, b) => {
        const { verdict, pValue } = poissonTest(a, b);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
        if (verdict === "stijging") expect(a).toBeGreaterThan(b);
        if (verdict === "daling") expect(a).toBeLessThan(b);
      }),
    );
  });
});

describe("binomialLowerTail", () => {
  it("gives P(X ≤ x): ½ⁿ for no successes, 1 at n, and agrees with a direct sum", () => {
    expect(binomialLowerTail(0, 20, 0.5)).toBeCloseTo(0.5 ** 20, 15);
    expect(binomialLowerTail(20, 20, 0.5)).toBe(1);
    expect(binomialLowerTail(-1, 20, 0.5)).toBe(0);
    // P(X ≤ 5 | Bin(28, ½)) = Σ C(28, k) / 2^28 for k = 0..5
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
    const direct = [0, 1, 2, 3, 4, 5].reduce((sum, k) => sum + choose(28, k), 0) / 2 ** 28;
    expect(binomialLowerTail(5, 28, 0.5)).toBeCloseTo(direct, 14);
  });
});
