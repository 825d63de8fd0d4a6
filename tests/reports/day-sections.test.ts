import { beforeAll, describe, expect, it } from "vitest";
import { RegistrationStore } from "../../src/ingest/registration-store.ts";
import { CubeBuilder } from "../../src/model/cube.ts";
import { DAY_PARTS } from "../../src/model/day-parts.ts";
import { dayOf, monthOfDay, parseDay } from "../../src/model/days.ts";
import { monthOf } from "../../src/model/months.ts";
import { resolveScope } from "../../src/model/scope.ts";
import type { Table } from "../../src/model/table.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { createReportContext, type ReportContext } from "../../src/reports/context.ts";
import { normalizeDefinition, type DayTableSpec, type IncidentListSpec, type MoTableSpec } from "../../src/reports/definition.ts";
import { editionOf } from "../../src/reports/edition.ts";
import { dayTable } from "../../src/reports/sections/day-table.ts";
import { incidentList } from "../../src/reports/sections/incident-list.ts";
import { moTable } from "../../src/reports/sections/mo-table.ts";
import { miniReference } from "../helpers.ts";

let reference: Reference;
beforeAll(async () => {
  reference = await miniReference();
});

type Row = [day: string, part: keyof typeof PART | "", klasse: string, buurt: string, mo?: string];
const PART = Object.fromEntries(DAY_PARTS.map((part, index) => [part, index])) as Record<(typeof DAY_PARTS)[number], number>;

/** A context over registrations given as rows; the cube is counted from the same rows. */
function context(edition: string, kind: "week" | "day" | "month", rows: Row[]): ReportContext {
  const store = new RegistrationStore();
  const cube = new CubeBuilder();
  rows.forEach(([day, part, klasse, buurt, mo], index) => {
    const d = parseDay(day) as number;
    store.put(`PL${index}`, 0, buurt, klasse, d, part === "" ? -1 : PART[part], mo);
    cube.add(buurt, monthOfDay(d), klasse, 1);
  });
  return createReportContext({
    reference,
    scope: resolveScope({ gemeenten: ["GM0589", "GM0335"] }, reference),
    cube: cube.build(),
    edition: editionOf(kind, edition, "t"),
    lastCompleteMonth: monthOf(2026, 1),
    lastCompleteDay: dayOf(2026, 1, 31),
    comparison: { minBase: 20, alpha: 0.05, years: 3 },
    voorlopig: [],
    registrations: store.build(),
  });
}

function spec<T>(section: unknown, period = "week"): T {
  return normalizeDefinition({ kind: "t", title: "T", description: "T.", audience: "gezag", areaLevels: ["gemeente"], period, sections: [section] }, "t.json").sections[0] as T;
}

const cell = (table: Table, row: string, column: string) => table.rows.find((r) => r.id === row)?.cells[table.columns.findIndex((c) => c.id === column)];

/** n registrations of `klasse` on `day` in Kern Oudewater. */
const times = (n: number, day: string, klasse = "A20"): Row[] => Array.from({ length: n }, () => [day, "avond", klasse, "BU05890201"] as Row);

