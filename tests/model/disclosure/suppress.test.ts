import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditSuppression, judge } from "../../../src/model/disclosure/audit.ts";
import { refKey, relationsOf, type Hierarchies, type ShownCount } from "../../../src/model/disclosure/relations.ts";
import { suppress } from "../../../src/model/disclosure/suppress.ts";
import { roundToFive } from "../../../src/model/disclosure/round.ts";
import type { CellRef } from "../../../src/model/table.ts";

/** A small classification: "tot" is the sum of the categories c1 … cn. */
function hierarchy(parts: readonly string[]): Hierarchies {
  return {
    categoryChildren: (category) => (category === "tot" ? parts : []),
    categoryParents: (category) => (parts.includes(category) ? ["tot"] : []),
    areaChildren: () => [],
  };
}

const YEAR = { first: 100, last: 111 };
const H1 = { first: 100, last: 105 };
const H2 = { first: 106, last: 111 };

function counts(entries: [area: string, category: string, period: { first: number; last: number }, value: number][]): Map<string, ShownCount> {
  return new Map(entries.map(([area, category, period, value]) => {
    const ref: CellRef = { area, category, ...period };
    return [refKey(ref), { ref, value }];
  }));
}

const key = (area: string, category: string, period = YEAR): string => refKey({ area, category, ...period });
const noRules = { isSensitive: () => false, isBelowGemeente: () => false, threshold: 5 };

/** The range a reader can narrow each hidden count to by arithmetic alone, after suppression. */
async function intervalsAfter(result: Awaited<ReturnType<typeof suppress>>, shown: ReadonlyMap<string, ShownCount>, sums: readonly { id: string; sources: readonly CellRef[] }[]) {
  const values = new Map([...shown].map(([name, count]) => [name, count.value]));
  for (const sum of sums) values.set(sum.id, sum.sources.reduce((total, source) => total + (shown.get(refKey(source))?.value ?? 0), 0));
  for (const name of result.hidden.keys()) values.delete(name);
  const hidden = new Set([...result.hidden.keys()].filter((name) => shown.has(name)));
  return (await auditSuppression(result.relations, values, hidden, 5, hidden)).intervals;
}

