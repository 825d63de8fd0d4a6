import { beforeAll, describe, expect, it } from "vitest";
import { CubeBuilder } from "../../../src/model/cube.ts";
import { monthOf } from "../../../src/model/months.ts";
import { resolveScope } from "../../../src/model/scope.ts";
import { tableOf, type TableSection } from "../../../src/reports/page.ts";
import type { Reference } from "../../../src/reference/load-reference.ts";
import { buildReport } from "../../../src/reports/build-report.ts";
import { createReportContext } from "../../../src/reports/context.ts";
import { editionOf } from "../../../src/reports/edition.ts";
import { BUILT_IN_DEFINITIONS } from "../../../src/reports/registry.ts";
import { miniReference } from "../../helpers.ts";

/** The tabellenboek of a monthly table by soort (StatLine's layout): two soorten, no klassen, no incidenten. */
let reference: Reference;
beforeAll(async () => {
  reference = await miniReference();
});

function oudewater() {
  const builder = new CubeBuilder();
  for (const soort of ["1.2.3", "2.2.1"]) builder.noteSoort(soort);
  for (let month = 1; month <= 12; month++) {
    builder.add("BU05890201", monthOf(2025, month), "1.2.3", 10);
    builder.add("BU05890201", monthOf(2024, month), "1.2.3", 9);
    builder.add("BU05890201", monthOf(2025, month), "2.2.1", 5);
  }
  const ctx = createReportContext({
    reference,
    scope: resolveScope({ gemeenten: ["GM0589"] }, reference),
    cube: builder.build(),
    edition: editionOf("ytd", "2025-12", "tabellenboek"),
    lastCompleteMonth: monthOf(2026, 1),
    comparison: { minBase: 20, alpha: 0.05, years: 3 },
    voorlopig: [2025],
  });
  const definition = BUILT_IN_DEFINITIONS.get("tabellenboek");
  if (!definition) throw new Error("no tabellenboek");
  const built = buildReport(definition, ctx, { organisation: "Test", buildDate: "10 februari 2026" });
  return { built, page: built.pages.find((page) => page.area.code === "GM0589") };
}

describe("the tabellenboek on soort-level input", () => {
  it("says that incidenten and overlast are not in the input, instead of a table of zeros", () => {
    const { built, page } = oudewater();
    const incidenten = page?.sections.find((section) => section.id === "incidenten") as TableSection;
    expect(incidenten.emptyText).toBe("Incidenten en overlast staan niet in deze gegevens (alleen misdrijven per soort); ze zijn hier niet te tonen.");
    expect(incidenten.table.rows).toEqual([]);
    expect(built.notInInput).toEqual(['tabellenboek 2025-12: section "Incidenten en overlast" (incidenten) is not shown: the exports hold no incidenten or overlast (INP misdrijf N)']);
  });

  it("labels the total as the 2 soorten of the data and the INP parts by the soorten they hold", () => {
    const { page } = oudewater();
    const table = tableOf(page?.sections.find((section) => section.id === "misdrijven"));
    const current = table?.columns.findIndex((column) => column.id === "current") ?? -1;
    expect(table?.rows.map((row) => [row.label, row.cells[current]?.value])).toEqual([
      ["Totaal van de 2 soorten in de gegevens", 180],
      [expect.stringMatching(/^1 Veiligheid \(1 van de \d+ soorten in de gegevens\)$/), 120],
      [expect.stringMatching(/^1\.2 Straat \(1 van de \d+ soorten in de gegevens\)$/), 120],
      ["1.2.3 Diefstal van brom-, snor-, fietsen", 120],
      [expect.stringMatching(/^2 Leefbaarheid \(1 van de \d+ soorten in de gegevens\)$/), 60],
      // 2.2 holds one soort, 2.2.1, and the data have it: nothing to qualify.
      ["2.2 Openbare ruimte", 60],
      ["2.2.1 Vernieling cq. zaakbeschadiging", 60],
    ]);
  });
});
