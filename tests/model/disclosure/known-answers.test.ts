import { describe, expect, it } from "vitest";
import { auditSuppression } from "../../../src/model/disclosure/audit.ts";
import { refKey, relationsOf, type Hierarchies, type ShownCount } from "../../../src/model/disclosure/relations.ts";
import { suppress } from "../../../src/model/disclosure/suppress.ts";

const YEAR = { first: 100, last: 111 };
const key = (category: string): string => refKey({ area: "G", category, ...YEAR });

function counts(entries: [category: string, value: number][]): Map<string, ShownCount> {
  return new Map(entries.map(([category, value]) => [key(category), { ref: { area: "G", category, ...YEAR }, value }]));
}

/** A tree of categories given as parent → parts. */
function tree(parts: Record<string, string[]>): Hierarchies {
  return {
    categoryChildren: (category) => parts[category] ?? [],
    categoryParents: (category) => Object.keys(parts).filter((parent) => parts[parent]?.includes(category)),
    areaChildren: () => [],
  };
}

const rules = { isSensitive: () => false, isBelowGemeente: () => false, threshold: 5 };

describe("the audit knows that an x is at least 1", () => {
  // Zeros are shown as 0, so every reader knows an x is not 0.
  const shown = counts([["tot", 5], ["c1", 2], ["c2", 3]]);
  const hierarchy = tree({ tot: ["c1", "c2"] });

  it("finds 5 = x + x too narrow: each x lies in 1 … 4", async () => {
    const relations = relationsOf(shown, [], hierarchy);
    const hidden = new Set([key("c1"), key("c2")]);
    const audit = await auditSuppression(relations, new Map([[key("tot"), 5]]), hidden, 5, hidden);
    expect(audit.findings.map((finding) => [finding.key, finding.problem, finding.interval])).toEqual([
      [key("c1"), "small", { low: 1, high: 4 }],
      [key("c2"), "small", { low: 1, high: 4 }],
    ]);
    // Without that knowledge (lower bound 0) the same table looked safe.
    expect((await auditSuppression(relations, new Map([[key("tot"), 5]]), hidden, 5)).findings).toEqual([]);
  });

  it("makes secondary suppression hide the total as well", async () => {
    const result = await suppress({ counts: shown, sums: [], hierarchies: hierarchy, ...rules });
    expect(result.audit.findings).toEqual([]);
    expect([...result.hidden]).toEqual([
      [key("c1"), "klein"],
      [key("c2"), "klein"],
      [key("tot"), "afleidbaar"],
    ]);
  });
});

describe("the INP hierarchy niv1 = Σ niv2, niv2 = Σ niv3", () => {
  it("protects a small niv2 and a small niv3 under it", async () => {
    const hierarchy = tree({ "J:1": ["J:1.1", "J:1.2", "J:1.3"], "J:1.1": ["J:1.1.1", "J:1.1.2"] });
    const shown = counts([["J:1", 50], ["J:1.1", 20], ["J:1.2", 27], ["J:1.3", 3], ["J:1.1.1", 18], ["J:1.1.2", 2]]);
    const result = await suppress({ counts: shown, sums: [], hierarchies: hierarchy, ...rules });
    expect(result.audit.findings).toEqual([]);
    expect(result.hidden.get(key("J:1.3"))).toBe("klein");
    expect(result.hidden.get(key("J:1.1.2"))).toBe("klein");
    // Each small count needs a partner in every relation it is in.
    expect(result.hidden.size).toBeGreaterThanOrEqual(4);
  });
});