describe("day-table", () => {
  // Week 50 of 2025 (8–14 december): 30 woninginbraken; the four weeks before: 20, 24, 16, 20; week 50 of 2024: 25.
  const rows: Row[] = [
    ...times(30, "2025-12-10"),
    ...times(20, "2025-12-03"),
    ...times(24, "2025-11-26"),
    ...times(16, "2025-11-19"),
    ...times(20, "2025-11-12"),
    ...times(9, "2025-11-05"), // five weeks before: outside the average
    ...times(25, "2024-12-11"), // week 50 of 2024 (9–15 december)
  ];

  it("compares the week with the same ISO week a year earlier and with the average of the four weeks before", () => {
    const ctx = context("2025-w50", "week", rows);
    const table = dayTable(spec<DayTableSpec>({ type: "day-table", id: "w", title: "Week", categories: ["fenomeen:woninginbraak", "J"], columns: ["days", "current", "previous", "average", "change-average"] }), "GM0589", "gemeente", ctx);
    expect(cell(table, "fenomeen:woninginbraak", "current")?.value).toBe(30);
    expect(cell(table, "fenomeen:woninginbraak", "previous")?.value).toBe(25);
    expect(cell(table, "fenomeen:woninginbraak", "average")?.value).toBe(20);
    expect(cell(table, "fenomeen:woninginbraak", "change-average")?.value).toBe(10);
    expect(cell(table, "fenomeen:woninginbraak", "percent-average")?.value).toBeCloseTo(0.5);
    expect(cell(table, "fenomeen:woninginbraak", `d${dayOf(2025, 12, 10)}`)?.value).toBe(30);
    expect(table.columns.filter((column) => column.id.startsWith("d"))).toHaveLength(7);
    expect(table.columns.find((column) => column.id === "previous")?.label).toBe("week 50 2024");
    expect(table.rows.find((row) => row.id === "fenomeen:woninginbraak")?.label).toBe("Woninginbraak");
    expect(table.notes).toContain("Gemiddelde: het gemiddelde van de 4 weken vóór week 50, 8 t/m 14 december 2025.");
    expect(table.caption).toBe("Week, Oudewater: week 50, 8 t/m 14 december 2025");
  });

  it("says there is no week a year earlier for week 53", () => {
    const ctx = context("2026-w53", "week", times(3, "2026-12-30"));
    const table = dayTable(spec<DayTableSpec>({ type: "day-table", id: "w", title: "Week", categories: ["J"], columns: ["current", "previous", "change"] }), "GM0589", "gemeente", ctx);
    expect(cell(table, "J", "current")?.value).toBe(3);
    expect(cell(table, "J", "previous")).toMatchObject({ value: null, symbol: ".", note: "geen week 53 een jaar eerder" });
  });

  it("counts the same fenomeen in the monthly tables, from the cube", () => {
    const ctx = context("2025-w50", "week", rows);
    expect(ctx.counts("gemeente").sum("GM0589", "fenomeen:woninginbraak", monthOf(2025, 11), monthOf(2025, 11))).toBe(69);
    expect(ctx.counts("gemeente").categories("GM0589")).not.toContain("fenomeen:woninginbraak");
  });
});

describe("incident-list", () => {
  const rows: Row[] = [
    ["2025-12-09", "avond", "A20", "BU05890201"],
    ["2025-12-09", "nacht", "F550", "BU05890101"],
    ["2025-12-08", "", "A20", "BU05890201"],
    ["2025-12-08", "middag", "A20", "BU05890202"],
    ["2025-12-08", "middag", "A20", "BU05890202"],
    ["2025-12-09", "ochtend", "E38", "BU05890201"], // overlast: not in the selection
    ["2025-12-15", "avond", "A20", "BU05890201"], // the week after
  ];

  it("lists the chosen registrations by day and part of the day, alike ones on one row, with klasse and wijk only", () => {
    const ctx = context("2025-w50", "week", rows);
    const table = incidentList(spec<IncidentListSpec>({ type: "incident-list", id: "i", title: "Incidenten", categories: ["fenomeen:high-impact-crime"] }), "GM0589", "gemeente", ctx);
    expect(table.rows.map((row) => `${row.level} ${row.label} ${row.cells[0]?.value}`)).toEqual([
      "0 Maandag 8 december 2025 3",
      "1 middag · A20 Gekwal. Diefstal in/uit woning · Oudewater 2",
      "1 onbekend · A20 Gekwal. Diefstal in/uit woning · Oudewater 1",
      "0 Dinsdag 9 december 2025 2",
      "1 nacht · F550 Eenvoudige mishandeling · Hekendorp 1",
      "1 avond · A20 Gekwal. Diefstal in/uit woning · Oudewater 1",
    ]);
    expect(table.notes.join(" ")).toContain("geen registratienummer, adres, omschrijving of tijdstip");
  });

  it("names the buurt when asked, groups by category, and counts what it leaves out", () => {
    const ctx = context("2025-w50", "week", rows);
    const table = incidentList(
      spec<IncidentListSpec>({ type: "incident-list", id: "i", title: "Incidenten", categories: ["soort:1.4.5", "soort:1.1.1"], areaDetail: "buurt", groupBy: "category", max: 2 }),
      "GM0589",
      "gemeente",
      ctx,
    );
    expect(table.rows.map((row) => `${row.level} ${row.label} ${row.cells[0]?.value}`)).toEqual([
      "0 Mishandeling 1",
      "1 dinsdag 9 december 2025 · nacht · F550 Eenvoudige mishandeling · Kern Hekendorp 1",
      "0 Diefstal/inbraak woning 4",
      "1 maandag 8 december 2025 · middag · A20 Gekwal. Diefstal in/uit woning · de Noort syde 2",
    ]);
    expect(table.notes.join(" ")).toContain("Niet getoond: nog 2 regels");
  });

  it("lists the last N days of a daily edition", () => {
    const ctx = context("2025-12-09", "day", rows);
    const table = incidentList(spec<IncidentListSpec>({ type: "incident-list", id: "i", title: "Incidenten", categories: ["J"], days: 1 }, "day"), "GM0589", "gemeente", ctx);
    expect(table.rows.filter((row) => row.level === 0).map((row) => row.label)).toEqual(["Dinsdag 9 december 2025"]);
  });
});

