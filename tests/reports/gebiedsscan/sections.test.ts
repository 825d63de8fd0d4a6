import { beforeAll, describe, expect, it } from "vitest";
import type { Commentary } from "../../../src/commentary/read-commentary.ts";
import { CubeBuilder } from "../../../src/model/cube.ts";
import { monthOf } from "../../../src/model/months.ts";
import { resolveScope } from "../../../src/model/scope.ts";
import type { Table } from "../../../src/model/table.ts";
import type { Reference } from "../../../src/reference/load-reference.ts";
import { nationalFigures } from "../../../src/reference/national-figures.ts";
import { buildReport } from "../../../src/reports/build-report.ts";
import { createReportContext, type ReportContext } from "../../../src/reports/context.ts";
import { normalizeDefinition, type SectionSpec } from "../../../src/reports/definition.ts";
import { editionOf } from "../../../src/reports/edition.ts";
import { gebiedsscan } from "../../../src/reports/gebiedsscan/definition.ts";
import type { ChartSection, KeyFiguresSection } from "../../../src/reports/page.ts";
import { benchmark } from "../../../src/reports/sections/benchmark.ts";
import { commentarySection } from "../../../src/reports/sections/commentary.ts";
import { highImpactCrime } from "../../../src/reports/sections/high-impact-crime.ts";
import { keyFigures } from "../../../src/reports/sections/key-figures.ts";
import { seasonality } from "../../../src/reports/sections/seasonality.ts";
import { trendSection } from "../../../src/reports/sections/trend.ts";
import { yearComparison } from "../../../src/reports/sections/year-comparison.ts";
import { miniReference } from "../../helpers.ts";

let reference: Reference;
beforeAll(async () => {
  reference = await miniReference();
});

const OUDEWATER = "BU05890201";
const MONTFOORT = "BU03350001";

/**
 * Oudewater: woninginbraak (A20) 400 → 480, a change that is more than chance; fietsdiefstal
 * (A72) 5 → 12, +140% but within chance; mishandeling (F550) 100 → 60. Earlier years for the
 * trend; bedreiging (F530) only in 2021–2022; a Montfoort count for the region.
 */
function cube() {
  const builder = new CubeBuilder();
  const add = (buurt: string, year: number, month: number, klasse: string, count: number) => builder.add(buurt, monthOf(year, month), klasse, count);
  add(OUDEWATER, 2025, 3, "A20", 480);
  add(OUDEWATER, 2024, 3, "A20", 400);
  add(OUDEWATER, 2023, 3, "A20", 300);
  add(OUDEWATER, 2022, 3, "A20", 350);
  add(OUDEWATER, 2021, 3, "A20", 420);
  add(OUDEWATER, 2025, 5, "A72", 12);
  add(OUDEWATER, 2024, 5, "A72", 5);
  add(OUDEWATER, 2025, 7, "F550", 60);
  add(OUDEWATER, 2024, 7, "F550", 100);
  add(OUDEWATER, 2022, 7, "F530", 4);
  add(OUDEWATER, 2025, 8, "E35", 30);
  add(MONTFOORT, 2025, 3, "A20", 100);
  return builder.build();
}

function context(extra: { commentary?: Map<string, Commentary>; withNational?: boolean; gemeenten?: string[] } = {}): ReportContext {
  return createReportContext({
    reference,
    scope: resolveScope({ gemeenten: extra.gemeenten ?? ["GM0589", "GM0335"] }, reference),
    cube: cube(),
    edition: editionOf("year", "2025", "gebiedsscan"),
    lastCompleteMonth: monthOf(2026, 1),
    comparison: { minBase: 20, alpha: 0.05, years: 3 },
    voorlopig: [2024, 2025],
    ...(extra.commentary ? { commentary: extra.commentary } : {}),
    ...(extra.withNational
      ? {
          national: nationalFigures(
            [
              { gemeentecode: "GM0001", jaar: "2025", soort_code: "1.1.1", aantal: "20000", status: "voorlopig" },
              { gemeentecode: "GM0000", jaar: "2025", soort_code: "1.1.1", aantal: "500", status: "voorlopig" },
              { gemeentecode: "GM0001", jaar: "2025", soort_code: "1.4.5", aantal: "40000", status: "voorlopig" },
            ],
            [
              { gemeentecode: "GM0001", jaar: "2025", inwoners: "10000000" },
              { gemeentecode: "GM0002", jaar: "2025", inwoners: "8000000" },
            ],
            "data/realdata/misdrijven-gemeente-jaar.csv",
          ),
        }
      : {}),
  });
}

