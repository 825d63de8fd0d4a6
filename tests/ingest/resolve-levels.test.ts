import { beforeAll, describe, expect, it } from "vitest";
import type { CountRow } from "../../src/ingest/export-record.ts";
import { resolveLevels } from "../../src/ingest/resolve-levels.ts";
import { monthOf } from "../../src/model/months.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { realReference } from "../helpers.ts";

let reference: Reference;
beforeAll(async () => {
  reference = await realReference();
});

// Montfoort (GM0335): wijk WK033500 with buurten BU03350000 and BU03350001 (indeling 2024).
const row = (line: number, area: string, aantal: number | undefined): CountRow => ({ line, area, month: monthOf(2024, 1), granularity: "year", provisional: false, klasse: "1.2.3", aantal });

describe("resolveLevels", () => {
  it("uses the finest rows and checks the coarser ones, so a file of a gemeente, a wijk and its buurten is not summed across levels", () => {
    const { areas } = reference;
    const wijk = areas.childrenOf("GM0335")[0] as string;
    const [b1, b2] = areas.childrenOf(wijk) as [string, string];
    const { cells, findings, errors } = resolveLevels([row(2, "GM0335", 30), row(3, wijk, 30), row(4, b1, 10), row(5, b2, 20)], areas);
    expect(errors).toEqual([]);
    expect(findings).toEqual([]);
    expect(cells.map((cell) => [cell.area, cell.aantal])).toEqual([
      [b1, 10],
      [b2, 20],
    ]);
    expect(cells.reduce((sum, cell) => sum + cell.aantal, 0)).toBe(30);
  });

  it("counts a coarser row's surplus for the coarser area (not assigned to a buurt) and warns with both numbers", () => {
    const { areas } = reference;
    const wijk = areas.childrenOf("GM0335")[0] as string;
    const [b1, b2] = areas.childrenOf(wijk) as [string, string];
    const { cells, findings } = resolveLevels([row(2, "GM0335", 35), row(4, b1, 10), row(5, b2, 20)], areas);
    expect(cells.map((cell) => [cell.area, cell.aantal]).sort()).toEqual([
      ["GM0335", 5],
      [b1, 10],
      [b2, 20],
    ].sort());
    expect(findings).toHaveLength(1);
    expect(findings[0]?.detail).toContain("GM0335");
    expect(findings[0]?.detail).toContain("the row says 35");
    expect(findings[0]?.detail).toContain("add up to 30");
  });

  it("lets the parts count where they add up to more than the coarser row, and says so", () => {
    const { areas } = reference;
    const wijk = areas.childrenOf("GM0335")[0] as string;
    const [b1, b2] = areas.childrenOf(wijk) as [string, string];
    const { cells, findings } = resolveLevels([row(3, wijk, 25), row(4, b1, 10), row(5, b2, 20)], areas);
    expect(cells.reduce((sum, cell) => sum + cell.aantal, 0)).toBe(30);
    expect(findings[0]?.detail).toMatch(/says 25, .* add up to 30, more than the row/);
  });

  it("treats a missing count as missing, not 0: covered by a coarser row, an error without one", () => {
    const { areas } = reference;
    const wijk = areas.childrenOf("GM0335")[0] as string;
    const [b1, b2] = areas.childrenOf(wijk) as [string, string];
    const covered = resolveLevels([row(2, "GM0335", 30), row(4, b1, 10), row(5, b2, undefined)], areas);
    expect(covered.errors).toEqual([]);
    expect(covered.cells.reduce((sum, cell) => sum + cell.aantal, 0)).toBe(30);
    expect(covered.findings.map((finding) => finding.kind)).toContain("missing-count");
    const uncovered = resolveLevels([row(4, b1, 10), row(5, b2, undefined)], areas);
    expect(uncovered.errors).toHaveLength(1);
    expect(uncovered.errors[0]?.line).toBe(5);
    // A zero is a count: nothing to report.
    const zero = resolveLevels([row(4, b1, 10), row(5, b2, 0)], areas);
    expect(zero.errors).toEqual([]);
    expect(zero.findings).toEqual([]);
  });

  it("keeps klassen and periods apart", () => {
    const { areas } = reference;
    const { cells } = resolveLevels([row(2, "GM0335", 30), { ...row(3, "GM0335", 7), klasse: "1.1.1" }, { ...row(4, "GM0335", 9), month: monthOf(2023, 1) }], areas);
    expect(cells.map((cell) => cell.aantal).sort()).toEqual([30, 7, 9].sort());
  });
});
