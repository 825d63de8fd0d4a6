import { describe, expect, it } from "vitest";
import { chooseDistinct, cumulativeWeights, multinomial, pickIndex, poisson } from "../../../scripts/demo-export/draws.ts";
import { createRandom } from "../../../scripts/demo-export/random.ts";

describe("createRandom", () => {
  it("gives the same stream for the same labels and another for other labels", () => {
    const take = (...labels: (string | number)[]) => {
      const random = createRandom(...labels);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(take(1, "rows", "GM0344")).toEqual(take(1, "rows", "GM0344"));
    expect(take(1, "rows", "GM0344")).not.toEqual(take(1, "rows", "GM0345"));
  });
});

describe("multinomial", () => {
  it("splits exactly n over the categories, roughly in proportion", () => {
    const counts = multinomial(createRandom("t"), 12_000, cumulativeWeights([1, 2, 0, 3]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12_000);
    expect(counts[2]).toBe(0);
    expect(counts[3]! / 12_000).toBeCloseTo(0.5, 1);
  });
});

describe("pickIndex", () => {
  it("never picks a zero-weight category", () => {
    const random = createRandom("p");
    const cumulative = cumulativeWeights([0, 5, 0, 5, 0]);
    for (let i = 0; i < 1000; i++) expect([1, 3]).toContain(pickIndex(random, cumulative));
  });
});

describe("cumulativeWeights", () => {
  it("refuses weights that cannot be drawn from", () => {
    expect(() => cumulativeWeights([0, 0])).toThrow(/sum to zero/);
    expect(() => cumulativeWeights([1, -1])).toThrow(/weight 1/);
  });
});

describe("chooseDistinct", () => {
  it("returns k distinct ascending indices", () => {
    const chosen = chooseDistinct(createRandom("c"), 20, 7);
    expect(new Set(chosen).size).toBe(7);
    expect(chosen).toEqual([...chosen].sort((a, b) => a - b));
    expect(chosen.every((i) => i >= 0 && i < 20)).toBe(true);
  });
});

describe("poisson", () => {
  it("has about the requested mean, small or large", () => {
    const random = createRandom("poisson");
    for (const lambda of [3, 400]) {
      let sum = 0;
      for (let i = 0; i < 4000; i++) sum += poisson(random, lambda);
      expect(sum / 4000 / lambda).toBeCloseTo(1, 1);
    }
  });
});