/** The section of the given type from the gebiedsscan definition, with `changes` applied. */
function spec<T extends SectionSpec["type"]>(type: T, changes: Record<string, unknown> = {}): Extract<SectionSpec, { type: T }> {
  const found = gebiedsscan.sections.find((section) => section.type === type);
  return { ...found, ...changes } as Extract<SectionSpec, { type: T }>;
}

const row = (table: Table, id: string) => table.rows.find((candidate) => candidate.id === id);
const cell = (table: Table, id: string, column: string) => row(table, id)?.cells[table.columns.findIndex((candidate) => candidate.id === column)];

describe("key-figures", () => {
  it("names the changes that are more than chance, the most certain first — not the largest percentage", () => {
    const section: KeyFiguresSection = keyFigures(spec("key-figures"), "GM0589", "gemeente", context());
    expect(section.findings.map((finding) => finding.text)).toEqual([
      "Misdrijven van de 4 soorten in de gegevens samen: van 505 naar 552 (+9%); dat verschil valt binnen wat toeval kan verklaren.",
      // 100 → 60 is the more certain change (p ≈ 0,002 against 0,007 for 400 → 480).
      "Mishandelingen namen af van 100 naar 60 (−40%); dat is meer dan toeval.",
      "Woninginbraken namen toe van 400 naar 480 (+20%); dat is meer dan toeval.",
    ]);
    expect(section.findings.map((finding) => finding.direction)).toEqual(["gelijk", "daling", "stijging"]);
    // Fietsdiefstal rose by 140%, on a base of 5: not named.
    expect(section.findings.some((finding) => finding.text.includes("fietsen"))).toBe(false);
    expect(section.tiles.map((tile) => [tile.label, tile.value])).toEqual([
      ["Totaal van de 4 soorten in de gegevens 2025*", "552"],
      ["Per 1.000 inwoners", "53,3"],
      ["Meer dan toeval veranderd", "2 van 3"],
    ]);
    expect(section.table.rows.map((candidate) => candidate.id)).toEqual(["J", "soort:1.4.5", "soort:1.1.1"]);
    expect(cell(section.table, "soort:1.1.1", "current")).toMatchObject({ value: 480, ref: { area: "GM0589", category: "soort:1.1.1", first: monthOf(2025, 1), last: monthOf(2025, 12) } });
  });

  it("says so when no soort changed more than chance", () => {
    // Bedreiging (1.4.4) is not in the data of 2024–2025: only fietsdiefstal is a candidate.
    const section = keyFigures(spec("key-figures", { categories: ["soort:1.2.3", "soort:1.4.4"] }), "GM0589", "gemeente", context());
    expect(section.findings.at(-1)?.text).toBe("Bij deze soort misdrijf is het verschil met 2024 niet groter dan toeval kan verklaren.");
    expect(section.tiles.at(-1)).toEqual({ label: "Meer dan toeval veranderd", value: "0 van 1", detail: "soorten misdrijf (0 omhoog, 0 omlaag)" });
  });
});

describe("trend", () => {
  it("draws five years per category, marks the provisional years, and leaves out categories without registrations", () => {
    const section: ChartSection = trendSection(spec("trend", { categories: ["soort:1.1.1", "soort:1.4.4", "soort:3.1.1"] }), "GM0589", "gemeente", context());
    expect(section.table.columns.map((column) => [column.label, column.flags ?? []])).toEqual([
      ["2021", []],
      ["2022", []],
      ["2023", []],
      ["2024", ["voorlopig"]],
      ["2025", ["voorlopig"]],
    ]);
    expect(section.table.rows.map((candidate) => candidate.cells.map((c) => c.value))).toEqual([
      [420, 350, 300, 400, 480],
      [0, 4, 0, 0, 0],
    ]);
    expect(section.figures.map((figure) => figure.caption)).toEqual(["Diefstal/inbraak woning", "Bedreiging"]);
    expect(section.figures[0]?.svg).toContain(">480*</text>");
    expect(section.table.notes).toContain("Geen registraties in 2021–2025: Drugshandel.");
    expect(section.lead[0]).toBe("Woninginbraken: van 420 in 2021 naar 480 in 2025 (+14%).");
  });
});

