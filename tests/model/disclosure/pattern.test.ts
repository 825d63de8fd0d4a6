import { describe, expect, it } from "vitest";
import { auditSuppression } from "../../../src/model/disclosure/audit.ts";
import { auditPattern, structureOf } from "../../../src/model/disclosure/pattern-audit.ts";
import { listedGroups, patternGroups } from "../../../src/model/disclosure/pattern.ts";
import { refKey, relationsOf, type Hierarchies, type ShownCount } from "../../../src/model/disclosure/relations.ts";
import { sumRange } from "../../../src/model/disclosure/published-edition.ts";
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

  it("knows a regional rate as published: its sum within the rounding, not exactly", async () => {
    // G1's total (4) is small, and so are its parts. It is the only hidden total in the region: were
    // the region's sum known exactly, the other totals would give it back (89 − 60 − 25), so a
    // second total would have to go. The rate is published to two decimals per 1.000 inwoners of a
    // region of 1 million (0,09): the sum lies anywhere in 85 … 95, so G1's total anywhere in
    // 0 … 10, room for either small part to be 5 or more.
    const table = counts([
      ["G1", "c1", YEAR, 1], ["G1", "c2", YEAR, 2], ["G1", "tot", YEAR, 4],
      ["G2", "c1", YEAR, 20], ["G2", "c2", YEAR, 30], ["G2", "tot", YEAR, 60],
      ["G3", "c1", YEAR, 10], ["G3", "c2", YEAR, 15], ["G3", "tot", YEAR, 25],
    ]);
    const sources = ["G1", "G2", "G3"].map((area) => ({ area, category: "tot", ...YEAR }));
    const hierarchies = hierarchy(["c1", "c2"], ["c9"]);
    expect(sumRange(0.09, 1_000_000)).toEqual([85, 95]);
    const ranged = await suppress({ counts: table, sums: [{ id: "regio tot", sources, range: sumRange(0.09, 1_000_000) }], hierarchies, ...noRules });
    expect(ranged.audit.findings).toEqual([]);
    expect([...ranged.hidden.keys()].sort()).toEqual([key("G1", "c1"), key("G1", "c2"), key("G1", "tot")].sort());
    // Known exactly (a figure that publishes the sum itself), the same table needs more hidden.
    const exact = await suppress({ counts: table, sums: [{ id: "regio tot", sources }], hierarchies, ...noRules });
    expect(exact.audit.findings).toEqual([]);
    expect(exact.hidden.size).toBeGreaterThan(3);
  });

  it("keeps the proofs of the option it hides, not those of an option it only tried", async () => {
    // A 2 × 2 core: G1's 3 is given back by its total and by the region's exact column sums. The
    // first option that protects it costs three counts; a cheaper one (the region's c1 alone) is
    // tried after it and protects nothing: its trial must not pass on the proof of the first.
    const table = counts([["G1", "c1", YEAR, 3], ["G1", "c2", YEAR, 20], ["G1", "tot", YEAR, 23], ["G2", "c1", YEAR, 15], ["G2", "c2", YEAR, 30], ["G2", "tot", YEAR, 45]]);
    const sums = ["c1", "c2", "tot"].map((category) => ({ id: `regio ${category}`, sources: ["G1", "G2"].map((area) => ({ area, category, ...YEAR })) }));
    const result = await suppress({ counts: table, sums, hierarchies: hierarchy(["c1", "c2"]), ...noRules });
    expect(result.audit.findings).toEqual([]);
    // 23 − 20 would give the 3 back: G1's c2 or total must be hidden whatever else is.
    expect(result.hidden.has(key("G1", "c2")) || result.hidden.has(key("G1", "tot"))).toBe(true);
  });

  it("hides the soorten of a gemeente where nearly every count is small, and keeps its total", async () => {
    // As Schiermonnikoog: a total of 19 over soorten of 1 … 4 and one of 7, under a year whose half
    // the earlier edition published. The page keeps its totals and says the rest in words.
    const parts = ["c1", "c2", "c3", "c4", "c5"];
    const table = counts([
      ["G", "c1", H2, 1], ["G", "c2", H2, 2], ["G", "c3", H2, 3], ["G", "c4", H2, 2], ["G", "c5", H2, 7], ["G", "tot", H2, 19],
      ["G", "c1", YEAR, 2], ["G", "c2", YEAR, 3], ["G", "c3", YEAR, 9], ["G", "c4", YEAR, 4], ["G", "c5", YEAR, 13], ["G", "tot", YEAR, 40],
    ]);
    const known = new Map([[key("G", "c1", H1), 1], [key("G", "c2", H1), 1], [key("G", "c3", H1), 6], [key("G", "c4", H1), 2], [key("G", "c5", H1), 6], [key("G", "tot", H1), 21]]);
    const result = await suppress({ counts: table, sums: [], known, hierarchies: hierarchy(parts, ["c9"]), ...noRules });
    expect(result.audit.findings).toEqual([]);
    expect(result.hidden.has(key("G", "tot", H2))).toBe(false);
    expect(result.hidden.has(key("G", "tot", YEAR))).toBe(false);
    for (const part of ["c1", "c2", "c3", "c4"]) expect(result.hidden.has(key("G", part, H2)), part).toBe(true);
  });

  it("protects a count an earlier edition showed and a revision moved into the small range", async () => {
    // H1 published c1's half year as 5; late corrections make it 4, so it is hidden now. With the
    // year (10) and the second half year (6) shown, 10 − 6 would give the 4 back exactly.
    const table = counts([
      ["G", "c1", H1, 4], ["G", "c1", H2, 6], ["G", "c1", YEAR, 10],
      ["G", "c2", H1, 30], ["G", "c2", H2, 35], ["G", "c2", YEAR, 65],
      ["G", "tot", H1, 60], ["G", "tot", H2, 70], ["G", "tot", YEAR, 130],
    ]);
    const known = new Map([[key("G", "c1", H1), 5], [key("G", "c2", H1), 30], [key("G", "tot", H1), 61]]);
    const result = await suppress({ counts: table, sums: [], known, hierarchies: hierarchy(["c1", "c2"], ["c9"]), ...noRules });
    expect(result.hidden.get(key("G", "c1", H1))).toBe("klein");
    expect(result.audit.findings).toEqual([]);
    // Something of the year's relation must go with it: the year, or the other half year.
    expect(result.hidden.has(key("G", "c1", YEAR)) || result.hidden.has(key("G", "c1", H2))).toBe(true);
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
