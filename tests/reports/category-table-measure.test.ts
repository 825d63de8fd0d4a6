import { beforeAll, describe, expect, it } from "vitest";
import type { CompletenessFinding } from "../../src/model/completeness.ts";
import { CubeBuilder } from "../../src/model/cube.ts";
import { measure } from "../../src/model/measure.ts";
import { monthOf } from "../../src/model/months.ts";
import { resolveScope } from "../../src/model/scope.ts";
import type { Table } from "../../src/model/table.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { buildReport } from "../../src/reports/build-report.ts";
import { createReportContext, type ReportContext } from "../../src/reports/context.ts";
import { editionOf } from "../../src/reports/edition.ts";
import { tableOf } from "../../src/reports/page.ts";
import { categoryTable } from "../../src/reports/sections/category-table.ts";
import { tabellenboek } from "../../src/reports/tabellenboek/definition.ts";
import { miniReference } from "../helpers.ts";

let reference: Reference;
beforeAll(async () => {
  reference = await miniReference();
});

/** Oudewater: woninginbraak and fietsdiefstal in 2024 and 2025, 2025 provisional. */
function context(incomplete: CompletenessFinding[] = []): ReportContext {
  const builder = new CubeBuilder();
  for (let month = 1; month <= 12; month++) {
    builder.add("BU05890201", monthOf(2024, month), "A20", 6);
    builder.add("BU05890201", monthOf(2025, month), "A20", month === 10 ? 0 : 4);
    builder.add("BU05890101", monthOf(2024, month), "A72", 3);
    builder.add("BU05890101", monthOf(2025, month), "A72", 3);
  }
  return createReportContext({
    reference,
    scope: resolveScope({ gemeenten: ["GM0589", "GM0335"] }, reference),
    cube: builder.build(),
    edition: editionOf("ytd", "2025-12", "t"),
    lastCompleteMonth: monthOf(2025, 12),
    comparison: { minBase: 20, alpha: 0.05, years: 3 },
    voorlopig: [2025],
    incomplete,
  });
}

const spec = tabellenboek.sections.find((section) => section.id === "misdrijven") as Parameters<typeof categoryTable>[0];
const cell = (table: Table, row: string, column: string) => table.rows.find((candidate) => candidate.id === row)?.cells[table.columns.findIndex((candidate) => candidate.id === column)];

describe("the tabellenboek's category table asks the model (measure)", () => {
  it("shows year to date against last year, the change, its significance and the rate per 1.000 inwoners exactly as measure gives them", () => {
    const ctx = context();
    const table = categoryTable(spec, "GM0589", "gemeente", ctx);
    const counts = ctx.counts("gemeente");
    for (const row of table.rows) {
      const measured = measure({
        area: "GM0589",
        category: row.id,
        period: ctx.edition.period,
        count: (period) => counts.sum("GM0589", row.id, period.first, period.last),
        inwoners: (year) => reference.population.of("GM0589", year),
        status: ctx.dataStatus,
        comparison: ctx.comparison,
      });
      expect(cell(table, row.id, "current")?.value, row.id).toBe(measured.current.count);
      expect(cell(table, row.id, "previous")?.value, row.id).toBe(measured.vsPreviousYear?.base);
      expect(cell(table, row.id, "change")?.value, row.id).toBe(measured.vsPreviousYear?.absolute);
      expect(cell(table, row.id, "percent")?.value, row.id).toBe(measured.vsPreviousYear?.percent);
      expect(cell(table, row.id, "verdict")?.verdict, row.id).toBe(measured.vsPreviousYear?.verdict);
      expect(cell(table, row.id, "per1000")?.value, row.id).toBe(measured.rate.value);
    }
    // The figures themselves: 44 woninginbraken against 72 is a significant fall; 36 fietsdiefstallen against 36 is not.
    expect(cell(table, "J:1.1.1", "verdict")).toMatchObject({ verdict: "daling" });
    expect(cell(table, "J:1.1.1", "percent")?.value).toBeCloseTo(-28 / 72, 12);
    expect(cell(table, "J:1.2.3", "verdict")).toMatchObject({ verdict: "geen significante verandering" });
  });

  it("with an accepted incomplete delivery, marks the figures, withholds the verdict and notes why on the page", () => {
    const october: CompletenessFinding = {
      kind: "levering-onvolledig",
      area: "GM0589",
      month: monthOf(2025, 10),
      count: 3,
      expected: 7,
      references: [],
    };
    const ctx = context([october]);
    const { pages } = buildReport(tabellenboek, ctx, { organisation: "T", buildDate: "10 januari 2026", areas: ["GM0589", "GM0335"] });
    const oudewater = tableOf(pages.find((page) => page.area.code === "GM0589")?.sections.find((section) => section.id === "misdrijven")) as Table;
    expect(cell(oudewater, "J:1.1.1", "m" + monthOf(2025, 10))?.flags).toEqual(["onvolledig"]);
    expect(cell(oudewater, "J:1.1.1", "current")?.flags).toEqual(["onvolledig"]);
    expect(cell(oudewater, "J:1.1.1", "verdict")).toMatchObject({ value: null, symbol: ".", note: "levering onvolledig" });
    expect(cell(oudewater, "J:1.1.1", "verdict")?.verdict).toBeUndefined();
    expect(oudewater.notes.some((note) => note.startsWith("Onvolledige levering — GM0589 Oudewater, oktober 2025: 3 registraties, verwacht ~7"))).toBe(true);
    const montfoort = tableOf(pages.find((page) => page.area.code === "GM0335")?.sections.find((section) => section.id === "misdrijven")) as Table;
    expect(montfoort.rows.flatMap((row) => row.cells).some((item) => item.flags?.includes("onvolledig"))).toBe(false);
  });
});