describe("year-comparison", () => {
  it("compares each soort registered this year or last with last year, bars largest first", () => {
    const section = yearComparison(spec("year-comparison"), "GM0589", "gemeente", context());
    // Bedreiging was registered in 2022 only: not in either compared year, so not shown.
    expect(section.table.rows.map((candidate) => candidate.id)).toEqual(["soort:1.1.1", "soort:1.2.3", "soort:1.4.5"]);
    expect(cell(section.table, "soort:1.4.5", "verdict")?.verdict).toBe("daling");
    expect(section.lead[0]).toBe("In 2025 registreerde de politie in Oudewater 552 misdrijven van de 4 soorten in de gegevens, tegen 505 in 2024.");
    expect(section.lead[1]).toBe("Meer dan toeval veranderden: mishandelingen (−40%) en woninginbraken (+20%). Bij de andere soort valt het verschil binnen wat toeval kan verklaren.");
    const svg = section.figures[0]?.svg ?? "";
    expect(svg.indexOf("Diefstal/inbraak woning")).toBeLessThan(svg.indexOf("Mishandeling"));
    expect(section.printTable).toBe(false);
  });
});

describe("high-impact-crime", () => {
  it("shows woninginbraak and geweld, says which soorten geweld counts, and names what the data does not hold", () => {
    const section = highImpactCrime(spec("high-impact-crime"), "GM0589", "gemeente", context());
    expect(section.table.rows.map((candidate) => [candidate.label, candidate.role])).toEqual([
      ["Woninginbraak", "detail"],
      ["Geweld (totaal)", "subtotal"],
      ["Bedreiging", "detail"],
      ["Mishandeling", "detail"],
    ]);
    expect(row(section.table, "groep:geweld")?.cells.slice(0, 5).map((c) => c.value)).toEqual([0, 4, 0, 100, 60]);
    expect(row(section.table, "groep:geweld")?.cells[1]?.sources?.map((source) => source.category)).toEqual(["soort:1.4.4", "soort:1.4.5"]);
    expect(section.table.notes[0]).toBe("Straatroof en overval komen in de gegevens van deze rapportage (2021–2025) in het hele gebied niet voor en zijn daarom weggelaten.");
    expect(section.table.notes[1]).toContain("Geweld telt hier de CBS-soorten zedenmisdrijf (1.4.1), moord, doodslag (1.4.2), openlijk geweld (persoon) (1.4.3), bedreiging (1.4.4) en mishandeling (1.4.5).");
    expect(section.lead).toEqual([
      "Woninginbraken namen toe van 400 naar 480 (+20%); dat is meer dan toeval.",
      "Geweldsmisdrijven namen af van 100 naar 60 (−40%); dat is meer dan toeval.",
    ]);
    expect(section.figures.map((figure) => figure.caption)).toEqual(["Woninginbraak", "Geweld"]);
  });
});

describe("seasonality", () => {
  it("sets each month against the lowest, highest and average of the three years before", () => {
    const section = seasonality(spec("seasonality", { category: "soort:1.1.1" }), "GM0589", "gemeente", context());
    expect(section.table.rows).toHaveLength(12);
    const march = row(section.table, `m${monthOf(2025, 3)}`);
    expect(march?.cells.map((c) => c.value)).toEqual([480, 350, 300, 400]);
    expect(march?.cells[1]?.sources?.map((source) => source.first)).toEqual([monthOf(2022, 3), monthOf(2023, 3), monthOf(2024, 3)]);
    expect(section.lead).toContain("Boven het hoogste aantal van 2022–2024: maart.");
    expect(section.figures[0]?.svg).toContain("gemiddelde 2022–2024");
  });
});

describe("benchmark", () => {
  it("compares per 1.000 inwoners with the eenheid (the gemeenten in scope) and Nederland (all gemeenten, GM0000 included)", () => {
    const section = benchmark(spec("benchmark"), "GM0589", "gemeente", context({ withNational: true }));
    const inwoners = reference.population.of("GM0589", 2025)?.inwoners ?? NaN;
    const region = inwoners + (reference.population.of("GM0335", 2025)?.inwoners ?? NaN);
    expect(section.table.rows.map((candidate) => candidate.label)).toEqual(["Totaal van deze 2 soorten", "1.1.1 Diefstal/inbraak woning", "1.4.5 Mishandeling"]);
    expect(cell(section.table, "soort:1.1.1", "per1000")?.value).toBeCloseTo((480 / inwoners) * 1000, 10);
    expect(cell(section.table, "soort:1.1.1", "per1000-eenheid")?.value).toBeCloseTo((580 / region) * 1000, 10);
    expect(cell(section.table, "soort:1.1.1", "per1000-nederland")?.value).toBeCloseTo((20500 / 18_000_000) * 1000, 10);
    expect(cell(section.table, "totaal", "per1000-nederland")?.value).toBeCloseTo((60500 / 18_000_000) * 1000, 10);
    expect(section.table.columns.map((column) => column.group)).toEqual(["Oudewater", "Oudewater", "eenheid Midden-Nederland", "Nederland"]);
    expect(section.lead.at(-1)).toBe("De vergelijking gaat over de 2 soorten misdrijf waarvan landelijke cijfers per gemeente bestaan; de tabel noemt ze alle.");
  });

  it("names the eenheid as a part when the scope holds only some of its gemeenten", () => {
    const section = benchmark(spec("benchmark"), "GM0589", "gemeente", context({ withNational: true, gemeenten: ["GM0589"] }));
    const inwoners = reference.population.of("GM0589", 2025)?.inwoners ?? NaN;
    expect(section.table.columns[2]?.group).toBe("eenheid Midden-Nederland (deel)");
    expect(cell(section.table, "soort:1.1.1", "per1000-eenheid")?.value).toBeCloseTo((480 / inwoners) * 1000, 10);
  });

  it("without national figures compares with the eenheid and says why Nederland is missing", () => {
    const section = benchmark(spec("benchmark", { categories: ["soort:1.1.1"] }), "GM0589", "gemeente", context());
    expect(cell(section.table, "soort:1.1.1", "per1000-nederland")).toMatchObject({ value: null, symbol: "." });
    expect(section.table.notes.some((note) => note.startsWith("De landelijke cijfers (geregistreerde criminaliteit per gemeente van CBS/Politie) ontbreken"))).toBe(true);
    expect(section.table.notes.join(" ")).not.toContain("data/realdata");
  });
});

