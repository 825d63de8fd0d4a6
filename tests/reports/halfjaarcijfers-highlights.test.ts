import { describe, expect, it } from "vitest";
import type { Polygon } from "geojson";
import type { Cell, Column, Row, Table } from "../../src/model/table.ts";
import type { AreaGeometry } from "../../src/reference/geometry.ts";
import { nationalFigures } from "../../src/reference/national-figures.ts";
import { gemeenteMap } from "../../src/reports/halfjaarcijfers/gemeente-map.ts";
import { headline } from "../../src/reports/halfjaarcijfers/headline.ts";
import { nederlandComparison } from "../../src/reports/halfjaarcijfers/nederland.ts";
import { regionHeadline } from "../../src/reports/halfjaarcijfers/region-headline.ts";
import { soortTrends } from "../../src/reports/halfjaarcijfers/soort-trends.ts";
import { tableOf, type ReportPage } from "../../src/reports/page.ts";

// Hand-made public pages as disclosure control leaves them. A hidden cell here still holds a
// tell-tale value (4321, 8765, 9753) beside its x — as a cell would if a stage forgot to clear it —
// so that any reader that uses the value instead of the published figure shows up in the output.
const SECRET = [4321, 8765, 9753];
const secretText = /4\.?321|8\.?765|9\.?753|43,2|87,6|97,5/;

const hidden = (value: number): Cell => ({ value, symbol: "x", note: "geheim" });
const count = (value: number): Cell => ({ value });

const MAIN_COLUMNS: Column[] = [
  { id: "current", label: "2025", kind: "count", flags: ["voorlopig"] },
  { id: "previous", label: "2024", kind: "count" },
  { id: "change", label: "verschil", kind: "change" },
  { id: "percent", label: "%", kind: "percent" },
  { id: "verdict", label: "betekenis", kind: "verdict", words: true },
  { id: "per1000", label: "per 1.000 inw.", kind: "rate" },
  { id: "per1000-region", label: "per 1.000 inw. regio", kind: "rate" },
];

function mainRow(id: string, label: string, now: number, before: number, pValue: number, verdict: "stijging" | "daling" | "geen significante verandering"): Row {
  return {
    id,
    label,
    level: 0,
    role: id === "soort:0.0.0" ? "total" : "detail",
    cells: [count(now), count(before), count(now - before), before >= 20 ? count((now - before) / before) : { value: null, symbol: ".", note: "basis te klein" }, { value: pValue, verdict }, count(now / 10), count(now / 12)],
  };
}

function hiddenRow(id: string, label: string, secret: number): Row {
  return { id, label, level: 0, role: "detail", cells: MAIN_COLUMNS.map(() => hidden(secret)) };
}

function page(code: string, naam: string, rows: Row[], series: Row[]): ReportPage {
  const main: Table = { id: "halfjaar", caption: "Misdrijven in het halfjaar", rowHeading: "Soort misdrijf", columns: MAIN_COLUMNS, rows, notes: [] };
  const verloop: Table = {
    id: "verloop",
    caption: "Verloop",
    rowHeading: "Soort misdrijf",
    columns: ["2023-h2", "2024-h1", "2024-h2", "2025-h1"].map((id) => ({ id, label: id, kind: "count" as const })),
    rows: series,
    notes: [],
  };
  return {
    path: `halfjaarcijfers/2025-h1/${code.toLowerCase()}.html`,
    layout: "public/gemeente.njk",
    title: naam,
    root: "../",
    report: { kind: "halfjaarcijfers", title: "Halfjaarcijfers", audience: "public", audienceLabel: "openbaar" },
    edition: { id: "2025-h1", label: "1e halfjaar 2025" },
    period: { label: "1e halfjaar 2025", previousLabel: "1e halfjaar 2024" },
    area: { code, naam, level: "gemeente" },
    totalCovers: ["1.1.1", "1.2.3", "1.4.5"],
    sections: [
      { type: "table", id: "halfjaar", title: "Misdrijven in het halfjaar", table: main },
      { type: "table", id: "verloop", title: "Verloop", table: verloop },
    ],
    organisation: "t",
    buildDate: "t",
    breadcrumbs: [],
  };
}

const seriesRow = (id: string, label: string, cells: Cell[]): Row => ({ id, label, level: 0, role: "detail", cells });