describe("mo-table", () => {
  it("counts a fenomeen's registrations per listed MO code, with a row for those without one", () => {
    const ctx = context("2025-12", "month", [
      ["2025-12-01", "avond", "A20", "BU05890201", "WI01"],
      ["2025-12-02", "avond", "A30", "BU05890201", "WI01"],
      ["2025-12-03", "avond", "A20", "BU05890201"],
      ["2024-12-03", "avond", "A20", "BU05890201", "WI04"],
      ["2025-12-03", "avond", "F550", "BU05890201", "WI04"], // not a woninginbraak
    ]);
    const table = moTable(spec<MoTableSpec>({ type: "mo-table", id: "mo", title: "MO", fenomenen: ["woninginbraak"] }, "month"), "GM0589", "gemeente", ctx);
    const values = (id: string) => table.rows.find((row) => row.id === id)?.cells.map((c) => c.value);
    expect(values("fenomeen:woninginbraak")).toEqual([3, 1]);
    expect(values("fenomeen:woninginbraak-WI01")).toEqual([2, 0]);
    expect(values("fenomeen:woninginbraak-WI04")).toEqual([0, 1]);
    expect(values("fenomeen:woninginbraak-zonder")).toEqual([1, 0]);
    expect(table.notes.join(" ")).toContain("illustratief");
  });

  it("names the code list in its note, not the file it is read from (a mayor reads the page)", () => {
    const ctx = context("2025-12", "month", [["2025-12-01", "avond", "A20", "BU05890201", "WI01"]]);
    const table = moTable(spec<MoTableSpec>({ type: "mo-table", id: "mo", title: "MO", fenomenen: ["woninginbraak"] }, "month"), "GM0589", "gemeente", ctx);
    expect(table.notes.join(" ")).toContain("MO-codelijst van de eenheid");
    expect(table.notes.join(" ")).not.toMatch(/\.csv|data\/|reference\//);
  });
});

describe("incident-list of one day", () => {
  it("does not repeat the day on every row when grouped by category", () => {
    const ctx = context("2025-12-09", "day", [
      ["2025-12-09", "nacht", "F550", "BU05890101"],
      ["2025-12-09", "avond", "A20", "BU05890201"],
    ]);
    const table = incidentList(spec<IncidentListSpec>({ type: "incident-list", id: "i", title: "I", categories: ["soort:1.1.1", "soort:1.4.5"], groupBy: "category", days: 1 }, "day"), "GM0589", "gemeente", ctx);
    expect(table.rows.map((row) => row.label)).toEqual(["Diefstal/inbraak woning", "avond · A20 Gekwal. Diefstal in/uit woning · Oudewater", "Mishandeling", "nacht · F550 Eenvoudige mishandeling · Hekendorp"]);
  });
});

describe("fenomenen in a selection table", () => {
  it("heads the rows 'Fenomeen' and says what a chosen set counts", async () => {
    const { selectionTable } = await import("../../src/reports/sections/selection-table.ts");
    const ctx = context("2025-12", "month", [["2025-12-01", "avond", "F42", "BU05890201"], ["2025-12-01", "avond", "A20", "BU05890201"]]);
    const table = selectionTable(spec({ type: "selection-table", id: "s", title: "S", categories: ["fenomeen:ondermijning", "fenomeen:woninginbraak"], columns: ["current"] }, "month"), "GM0589", "gemeente", ctx);
    expect(table.rowHeading).toBe("Fenomeen");
    expect(table.rows.map((row) => [row.label, row.cells[0]?.value])).toEqual([["Ondermijning", 1], ["Woninginbraak", 1]]);
    expect(table.notes.join(" ")).toContain("geen klasse voor witwassen");
  });
});
