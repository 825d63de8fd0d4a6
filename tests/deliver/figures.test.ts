import { describe, expect, it } from "vitest";
import { figuresOf } from "../../src/deliver/figures.ts";
import { monthOf } from "../../src/model/months.ts";
import type { Cell, Column, Row, Table } from "../../src/model/table.ts";
import type { ReportPage } from "../../src/reports/page.ts";

const jan = monthOf(2025, 1);
const dec = monthOf(2025, 12);
const ref = (area: string, category: string, first = jan, last = dec) => ({ area, category, first, last });
const previous = (area: string, category: string) => ref(area, category, jan - 12, dec - 12);

const COLUMNS: Column[] = [
  { id: "current", label: "2025", kind: "count", flags: ["voorlopig"] },
  { id: "previous", label: "2024", kind: "count" },
  { id: "change", label: "verschil", kind: "change" },
  { id: "percent", label: "%", kind: "percent" },
  { id: "verdict", label: "betekenis", kind: "verdict" },
  { id: "per1000", label: "per 1.000", kind: "rate" },
];

function row(area: string, category: string, cells: [Cell, Cell, Cell, Cell, Cell, Cell], label = category): Row {
  return { id: category, label, level: 1, role: "detail", cells };
}

function table(id: string, rows: Row[], columns = COLUMNS): Table {
  return { id, caption: id, rowHeading: "Categorie", columns, rows, notes: [] };
}

function page(tables: Table[]): ReportPage {
  return {
    path: "r/2025-12/gm0344.html",
    report: { kind: "r", title: "R", audience: "public", audienceLabel: "Openbaar" },
    edition: { id: "2025-12", label: "december 2025" },
    period: { label: "2025", previousLabel: "2024" },
    area: { code: "GM0344", naam: "Utrecht", level: "gemeente" },
    sections: tables.map((t) => ({ type: "table", id: t.id, title: t.id, table: t })),
  } as unknown as ReportPage;
}

const utrechtRow = (): Row =>
  row("GM0344", "soort:1.1.1", [
    { value: 120, ref: ref("GM0344", "soort:1.1.1") },
    { value: 100, ref: previous("GM0344", "soort:1.1.1") },
    { value: 20, sources: [ref("GM0344", "soort:1.1.1"), previous("GM0344", "soort:1.1.1")] },
    { value: 0.2, sources: [] },
    { value: 0.01, verdict: "stijging" },
    { value: 0.33336, sources: [ref("GM0344", "soort:1.1.1")] },
  ], "1.1.1 Diefstal/inbraak woning");

describe("figuresOf", () => {
  it("gives each figure of a table row in long form: counts of their own period, the rest of the row's", () => {
    const { figures, labels } = figuresOf([page([table("t", [utrechtRow()])])]);
    expect(figures.map((figure) => [figure.period, figure.measure, figure.value, figure.status])).toEqual([
      ["2024-01/2024-12", "aantal", 100, ""],
      ["2025-01/2025-12", "aantal", 120, "*"],
      ["2025-01/2025-12", "betekenis_vorig_jaar", 1, ""],
      ["2025-01/2025-12", "per_1000_inwoners", 0.33, ""],
      ["2025-01/2025-12", "verschil_vorig_jaar", 20, ""],
      ["2025-01/2025-12", "verschil_vorig_jaar_procent", 20, ""],
    ]);
    expect(figures.every((figure) => figure.area === "GM0344" && figure.category === "soort:1.1.1")).toBe(true);
    expect(labels.categories.get("soort:1.1.1")).toBe("1.1.1 Diefstal/inbraak woning");
  });

  it("keeps x, . and – as a status with no value, and marks onvolledig", () => {
    const hidden = row("GM0344", "soort:1.4.6", [
      { value: null, symbol: "x", ref: ref("GM0344", "soort:1.4.6") },
      { value: 3, flags: ["onvolledig"], ref: previous("GM0344", "soort:1.4.6") },
      { value: null, symbol: "x" },
      { value: null, symbol: "–", note: "basis te klein" },
      { value: null, symbol: ".", note: "levering onvolledig" },
      { value: null, symbol: "x" },
    ]);
    const { figures } = figuresOf([page([table("t", [hidden])])]);
    expect(figures.map((figure) => [figure.measure, figure.period.slice(0, 4), figure.value, figure.status])).toEqual([
      ["aantal", "2024", 3, "°"],
      ["aantal", "2025", null, "x"],
      ["betekenis_vorig_jaar", "2025", null, "."],
      ["per_1000_inwoners", "2025", null, "x"],
      ["verschil_vorig_jaar", "2025", null, "x"],
      ["verschil_vorig_jaar_procent", "2025", null, "-"],
    ]);
  });

  it("gives a count shown in two tables once, with the marks of both", () => {
    const counts: Column[] = [{ id: "current", label: "2025", kind: "count" }];
    const bare = table("bare", [{ id: "soort:1.1.1", label: "x", level: 0, role: "detail", cells: [{ value: 120, ref: ref("GM0344", "soort:1.1.1") }] }], counts);
    const { figures } = figuresOf([page([bare, table("t", [utrechtRow()])])]);
    expect(figures.filter((figure) => figure.measure === "aantal" && figure.period === "2025-01/2025-12")).toEqual([expect.objectContaining({ value: 120, status: "*" })]);
  });

  it("throws when one figure would have two values", () => {
    const counts: Column[] = [{ id: "current", label: "2025", kind: "count" }];
    const other = table("other", [{ id: "soort:1.1.1", label: "x", level: 0, role: "detail", cells: [{ value: 121, ref: ref("GM0344", "soort:1.1.1") }] }], counts);
    expect(() => figuresOf([page([other, table("t", [utrechtRow()])])])).toThrow(/GM0344\|2025-01\/2025-12\|soort:1.1.1\|aantal is 120 here and 121 elsewhere/);
  });

  it("names the areas of a table by area (a wijk row is the wijk's figure)", () => {
    const counts: Column[] = [{ id: "current", label: "2025", kind: "count" }];
    const wijken = table("per-wijk", [{ id: "WK034401", label: "Binnenstad", level: 1, role: "detail", cells: [{ value: 40, ref: ref("WK034401", "J") }] }], counts);
    const { figures, labels } = figuresOf([page([wijken])]);
    expect(figures).toEqual([expect.objectContaining({ area: "WK034401", category: "J", measure: "aantal", value: 40 })]);
    expect(labels.areas.get("WK034401")).toBe("Binnenstad");
  });
});