const utrecht = page(
  "GM0344",
  "Utrecht",
  [
    mainRow("soort:0.0.0", "Totaal van de 3 soorten in de gegevens", 900, 700, 0.0001, "stijging"),
    mainRow("soort:1.1.1", "Diefstal/inbraak woning", 300, 200, 0.001, "stijging"),
    mainRow("soort:1.2.3", "Diefstal van brom-, snor-, fietsen", 400, 460, 0.04, "daling"),
    hiddenRow("soort:1.4.5", "Mishandeling", SECRET[0] as number),
  ],
  [
    seriesRow("soort:0.0.0", "Totaal", [count(800), count(700), count(750), count(900)]),
    seriesRow("soort:1.1.1", "Diefstal/inbraak woning", [count(210), count(200), count(220), count(300)]),
    seriesRow("soort:1.4.5", "Mishandeling", [count(40), hidden(SECRET[1] as number), count(35), hidden(SECRET[2] as number)]),
  ],
);
const bunnik = page(
  "GM0312",
  "Bunnik",
  [hiddenRow("soort:0.0.0", "Totaal van de 3 soorten in de gegevens", SECRET[1] as number), hiddenRow("soort:1.1.1", "Diefstal/inbraak woning", SECRET[2] as number)],
  [seriesRow("soort:0.0.0", "Totaal", [count(30), count(31), hidden(SECRET[0] as number), count(28)])],
);

const national = nationalFigures(
  [
    { gemeentecode: "GM0344", jaar: "2024", soort_code: "1.1.1", aantal: "20000", status: "voorlopig" },
    { gemeentecode: "GM0344", jaar: "2024", soort_code: "1.2.3", aantal: "90000", status: "voorlopig" },
    { gemeentecode: "GM0344", jaar: "2024", soort_code: "1.4.5", aantal: "40000", status: "voorlopig" },
  ],
  [{ gemeentecode: "GM0344", jaar: "2024", inwoners: "18000000" }],
  "t",
);
const inwoners = (code: string): number | undefined => (code === "GM0344" ? 360_000 : code === "GM0312" ? 15_000 : undefined);

const square = (x: number): Polygon => ({ type: "Polygon", coordinates: [[[x, 450_000], [x + 1000, 450_000], [x + 1000, 451_000], [x, 451_000], [x, 450_000]]] });
const geometry: AreaGeometry = { source: "t", shapes: new Map([["GM0344", square(130_000)], ["GM0312", square(132_000)]]) };

describe("the headline of a public gemeente page", () => {
  it("has cards for the total, its change, the rate against the region and against Nederland", () => {
    const nederland = nederlandComparison(utrecht, { national, inwoners });
    const { tiles } = headline(utrecht, "provincie Utrecht", nederland);
    expect(tiles.map((tile) => tile.value)).toEqual(["900", "+29%", "90,0", "4,0"]);
    expect(tiles[1]?.detail).toBe("stijging: meer dan toeval");
    expect(tiles[2]?.detail).toBe("provincie Utrecht: 75,0");
    // 2024 = both half years of the verloop (750 + 700) over 360.000 inwoners; Nederland 150.000 over 18 miljoen.
    expect(tiles[3]).toMatchObject({ label: "Per 1.000 inwoners, 2024", value: "4,0", detail: "Nederland: 8,3* (dezelfde soorten)" });
  });

  it("says the total first, then the significant soorten most certain first, then what is left — never a hidden soort", () => {
    const { sentences } = headline(utrecht, "provincie Utrecht");
    expect(sentences).toEqual([
      "Misdrijven van de 3 soorten in de gegevens samen namen toe van 700 naar 900 (+29%); dat is meer dan toeval (1e halfjaar 2025 tegen 1e halfjaar 2024).",
      "Woninginbraken namen toe van 200 naar 300 (+50%); dat is meer dan toeval.",
      "Diefstallen van fietsen en brommers namen af van 460 naar 400 (−13%); dat is meer dan toeval.",
      "Van 1 soort zijn de cijfers geheim (x).",
    ]);
    expect(sentences.join(" ")).not.toMatch(/mishandeling/i);
  });

  it("shows a hidden total as x on its cards and in no sentence", () => {
    const { tiles, sentences } = headline(bunnik, "provincie Utrecht");
    expect(tiles.map((tile) => tile.value)).toEqual(["x", "x", "x"]);
    expect(JSON.stringify({ tiles, sentences })).not.toMatch(secretText);
  });

  it("never puts the value of a hidden cell in the cards, sentences, map, trends or the comparison with Nederland", () => {
    for (const subject of [utrecht, bunnik]) {
      const nederland = nederlandComparison(subject, { national, inwoners });
      const map = gemeenteMap([utrecht, bunnik], geometry, { id: "kaart", highlight: subject.area.code, regionName: "provincie Utrecht" });
      const trends = soortTrends(tableOf(subject.sections.find((section) => section.id === "verloop")) as Table, subject.area.naam);
      const output = JSON.stringify({ headline: headline(subject, "provincie Utrecht", nederland), nederland: nederland?.section, map, trends });
      expect(output, subject.area.naam).not.toMatch(secretText);
    }
  });
});

