import { describe, expect, it } from "vitest";
import { auditSuppression } from "../../../src/model/disclosure/audit.ts";
import { auditPattern, structureOf } from "../../../src/model/disclosure/pattern-audit.ts";
import { listedGroups, patternGroups } from "../../../src/model/disclosure/pattern.ts";
import { refKey, relationsOf, type Hierarchies, type ShownCount } from "../../../src/model/disclosure/relations.ts";
import { suppress } from "../../../src/model/disclosure/suppress.ts";
import type { CellRef } from "../../../src/model/table.ts";

// The reader of docs/disclosure.md: knows every figure, that an x is ≥ 1, and the pattern rule
// (each group of x's linked by published relations holds a small one).

const YEAR = { first: 100, last: 111 };
const H1 = { first: 100, last: 105 };
const H2 = { first: 106, last: 111 };
type Period = { first: number; last: number };
const key = (area: string, category: string, period: Period = YEAR): string => refKey({ area, category, ...period });

function counts(entries: [area: string, category: string, period: Period, value: number][]): Map<string, ShownCount> {
  return new Map(
    entries.map(([area, category, period, value]) => {
      const ref: CellRef = { area, category, ...period };
      return [refKey(ref), { ref, value }];
    }),
  );
}

/** "tot" holds the listed parts and more (parts no table shows), so it is at least their sum. */
function hierarchy(parts: readonly string[], unlisted: readonly string[] = []): Hierarchies {
  const all = [...parts, ...unlisted];
  return {
    categoryChildren: (category) => (category === "tot" ? all : []),
    categoryParents: (category) => (all.includes(category) ? ["tot"] : []),
    areaChildren: () => [],
  };
}

const noRules = { isSensitive: () => false, isBelowGemeente: () => false, threshold: 5 };

/** The pattern audit of `hidden` in the table `table`, the rest shown. */
async function audit(table: Map<string, ShownCount>, hidden: readonly string[], hierarchies: Hierarchies, extraGroups: string[][] = []) {
  const relations = relationsOf(table, [], hierarchies);
  const shown = new Map([...table].filter(([name]) => !hidden.includes(name)).map(([name, count]) => [name, count.value]));
  const truth = new Map([...table].map(([name, count]) => [name, count.value]));
  const cells = new Set(hidden);
  const small = (name: string): boolean => (truth.get(name) ?? 0) >= 1 && (truth.get(name) ?? 0) < 5;
  const groups = listedGroups([...patternGroups(relations, cells), ...extraGroups], small, (name) => truth.has(name));
  return auditPattern({
    byKey: structureOf(relations, new Set(table.keys())),
    shown,
    truth,
    judged: hidden,
    threshold: 5,
    atLeastOne: cells,
    roughly: new Map(),
    groupsOf: (name) => groups.get(name) ?? [],
    intervals: true,
  });
}

describe("the pattern rule", () => {
  it("makes an x that shares no relation with another x a group of its own", () => {
    const table = counts([["G", "tot", YEAR, 40], ["G", "c1", YEAR, 3], ["G", "c2", YEAR, 20], ["H", "c1", YEAR, 2]]);
    const relations = relationsOf(table, [], hierarchy(["c1", "c2"], ["c9"]));
    expect(patternGroups(relations, new Set([key("G", "c1"), key("H", "c1")]))).toEqual([[key("G", "c1")], [key("H", "c1")]]);
    expect(patternGroups(relations, new Set([key("G", "c1"), key("G", "c2")]))).toEqual([[key("G", "c1"), key("G", "c2")]]);
  });

  it("leaves out a group that holds an x an earlier edition hid", () => {
    const table = counts([["G", "tot", YEAR, 40], ["G", "c1", YEAR, 3], ["G", "c2", YEAR, 20]]);
    const relations = relationsOf(table, [], hierarchy(["c1", "c2"], ["c9"]));
    expect(patternGroups(relations, new Set([key("G", "c1"), key("G", "c2")]), new Set([key("G", "c2")]))).toEqual([]);
  });
});