describe("commentary", () => {
  const commentary = new Map<string, Commentary>([["GM0589", { area: "GM0589", file: "data/commentary/2025/GM0589.md", markdown: "# Oudewater\n\nRustig jaar. <script>alert(1)</script>" }]]);

  it("renders the area's beschouwing below the section heading, without raw HTML", () => {
    const section = commentarySection(spec("commentary"), "GM0589", context({ commentary }));
    expect(section?.html).toContain("<h3>Oudewater</h3>");
    expect(section?.html).toContain("&lt;script&gt;");
    expect(section?.source).toBe("data/commentary/2025/GM0589.md");
  });

  it("leaves the section out of a page without commentary, not empty", () => {
    const { pages } = buildReport(gebiedsscan, context({ commentary, withNational: true }), { organisation: "Test", buildDate: "10 februari 2026" });
    const ids = (code: string) => pages.find((page) => page.area.code === code)?.sections.map((section) => section.id);
    expect(ids("GM0589")).toEqual(["kerncijfers", "beschouwing", "trend", "soorten", "high-impact-crime", "seizoen", "wijken", "buurten", "vergelijking"]);
    expect(ids("GM0335")).not.toContain("beschouwing");
    expect(pages.find((page) => page.area.code === "GM0335")?.sections.find((section) => section.id === "beschouwing")).toBeUndefined();
    const text = pages.find((page) => page.area.code === "GM0589")?.sections.find((section) => section.id === "beschouwing");
    expect(text).toMatchObject({ type: "text" });
    expect(text && "csv" in text).toBe(false);
  });
});

describe("the gebiedsscan definition", () => {
  it("is a yearly gezag report for gemeenten and basisteams, an A4 portrait PDF with a cover", () => {
    expect(gebiedsscan).toMatchObject({ kind: "gebiedsscan", audience: "gezag", areaLevels: ["gemeente", "basisteam"], period: "year", layout: "gebiedsscan.njk" });
    expect(gebiedsscan.outputs.pdf).toEqual({ orientation: "portrait", cover: true });
    expect(editionOf(gebiedsscan.period, "2025", "gebiedsscan")).toMatchObject({ id: "2025", label: "2025" });
  });

  it("checks the keys of the new section types", () => {
    const base = { kind: "t", title: "T", description: "T", audience: "gezag", areaLevels: ["gemeente"], period: "year" };
    expect(() => normalizeDefinition({ ...base, sections: [{ type: "benchmark", id: "b", title: "B", categories: ["J:1.1"] }] }, "t.json")).toThrow(
      /sections\.0\.categories.*soort:1\.1\.1/s,
    );
    expect(() => normalizeDefinition({ ...base, sections: [{ type: "trend", id: "t", title: "T", categories: ["J"], years: 1 }] }, "t.json")).toThrow(/sections\.0\.years: 1/);
    const defaults = normalizeDefinition({ ...base, sections: [{ type: "high-impact-crime", id: "h", title: "H" }, { type: "key-figures", id: "k", title: "K" }] }, "t.json");
    expect(defaults.sections[0]).toMatchObject({ years: 5, groups: [{ label: "Woninginbraak" }, { label: "Straatroof" }, { label: "Overval" }, { label: "Geweld" }] });
    expect(defaults.sections[1]).toMatchObject({ total: "J", categories: "soorten", max: 4 });
  });
});
