import path from "node:path";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.ts";
import { ingest } from "../../src/ingest/ingest.ts";
import { listExports } from "../../src/ingest/list-exports.ts";
import { monthOf } from "../../src/model/months.ts";
import { resolveScope } from "../../src/model/scope.ts";
import { loadReference } from "../../src/reference/load-reference.ts";
import { buildReport } from "../../src/reports/build-report.ts";
import { createReportContext } from "../../src/reports/context.ts";
import { editionOf } from "../../src/reports/edition.ts";
import { halfjaarcijfers } from "../../src/reports/halfjaarcijfers/definition.ts";
import { tableOf, type ReportPage } from "../../src/reports/page.ts";
import { openDataCsv } from "../../src/reports/public-site.ts";
import { ROOT } from "../helpers.ts";

// The report data of the halfjaarcijfers, before disclosure control: the figures must add up to
// the real CBS/politie figures (the demo export reproduces them per gemeente, year and soort).
const pages = new Map<string, ReportPage[]>();
const real = new Map<string, number>();

beforeAll(async () => {
  const config = await readConfig(ROOT);
  const reference = await loadReference(config);
  const files = (await listExports(config.paths.exports)).filter((file) => (file.delivery ?? 0) <= monthOf(2025, 12));
  const { cube } = await ingest(files, { reference, columns: config.columns, lastPlausibleMonth: monthOf(2026, 2), earliestYear: 2010 });
  const scope = resolveScope(config.scope, reference);
  for (const id of ["2025-H1", "2025-H2"]) {
    const ctx = createReportContext({
      reference,
      scope,
      cube,
      edition: editionOf("halfyear", id, "halfjaarcijfers"),
      lastCompleteMonth: monthOf(2026, 1),
      comparison: config.comparison,
      voorlopig: config.voorlopig,
    });
    pages.set(id, buildReport(halfjaarcijfers, ctx, { organisation: "t", buildDate: "t" }).pages);
  }
  const csv = await readFile(path.join(ROOT, "data/realdata/misdrijven-gemeente-jaar.csv"), "utf8");
  for (const row of parse(csv, { columns: true }) as Record<string, string>[]) {
    if (row.jaar === "2025") real.set(`${row.gemeentecode}|${row.soort_code}`, Number(row.aantal));
  }
}, 120_000);

const halfYearCount = (edition: string, gemeente: string, soort: string): number | null | undefined => {
  const page = pages.get(edition)?.find((candidate) => candidate.area.code === gemeente);
  const table = tableOf(page?.sections.find((section) => section.id === "halfjaar"));
  const column = table?.columns.findIndex((candidate) => candidate.id === "current") ?? -1;
  return table?.rows.find((row) => row.id === `soort:${soort}`)?.cells[column]?.value;
};