describe("the map of a public edition", () => {
  it("hatches a hidden rate and names it geheim in the legend and the table, outlining the page's gemeente", () => {
    const map = gemeenteMap([utrecht, bunnik], geometry, { id: "kaart", highlight: "GM0312", regionName: "provincie Utrecht" });
    expect(map?.figures[0]?.svg).toContain('fill="url(#grafiek-kaart-hatch)"');
    expect(map?.figures[0]?.svg).toContain("geheim (x)");
    expect(map?.table.rows.find((row) => row.id === "GM0312")?.cells[0]).toMatchObject({ value: null, symbol: "x" });
    expect(map?.lead[0]).toContain("Het cijfer van Bunnik is geheim.");
  });

  it("is left out without boundaries for every gemeente", () => {
    expect(gemeenteMap([utrecht, bunnik], { source: "t", shapes: new Map([["GM0344", square(130_000)]]) }, { id: "kaart", regionName: "r" })).toBeUndefined();
    expect(gemeenteMap([utrecht, bunnik], undefined, { id: "kaart", regionName: "r" })).toBeUndefined();
  });
});

describe("the comparison with Nederland", () => {
  it("compares the last whole year of the page, per soort with national figures; a half year hidden makes its line x", () => {
    const comparison = nederlandComparison(utrecht, { national, inwoners });
    expect(comparison?.year).toBe(2024);
    const rows = comparison?.section.table.rows.map((row) => [row.id, ...row.cells.map((cell) => cell.symbol ?? Number(cell.value?.toFixed(2)))]);
    expect(rows).toEqual([
      ["soort:0.0.0", 1450, 4.03, 8.33],
      ["soort:1.1.1", 420, 1.17, 1.11],
      // No verloop row for it on this page: no figure, and no invented one.
      ["soort:1.2.3", ".", ".", 5],
      ["soort:1.4.5", "x", "x", 2.22],
    ]);
  });

  it("leaves the total out when Nederland's soorten are not the page's", () => {
    const comparison = nederlandComparison({ ...utrecht, totalCovers: "all" }, { national, inwoners });
    expect(comparison?.total).toBeUndefined();
    expect(comparison?.section.table.rows.map((row) => row.id)).not.toContain("soort:0.0.0");
  });
});

describe("the home page's headline of the region", () => {
  it("sums the gemeenten only where every part is shown, leaves soorten with a hidden part out of the trends, and never shows a hidden value", () => {
    const region = regionHeadline([utrecht, bunnik], "provincie Utrecht", national);
    expect(region?.trendsTable?.rows.find((row) => row.id === "soort:0.0.0")?.cells.map((cell) => cell.symbol ?? cell.value)).toEqual([830, 731, "x", 928]);
    // Bunnik's verloop has no woninginbraak row: the region has no figure for it either.
    expect(region?.trendsTable?.rows.find((row) => row.id === "soort:1.1.1")?.cells.every((cell) => cell.symbol === ".")).toBe(true);
    expect(region?.trends).toHaveLength(0);
    expect(region?.trendsNote).toContain("niet te tonen");
    expect(region?.tiles[1]).toMatchObject({ value: "1 van 2", detail: "0 met minder, van 1 geheim; vergeleken met 1e halfjaar 2024" });
    expect(JSON.stringify(region)).not.toMatch(secretText);
  });
});
