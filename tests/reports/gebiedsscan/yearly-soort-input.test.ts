import { beforeAll, describe, expect, it } from "vitest";
import { CubeBuilder } from "../../../src/model/cube.ts";
import { monthOf } from "../../../src/model/months.ts";
import { resolveScope } from "../../../src/model/scope.ts";
import type { Reference } from "../../../src/reference/load-reference.ts";
import { buildReport } from "../../../src/reports/build-report.ts";
import { createReportContext } from "../../../src/reports/context.ts";
import { editionOf } from "../../../src/reports/edition.ts";
import { gebiedsscan } from "../../../src/reports/gebiedsscan/definition.ts";
import type { ChartSection, PageSection, TableSection } from "../../../src/reports/page.ts";
import { miniReference } from "../../helpers.ts";

/**
 * The gebiedsscan of an open-data table: one soort (1.2.3 fietsdiefstal), yearly counts, no
 * klassen, no incidenten, and (here) no national table. What the input cannot give is said, never
 * shown as zeros.
 */
let reference: Reference;
beforeAll(async () => {
  reference = await miniReference();
});

function build() {
  const builder = new CubeBuilder();
  builder.noteGranularity("year");
  builder.noteSoort("1.2.3");
  for (let year = 2020; year <= 2025; year++) {
    builder.add("BU05890201", monthOf(year, 1), "1.2.3", 40 + year - 2020);
    builder.add("BU03350001", monthOf(year, 1), "1.2.3", 30);
  }
  const ctx = createReportContext({
    reference,
    scope: resolveScope({ gemeenten: ["GM0589", "GM0335"] }, reference),
    cube: builder.build(),
    edition: editionOf("year", "2025", "gebiedsscan"),
    lastCompleteMonth: monthOf(2026, 1),
    comparison: { minBase: 20, alpha: 0.05, years: 3 },
    voorlopig: [2025],
  });
  return buildReport(gebiedsscan, ctx, { organisation: "Test", buildDate: "10 februari 2026" });
}

const section = (id: string): PageSection | undefined => build().pages.find((page) => page.area.code === "GM0589")?.sections.find((candidate) => candidate.id === id);

describe("the gebiedsscan on yearly input of one soort", () => {
  it("says that months are not in the data instead of a table of zero months", () => {
    const seizoen = section("seizoen") as TableSection;
    expect(seizoen.type).toBe("table");
    expect(seizoen.emptyText).toBe("Deze gegevens hebben alleen jaarcijfers; per maand is niet te tonen.");
    expect(seizoen.table.rows).toEqual([]);
    expect(seizoen.table.notes).toEqual(["Deze gegevens hebben alleen jaarcijfers; per maand is niet te tonen."]);
    // No CSV of a section without figures; the reason is in the workbook (caption and note).
    expect(seizoen.csv).toBeUndefined();
  });

  it("leaves incidenten and the INP parts without a soort of the input out of the trend, and says so", () => {
    const trend = section("trend") as ChartSection;
    expect(trend.table.rows.map((row) => row.id)).toEqual(["J", "J:1"]);
    const said = "Niet in deze gegevens, dus niet getoond: 2 Leefbaarheid, 3 Maatschappelijke integriteit, Incidenten en overlast.";
    expect(trend.lead).toContain(said);
    expect(trend.table.notes).toContain(said);
    expect(trend.table.notes.join(" ")).not.toContain("Geen registraties");
    // Veiligheid counts only the one soort of its soorten that the data hold, and says so.
    const veiligheid = trend.table.rows.find((row) => row.id === "J:1")?.label ?? "";
    expect(veiligheid).toMatch(/^1 Veiligheid \(1 van de \d+ soorten in de gegevens\)$/);
  });

  it("without national figures leaves the comparison out and says why, never 0,0 over 0 soorten", () => {
    const vergelijking = section("vergelijking") as TableSection;
    expect(vergelijking.type).toBe("table");
    expect(vergelijking.emptyText).toContain("De landelijke cijfers (geregistreerde criminaliteit per gemeente van CBS/Politie) ontbreken bij deze rapportage");
    expect(vergelijking.emptyText).not.toContain("data/realdata");
    expect(JSON.stringify(vergelijking)).not.toMatch(/0 soorten|0,0/);
  });

  it("tells the build log once per section what it could not show", () => {
    expect(build().notInInput).toEqual([
      'gebiedsscan 2025: section "High impact crime" (high-impact-crime) is not shown: the exports hold none of the soorten of high impact crime',
      'gebiedsscan 2025: section "Door het jaar heen" (seizoen) is not shown: the exports hold yearly figures only: no months',
      'gebiedsscan 2025: section "Vergeleken met de eenheid en Nederland" (vergelijking) is not shown: no national figures (misdrijven-gemeente-jaar.csv not found in paths.realdata)',
    ]);
  });

  it("labels the headline total as the one soort of the data", () => {
    const kern = section("kerncijfers");
    expect(kern?.type).toBe("key-figures");
    expect(kern && "tiles" in kern ? kern.tiles[0]?.label : undefined).toBe("Totaal van de 1 soort in de gegevens 2025*");
  });

  it("says in the year comparison what its sum covers", () => {
    const soorten = section("soorten") as ChartSection;
    expect(soorten.lead).toEqual([
      "In 2025 registreerde de politie in Oudewater 45 misdrijven van de soort diefstal van brom-, snor-, fietsen, tegen 44 in 2024.",
      "Bij deze soort is het verschil niet groter dan toeval kan verklaren.",
    ]);
  });

  it("says that high impact crime is not in a table of fietsdiefstal, instead of an empty table", () => {
    expect((section("high-impact-crime") as TableSection).emptyText).toBe("Geen van de soorten van high impact crime (woninginbraak, straatroof, overval en geweld) staat in deze gegevens.");
  });

  it("says on the page what the data hold and where they come from, and does not promise incidenten", () => {
    const page = build().pages.find((candidate) => candidate.area.code === "GM0589");
    expect(page?.dataNote).toMatch(/^Deze gegevens bevatten 1 soort misdrijf \(1\.2\.3 Diefstal van brom-, snor-, fietsen\), geen maatschappelijke klassen, geen incidenten en overlast en alleen jaarcijfers, geen maanden\./);
    expect(page?.subject).toBe("misdrijven");
    expect(page?.source).toBe("Geregistreerde misdrijven per soort (open data van politie en CBS)");
  });
});