describe("halfjaarcijfers report data", () => {
  it("has, for every demo gemeente and soort shown, H1 + H2 2025 equal to the real 2025 figure", () => {
    const h2 = pages.get("2025-H2") ?? [];
    expect(h2).toHaveLength(26);
    let checked = 0;
    for (const page of h2) {
      const soorten = tableOf(page.sections.find((section) => section.id === "halfjaar"))?.rows.map((row) => row.id.slice("soort:".length)) ?? [];
      expect(soorten).toEqual(["0.0.0", "1.1.1", "1.2.1", "1.2.3", "1.4.5", "1.4.4", "2.2.1"]);
      for (const soort of soorten.filter((code) => code !== "0.0.0")) {
        const sum = (halfYearCount("2025-H1", page.area.code, soort) ?? NaN) + (halfYearCount("2025-H2", page.area.code, soort) ?? NaN);
        expect(sum, `${page.area.code} ${soort}`).toBe(real.get(`${page.area.code}|${soort}`));
        checked++;
      }
    }
    expect(checked).toBe(26 * 6);
  });

  it("shows the full year in H2 with the same figures as H1 + H2", () => {
    const page = pages.get("2025-H2")?.find((candidate) => candidate.area.code === "GM0344");
    const year = tableOf(page?.sections.find((section) => section.id === "jaar"));
    expect(year?.rows.find((row) => row.id === "soort:1.1.1")?.cells[0]?.value).toBe(real.get("GM0344|1.1.1"));
    expect(pages.get("2025-H1")?.[0]?.sections.map((section) => section.id)).toEqual(["halfjaar", "verloop"]);
  });

  it("labels the total as the 12 soorten of the demo export and says why the rows do not add up to it", () => {
    const page = pages.get("2025-H2")?.find((candidate) => candidate.area.code === "GM0344");
    for (const id of ["halfjaar", "jaar", "verloop"]) {
      const table = tableOf(page?.sections.find((section) => section.id === id));
      const total = table?.rows.find((row) => row.id === "soort:0.0.0");
      expect(total?.label, id).toBe("Totaal van de 12 soorten in de gegevens");
      expect(table?.notes[0], id).toBe(
        "Het totaal omvat ook 6 soorten die hier niet apart staan (diefstal/inbraak box/garage/schuur/tuinhuis; diefstal van motorvoertuigen; moord, doodslag; diefstal/inbraak bedrijven en instellingen; drugshandel; wapenhandel).",
      );
    }
    // 7.224 above rows that add up to 6.477: the 747 between them are the six soorten the note names.
    const halfjaar = tableOf(page?.sections.find((section) => section.id === "halfjaar"));
    const current = halfjaar?.columns.findIndex((column) => column.id === "current") ?? -1;
    const values = halfjaar?.rows.map((row) => row.cells[current]?.value ?? 0) ?? [];
    expect(values[0]).toBe(7224);
    expect(values.slice(1).reduce((a, b) => a + b, 0)).toBe(6477);
  });

  it("names in the open-data CSV what the total covers", () => {
    const csv = openDataCsv(pages.get("2025-H2")?.filter((page) => page.area.code === "GM0344") ?? []);
    const total = csv.split(/\r?\n/).find((line) => line.includes(",0.0.0,") && line.includes(",2025-07,"));
    expect(total).toContain(",0.0.0,Totaal van de 12 soorten in de gegevens,7224,");
  });
});

describe("the open-data CSV", () => {
  it("holds every period a page shows: the full year and its first half year, which begin in the same month", () => {
    const rows = parse(openDataCsv(pages.get("2025-H2")?.filter((page) => page.area.code === "GM0344") ?? []), { columns: true }) as Record<string, string>[];
    const totals = rows.filter((row) => row.soort_code === "0.0.0").map((row) => `${row.periode_begin}..${row.periode_eind}`);
    expect(totals).toContain("2025-01..2025-12");
    expect(totals).toContain("2025-01..2025-06");
    expect(totals).toContain("2025-07..2025-12");
    expect(new Set(totals).size).toBe(totals.length);
  });

  it("defuses text a spreadsheet would run as a formula, also after a leading line break, and leaves negative numbers alone", () => {
    const page = pages.get("2025-H2")?.find((candidate) => candidate.area.code === "GM0344");
    expect(page).toBeDefined();
    const hostile = (naam: string): ReportPage => ({ ...(page as ReportPage), area: { ...(page as ReportPage).area, naam } });
    for (const naam of ['=HYPERLINK("http://x","klik")', '\n=HYPERLINK("http://x","klik")', "\r\n@SUM(A1)", "\t+1", " -1+2"]) {
      const rows = parse(openDataCsv([hostile(naam)]), { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.gemeente).toBe(`'${naam}`);
    }
    // Negative changes somewhere in the region: numbers, not formulas, so never prefixed.
    const plain = parse(openDataCsv(pages.get("2025-H2") ?? []), { columns: true }) as Record<string, string>[];
    expect(plain.some((row) => /^-\d+$/.test(row.verschil ?? ""))).toBe(true);
    expect(plain.some((row) => /^-\d+\.\d$/.test(row.verschil_procent ?? ""))).toBe(true);
    expect(plain.filter((row) => Object.values(row).some((value) => value.startsWith("'")))).toEqual([]);
  });
});
