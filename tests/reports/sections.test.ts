import { beforeAll, describe, expect, it } from "vitest";
import { CubeBuilder } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import { resolveScope } from "../../src/model/scope.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { createReportContext, type ReportContext } from "../../src/reports/context.ts";
import { normalizeDefinition } from "../../src/reports/definition.ts";
import { editionOf } from "../../src/reports/edition.ts";
import { areaTable } from "../../src/reports/sections/area-table.ts";
import { categoryTable } from "../../src/reports/sections/category-table.ts";
import { monthSeries } from "../../src/reports/sections/month-series.ts";
import { revisionsTable } from "../../src/reports/sections/revisions.ts";
import type { Table } from "../../src/model/table.ts";
import { miniReference } from "../helpers.ts";

let reference: Reference;
beforeAll(async () => {
  reference = await miniReference();
});

/** A cube with woninginbraak (A20) and fietsdiefstal (A72) in two wijken of Oudewater, one row without buurt. */
function cube(extra: (builder: CubeBuilder) => void = () => {}) {
  const builder = new CubeBuilder();
  builder.add("BU05890201", monthOf(2025, 1), "A20", 30); // wijk Oudewater
  builder.add("BU05890101", monthOf(2025, 2), "A20", 10); // wijk Hekendorp
  builder.add("BU05890201", monthOf(2024, 1), "A20", 15);
  builder.add("BU05890201", monthOf(2025, 3), "A72", 4);
  builder.add("GM0589", monthOf(2025, 3), "A72", 2); // no buurt known
  builder.add("BU05890201", monthOf(2025, 3), "E35", 7); // an incident
  extra(builder);
  return builder.build();
}

function context(edition = "2025-12", previous?: ReturnType<typeof cube>): ReportContext {
  const ed = editionOf("ytd", edition, "t");
  return createReportContext({
    reference,
    scope: resolveScope({ gemeenten: ["GM0589", "GM0335"] }, reference),
    cube: cube(),
    edition: ed,
    lastCompleteMonth: monthOf(2026, 1),
    comparison: { minBase: 20, alpha: 0.05, years: 3 },
    voorlopig: [2025],
    ...(previous ? { previous: { edition: editionOf("ytd", "2025-11", "t"), cube: previous } } : {}),
  });
}

const cellOf = (table: Table, rowLabel: string, columnId: string) => {
  const row = table.rows.find((candidate) => candidate.label === rowLabel);
  const index = table.columns.findIndex((column) => column.id === columnId);
  return row?.cells[index];
};

describe("category-table", () => {
  const spec = normalizeDefinition(
    {
      kind: "t",
      title: "T",
      description: "T",
      audience: "gezag",
      areaLevels: ["gemeente"],
      period: "ytd",
      sections: [{ type: "category-table", id: "misdrijven", title: "Misdrijven", part: "J", depth: 3, columns: ["months", "current", "previous", "change", "verdict", "per1000"] }],
    },
    "t",
  ).sections[0] as Parameters<typeof categoryTable>[0];

  it("shows a total, then niv1 → niv2 → niv3 rows with subtotals, for categories with registrations", () => {
    const table = categoryTable(spec, "GM0589", "gemeente", context());
    expect(table.rows.map((row) => [row.label, row.role])).toEqual([
      ["Totaal van de 2 soorten in de gegevens", "total"],
      ["1 Veiligheid", "subtotal"],
      ["1.1 Huis", "subtotal"],
      ["1.1.1 Diefstal/inbraak woning", "detail"],
      ["1.2 Straat", "subtotal"],
      ["1.2.3 Diefstal van brom-, snor-, fietsen", "detail"],
    ]);
  });

  it("compares the year to date with last year, with the percentage, verdict and references to the counts", () => {
    const table = categoryTable(spec, "GM0589", "gemeente", context());
    expect(cellOf(table, "1.1.1 Diefstal/inbraak woning", "current")).toEqual({
      value: 40,
      ref: { area: "GM0589", category: "J:1.1.1", first: monthOf(2025, 1), last: monthOf(2025, 12) },
    });
    expect(cellOf(table, "1.1.1 Diefstal/inbraak woning", "previous")?.value).toBe(15);
    expect(cellOf(table, "1.1.1 Diefstal/inbraak woning", "percent")).toMatchObject({ value: null, symbol: ".", note: "basis te klein" });
    expect(cellOf(table, "1.1.1 Diefstal/inbraak woning", "verdict")).toMatchObject({ verdict: "stijging" });
    expect(cellOf(table, "Totaal van de 2 soorten in de gegevens", "m" + monthOf(2025, 3))?.value).toBe(6);
    expect(table.columns.find((column) => column.id === "current")?.flags).toEqual(["voorlopig"]);
  });
});

describe("area-table", () => {
  it("lists the wijken with the gemeente total first and a row for what no wijk holds", () => {
    const table = areaTable(
      { type: "area-table", id: "wijken", title: "Per wijk", childLevel: "wijk", category: "J", columns: ["current", "previous"] },
      "GM0589",
      "gemeente",
      context(),
    );
    expect(table.rows.map((row) => [row.label, row.cells[0]?.value])).toEqual([
      ["Totaal Oudewater", 46],
      ["Hekendorp", 10],
      ["Oudewater", 34],
      ["Papekop", 0],
      ["Snelrewaard", 0],
      ["Niet toe te delen aan een wijk", 2],
    ]);
    expect(table.rowHeading).toBe("Wijk");
  });

  it("keeps only the top N areas by count, without total or remainder", () => {
    const table = areaTable(
      { type: "area-table", id: "top", title: "Top", childLevel: "buurt", category: "J", columns: ["current"], top: 1 },
      "GM0589",
      "gemeente",
      context(),
    );
    expect(table.rows.map((row) => row.label)).toEqual(["Kern Oudewater"]);
  });
});

describe("month-series", () => {
  it("shows the last N months each against the same month a year earlier", () => {
    const table = monthSeries({ type: "month-series", id: "m", title: "M", category: "J:1.1.1", months: 24 }, "GM0589", "gemeente", context());
    expect(table.rows).toHaveLength(24);
    expect(table.rows[0]?.label).toBe("jan 2024");
    expect(table.rows[12]?.label).toBe("jan 2025");
    expect(table.rows[12]?.cells.map((cell) => cell.value)).toEqual([30, 15, 15]);
  });
});

describe("revisions", () => {
  it("lists each month and category whose count differs from the previous edition", () => {
    const before = cube((builder) => builder.add("BU05890201", monthOf(2025, 1), "A20", 2));
    const table = revisionsTable({ type: "revisions", id: "w", title: "W", depth: 3 }, "GM0589", "gemeente", context("2025-12", before));
    expect(table.rows.map((row) => [row.label, ...row.cells.map((cell) => cell.value)])).toEqual([
      ["januari 2025 · Totaal van de 2 soorten in de gegevens", 32, 30, -2],
      ["januari 2025 · 1 Veiligheid", 32, 30, -2],
      ["januari 2025 · 1.1 Huis", 32, 30, -2],
      ["januari 2025 · 1.1.1 Diefstal/inbraak woning", 32, 30, -2],
    ]);
  });

  it("is empty without a previous edition", () => {
    expect(revisionsTable({ type: "revisions", id: "w", title: "W", depth: 3 }, "GM0589", "gemeente", context()).rows).toEqual([]);
  });
});