describe("the audit", () => {
  it("judges an interval: one whole number is pinned, only 1 … 4 is small, 0 … 4 and 3 … 9 are protected", () => {
    expect(judge({ low: 3, high: 3 }, 5)).toBe("pinned");
    expect(judge({ low: 2.4, high: 3.2 }, 5)).toBe("pinned");
    expect(judge({ low: 1, high: 4 }, 5)).toBe("small");
    expect(judge({ low: 0, high: 4 }, 5)).toBeUndefined();
    expect(judge({ low: 3, high: 9 }, 5)).toBeUndefined();
    expect(judge({ low: 0, high: Infinity }, 5)).toBeUndefined();
  });

  it("catches the leak of naive suppression in a 2×2 table with totals, and secondary suppression closes it", async () => {
    // Gemeenten G1 and G2, categories c1 and c2 with their total; the region's figures reveal the column sums.
    const shown = counts([
      ["G1", "c1", YEAR, 3], ["G1", "c2", YEAR, 20], ["G1", "tot", YEAR, 23],
      ["G2", "c1", YEAR, 15], ["G2", "c2", YEAR, 30], ["G2", "tot", YEAR, 45],
    ]);
    const sums = ["c1", "c2", "tot"].map((category) => ({ id: `regio ${category}`, sources: ["G1", "G2"].map((area) => ({ area, category, ...YEAR })) }));
    const relations = relationsOf(shown, sums, hierarchy(["c1", "c2"]));
    const values = new Map([...shown].map(([name, count]) => [name, count.value]));

    // Naive: only the 3 is hidden; 23 − 20 gives it back.
    const naive = new Map(values);
    naive.delete(key("G1", "c1"));
    const leak = await auditSuppression(relations, naive, new Set([key("G1", "c1")]), 5);
    expect(leak.findings).toEqual([{ key: key("G1", "c1"), interval: { low: 3, high: 3 }, problem: "pinned" }]);

    const result = await suppress({ counts: shown, sums, hierarchies: hierarchy(["c1", "c2"]), ...noRules });
    expect(result.audit.findings).toEqual([]);
    // Four cells of a 2×2 core must go (a classic: any fewer and the totals give the 3 back): the
    // 3 with the other gemeente's c1, and in both gemeenten the c2 or the total.
    const hiddenCounts = [...result.hidden.keys()].filter((name) => !name.startsWith("regio")).sort();
    expect(hiddenCounts).toHaveLength(4);
    expect(hiddenCounts).toContain(key("G2", "c1"));
    expect([[key("G1", "c2"), key("G2", "c2")], [key("G1", "tot"), key("G2", "tot")]].some((pair) => pair.every((name) => hiddenCounts.includes(name)))).toBe(true);
    expect(result.hidden.get(key("G1", "c1"))).toBe("klein");
    // The hidden 3 can now be anything from 1 (an x is never 0: zeros are shown) to well above the threshold.
    const intervals = await intervalsAfter(result, shown, sums);
    expect(intervals.get(key("G1", "c1"))?.low).toBe(1);
    expect(intervals.get(key("G1", "c1"))?.high).toBe(17); // regio c1 18 minus G2 c1 ≥ 1
  });

  it("protects a tiny gemeente whose small total bounds its small counts, by hiding the total as well", async () => {
    // As Schiermonnikoog in a national edition: a total of 6 over three small counts (1, 2, 3) and a
    // shown zero; categories the table leaves out (c5, c6) make the total more than its rows. Each
    // small count is at most 6 − 1 − 1 = 4 whatever else is hidden in the regional sums: only
    // hiding the total (and protecting it in turn) gives them room. With more gemeenten in the
    // region than rounds of secondary suppression (50), the siblings in the regional sums crowd out
    // the total: the search must still get to it.
    const parts = ["c1", "c2", "c3", "c4", "c5", "c6"];
    const areas = Array.from({ length: 61 }, (_, i) => `G${String(i).padStart(2, "0")}`);
    const shown = counts([
      ["G00", "c1", YEAR, 1], ["G00", "c2", YEAR, 2], ["G00", "c3", YEAR, 3], ["G00", "c4", YEAR, 0], ["G00", "tot", YEAR, 6],
      ...areas.slice(1).flatMap((area, i): [string, string, { first: number; last: number }, number][] => [
        [area, "c1", YEAR, 40 + i], [area, "c2", YEAR, 50 + i], [area, "c3", YEAR, 60 + i], [area, "c4", YEAR, 70 + i], [area, "tot", YEAR, 400 + 5 * i],
      ]),
    ]);
    const sums = ["c1", "c2", "c3", "c4", "tot"].map((category) => ({ id: `regio ${category}`, sources: areas.map((area) => ({ area, category, ...YEAR })) }));
    const result = await suppress({ counts: shown, sums, hierarchies: hierarchy(parts), ...noRules });
    expect(result.audit.findings).toEqual([]);
    expect(result.hidden.get(key("G00", "tot"))).toBe("afleidbaar");
    const intervals = await intervalsAfter(result, shown, sums);
    for (const category of ["c1", "c2", "c3"]) expect(intervals.get(key("G00", category))?.high, category).toBeGreaterThanOrEqual(5);
  });

  it("protects a half year across two tables: the year is the sum of its halves", async () => {
    const shown = counts([["G1", "c1", H1, 2], ["G1", "c1", H2, 30], ["G1", "c1", YEAR, 32]]);
    const result = await suppress({ counts: shown, sums: [], hierarchies: hierarchy([]), ...noRules });
    expect([...result.hidden.keys()].sort()).toEqual([key("G1", "c1", H1), key("G1", "c1", H2)].sort());
    expect(result.audit.findings).toEqual([]);
  });

  it("does not rely on hiding what the previous edition already published", async () => {
    // The H1 edition published 12; now the H2 figure is 3 and the year 15. A second category gives
    // the small count a partner that could be the small one instead.
    const shown = counts([["G1", "c1", H2, 3], ["G1", "c1", YEAR, 15], ["G1", "c2", H2, 40], ["G1", "c2", YEAR, 60], ["G1", "tot", H2, 43], ["G1", "tot", YEAR, 75]]);
    const known = new Map([[key("G1", "c1", H1), 12], [key("G1", "c2", H1), 20], [key("G1", "tot", H1), 32]]);
    const naive = await auditSuppression(relationsOf(new Map([...shown, ...counts([["G1", "c1", H1, 12]])]), [], hierarchy([])), new Map([[key("G1", "c1"), 15], [key("G1", "c1", H1), 12]]), new Set([key("G1", "c1", H2)]), 5);
    expect(naive.findings[0]?.problem).toBe("pinned");

    const result = await suppress({ counts: shown, sums: [], known, hierarchies: hierarchy(["c1", "c2"]), ...noRules });
    expect(result.hidden.get(key("G1", "c1"))).toBe("afleidbaar");
    expect(result.hidden.get(key("G1", "c2", H2))).toBe("afleidbaar");
    expect(result.audit.findings).toEqual([]);
  });

  it("knows the year trick: a hidden year over a published half year cannot be the small x, so alone it protects nothing", async () => {
    // Year = H1 (published, 12) + H2 (x). Hiding the year stops the subtraction, but the year is at
    // least 13: of the two linked x's only the half year can be the small one.
    const shown = counts([["G1", "c1", H2, 3], ["G1", "c1", YEAR, 15]]);
    const result = await suppress({ counts: shown, sums: [], known: new Map([[key("G1", "c1", H1), 12]]), hierarchies: hierarchy([]), ...noRules });
    expect(result.audit.findings.map((finding) => [finding.key, finding.problem])).toContainEqual([key("G1", "c1", H2), "small"]);
  });

  it("does not fail when a revision moved an earlier figure far from what was published", async () => {
    // The H1 edition published 12; late registrations make the H1 now 27 (year 30, H2 3).
    const shown = counts([["G1", "c1", H2, 3], ["G1", "c1", YEAR, 30], ["G1", "c2", H2, 40], ["G1", "c2", YEAR, 60], ["G1", "tot", H2, 43], ["G1", "tot", YEAR, 90]]);
    const known = new Map([[key("G1", "c1", H1), 12], [key("G1", "c2", H1), 20], [key("G1", "tot", H1), 32]]);
    const result = await suppress({ counts: shown, sums: [], known, hierarchies: hierarchy(["c1", "c2"]), ...noRules });
    expect(result.audit.findings).toEqual([]);
    expect(result.hidden.get(key("G1", "c1", H2))).toBe("klein");
  });

  it("hides a sensitive category per month and below gemeente, whatever its size", async () => {
    const month = { first: 100, last: 100 };
    const shown = counts([["G1", "zeden", month, 40], ["G1", "zeden", YEAR, 400], ["WK1", "zeden", YEAR, 60], ["G1", "c1", month, 40]]);
    const result = await suppress({
      counts: shown,
      sums: [],
      hierarchies: hierarchy([]),
      threshold: 5,
      isSensitive: (category) => category === "zeden",
      isBelowGemeente: (area) => area.startsWith("WK"),
    });
    expect(result.hidden.get(key("G1", "zeden", month))).toBe("gevoelig");
    expect(result.hidden.get(key("WK1", "zeden"))).toBe("gevoelig");
    expect(result.hidden.has(key("G1", "zeden"))).toBe(false);
    expect(result.hidden.has(key("G1", "c1", month))).toBe(false);
  });

  it("protects a crafted edition full of small cells: ten gemeenten, five categories, halves and year", async () => {
    const parts = ["c1", "c2", "c3", "c4", "c5"];
    const entries: [string, string, { first: number; last: number }, number][] = [];
    for (let g = 0; g < 10; g++) {
      let total = { h1: 0, h2: 0 };
      parts.forEach((category, c) => {
        const h1 = (g * 7 + c * 3) % 6; // 0 … 5: mostly small
        const h2 = (g * 5 + c * 11) % 9; // 0 … 8
        entries.push([`G${g}`, category, H1, h1], [`G${g}`, category, H2, h2], [`G${g}`, category, YEAR, h1 + h2]);
        total = { h1: total.h1 + h1, h2: total.h2 + h2 };
      });
      entries.push([`G${g}`, "tot", H1, total.h1], [`G${g}`, "tot", H2, total.h2], [`G${g}`, "tot", YEAR, total.h1 + total.h2]);
    }
    const shown = counts(entries);
    const result = await suppress({ counts: shown, sums: [], hierarchies: hierarchy(parts), ...noRules });
    expect(result.audit.findings).toEqual([]);
    for (const [name, { value }] of shown) if (!result.hidden.has(name)) expect(value === 0 || value >= 5, name).toBe(true);
    expect(result.hidden.size).toBeGreaterThan(0);
  });

  // Random tables of up to four gemeenten × four categories, with half years, years and exact
  // regional sums: suppression must always end in a passing audit. (It ran for minutes until the
  // audit looked for tables within a box around the figures: big-M rows over counts of millions
  // made single programs run to their time limit.)
  it("always ends with a passing audit and no small count shown (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.tuple(fc.nat(12), fc.nat(12)), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (areas) => {
        const parts = areas[0]?.map((_, c) => `c${c}`) ?? [];
        const entries: [string, string, { first: number; last: number }, number][] = [];
        areas.forEach((cells, g) => {
          let h1Total = 0;
          let h2Total = 0;
          parts.forEach((category, c) => {
            const [h1, h2] = cells[c] ?? [0, 0];
            entries.push([`G${g}`, category, H1, h1], [`G${g}`, category, H2, h2], [`G${g}`, category, YEAR, h1 + h2]);
            h1Total += h1;
            h2Total += h2;
          });
          entries.push([`G${g}`, "tot", H1, h1Total], [`G${g}`, "tot", H2, h2Total], [`G${g}`, "tot", YEAR, h1Total + h2Total]);
        });
        const shown = counts(entries);
        const sums = parts.map((category) => ({ id: `regio ${category}`, sources: areas.map((_, g) => ({ area: `G${g}`, category, ...YEAR })) }));
        const result = await suppress({ counts: shown, sums, hierarchies: hierarchy(parts), ...noRules });
        expect(result.audit.findings).toEqual([]);
        for (const [name, { value }] of shown) if (!result.hidden.has(name)) expect(value === 0 || value >= 5).toBe(true);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe("rounding to five", () => {
  it("keeps 0, makes 1 … 7 five and rounds the rest to the nearest multiple of 5", () => {
    expect([0, 1, 2, 4, 7, 8, 12, 13, 1234].map(roundToFive)).toEqual([0, 5, 5, 5, 5, 10, 10, 15, 1235]);
  });
});
