import { describe, expect, it } from "vitest";
import { binomialTwoSided, poissonTest } from "../../src/model/significance.ts";

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