describe("the audit against a reader who knows the method", () => {
  it("places the lone x in 1 … 4: a totaal above its listed soorten leaves room, but no other x shares a relation with it", async () => {
    // As Bunnik, bedreiging, 2nd half of 2022: totaal 30 ≥ 3 (x) + 11 shown, so arithmetic allows 1 … 19.
    const table = counts([["G", "tot", YEAR, 30], ["G", "c1", YEAR, 3], ["G", "c2", YEAR, 11]]);
    const hierarchies = hierarchy(["c1", "c2"], ["c9"]);
    const relations = relationsOf(table, [], hierarchies);
    const arithmetic = await auditSuppression(relations, new Map([[key("G", "tot"), 30], [key("G", "c2"), 11]]), new Set([key("G", "c1")]), 5, new Set([key("G", "c1")]));
    expect(arithmetic.findings).toEqual([]);
    const result = await audit(table, [key("G", "c1")], hierarchies);
    expect(result.findings).toEqual([{ key: key("G", "c1"), interval: { low: 1, high: 4 }, problem: "small" }]);
  });

  it("passes the same x once a sibling that could be the small one instead is hidden too", async () => {
    const table = counts([["G", "tot", YEAR, 30], ["G", "c1", YEAR, 3], ["G", "c2", YEAR, 11]]);
    const result = await audit(table, [key("G", "c1"), key("G", "c2")], hierarchy(["c1", "c2"], ["c9"]));
    expect(result.findings).toEqual([]);
    expect(result.certificates.get(key("G", "c1"))?.high).toBe(true);
  });

  it("sees through the year trick: two lone half years under a shown year of 7 are each 3 or 4", async () => {
    // Each half year was a lone x in its own edition (a group of its own there); the year 7 shows now.
    const table = counts([["G", "c1", H1, 3], ["G", "c1", H2, 4], ["G", "c1", YEAR, 7]]);
    const hierarchies = hierarchy([]);
    const hidden = [key("G", "c1", H1), key("G", "c1", H2)];
    const arithmetic = await auditSuppression(relationsOf(table, [], hierarchies), new Map([[key("G", "c1"), 7]]), new Set(hidden), 5, new Set(hidden));
    expect(arithmetic.findings).toEqual([]); // 1 … 6 each, by arithmetic alone
    const result = await audit(table, hidden, hierarchies, [[key("G", "c1", H1)], [key("G", "c1", H2)]]);
    expect(result.findings.map((finding) => [finding.key, finding.problem, finding.interval])).toEqual([
      [key("G", "c1", H1), "small", { low: 3, high: 4 }],
      [key("G", "c1", H2), "small", { low: 3, high: 4 }],
    ]);
  });

  it("sees through the year trick: a hidden year over a hidden half year and a shown one can only be the protecting x", async () => {
    const table = counts([["G", "c1", H1, 2], ["G", "c1", H2, 30], ["G", "c1", YEAR, 32]]);
    const result = await audit(table, [key("G", "c1", H1), key("G", "c1", YEAR)], hierarchy([]));
    expect(result.findings.map((finding) => [finding.key, finding.problem])).toEqual([[key("G", "c1", H1), "small"]]);
  });
});

describe("secondary suppression against that reader", () => {
  it("gives the lone x a partner, and the audit then passes", async () => {
    const table = counts([["G", "tot", YEAR, 30], ["G", "c1", YEAR, 3], ["G", "c2", YEAR, 11], ["G", "c3", YEAR, 9]]);
    const result = await suppress({ counts: table, sums: [], hierarchies: hierarchy(["c1", "c2", "c3"], ["c9"]), ...noRules });
    expect(result.audit.findings).toEqual([]);
    expect(result.hidden.get(key("G", "c1"))).toBe("klein");
    // The cheapest partner: the smallest sibling, not the totaal.
    expect(result.hidden.get(key("G", "c3"))).toBe("afleidbaar");
    expect(result.hidden.has(key("G", "tot"))).toBe(false);
  });

  it("keeps a regional figure shown on every page when a count of one page can be hidden instead", async () => {
    // Three gemeenten; the region's figure per category is on all three pages. G1 has a small c1.
    const areas = ["G1", "G2", "G3"];
    const table = counts(areas.flatMap((area, i): [string, string, Period, number][] => [
      [area, "c1", YEAR, i === 0 ? 2 : 20 + i],
      [area, "c2", YEAR, 30 + i],
      [area, "c3", YEAR, 40 + i],
      [area, "tot", YEAR, 200 + i],
    ]));
    const sums = ["c1", "c2", "c3"].map((category) => ({ id: `regio ${category}`, sources: areas.map((area) => ({ area, category, ...YEAR })) }));
    const cost = (name: string): number => (name.startsWith("regio") ? areas.length : 1);
    const result = await suppress({ counts: table, sums, cost, hierarchies: hierarchy(["c1", "c2", "c3"], ["c9"]), ...noRules });
    expect(result.audit.findings).toEqual([]);
    expect([...result.hidden.keys()].filter((name) => name.startsWith("regio"))).toEqual([]);
    expect(result.hidden.get(key("G1", "c1"))).toBe("klein");
    // Protected by one count of one page: a second gemeente's c1 can be the small one instead.
    expect([...result.hidden.keys()].sort()).toEqual([key("G1", "c1"), key("G2", "c1")]);
  });

  it("hides again what an earlier edition hid, and keeps that edition's groups", async () => {
    const table = counts([["G", "tot", YEAR, 30], ["G", "c1", YEAR, 8], ["G", "c2", YEAR, 11], ["G", "c3", YEAR, 9]]);
    const result = await suppress({
      counts: table,
      sums: [],
      priorHidden: new Set([key("G", "c1"), key("G", "c3")]),
      priorGroups: [[key("G", "c1"), key("G", "c3")]],
      hierarchies: hierarchy(["c1", "c2", "c3"], ["c9"]),
      ...noRules,
    });
    // Nothing is small now, but c1 and c3 stay x: showing them would say which of the two was the small one.
    expect(result.hidden.get(key("G", "c1"))).toBe("afleidbaar");
    expect(result.hidden.get(key("G", "c3"))).toBe("afleidbaar");
    expect(result.audit.findings).toEqual([]);
  });
});
