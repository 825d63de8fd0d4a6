import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest, type IngestResult } from "../../src/ingest/ingest.ts";
import { scanExports } from "../../src/ingest/list-exports.ts";
import { coverageOf } from "../../src/model/coverage.ts";
import { cubeTotal, type Cube } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import { UNASSIGNED_SOORT } from "../../src/reference/classification.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, realReference, ROOT, tempDir, testConfig, writeFiles } from "../helpers.ts";

let dir: string;
let reference: Reference;
let n = 0;

beforeAll(async () => {
  dir = await tempDir();
  reference = await realReference();
});
afterAll(() => cleanup(dir));

/** Ingests the given files (name → content) as the only exports of a folder. */
async function read(files: Record<string, string>, scopeGemeenten?: string[]): Promise<IngestResult> {
  const folder = path.join(dir, `case-${n++}`);
  await writeFiles(folder, files);
  const { files: exports } = await scanExports(folder);
  return ingest(exports, { reference, columns: testConfig().columns, lastPlausibleMonth: monthOf(2026, 11), earliestYear: 2010, ...(scopeGemeenten ? { scopeGemeenten } : {}) });
}

/** The cube's count for an area (exactly that code, not its parts), a year and a klasse. */
function cell(cube: Cube, area: string, year: number, klasse = "1.2.3"): number {
  let total = 0;
  for (let i = 0; i < cube.cellCount.length; i++) {
    const month = cube.cellMonth[i] ?? 0;
    if (cube.areas[cube.cellArea[i] ?? -1] === area && cube.klassen[cube.cellKlasse[i] ?? -1] === klasse && Math.floor(month / 12) === year) total += cube.cellCount[i] ?? 0;
  }
  return total;
}

/** Sum over every cell whose area lies in `gemeente` for a year. */
function inGemeente(cube: Cube, gemeente: string, year: number): number {
  let total = 0;
  for (let i = 0; i < cube.cellCount.length; i++) {
    const area = cube.areas[cube.cellArea[i] ?? -1] ?? "";
    if (reference.areas.ancestorAt(area, "gemeente") === gemeente && Math.floor((cube.cellMonth[i] ?? 0) / 12) === year) total += cube.cellCount[i] ?? 0;
  }
  return total;
}

const HEADER = '"Soort misdrijf";"Perioden";"Wijken en buurten";"Geregistreerde misdrijven (aantal)"';
const SOORT = '"1.2.3 Diefstal van brom-, snor-, fietsen"';

describe("the police open-data portal download (Amsterdam fietsdiefstal, as downloaded)", () => {
  let result: IngestResult;
  beforeAll(async () => {
    const folder = path.join(dir, "amsterdam");
    await mkdir(folder, { recursive: true });
    await copyFile(path.join(ROOT, "data/realdata/politie-open-data-export-amsterdam-fietsdiefstal.csv"), path.join(folder, "politie-open-data-export-amsterdam-fietsdiefstal.csv"));
    const { files } = await scanExports(folder);
    result = await ingest(files, { reference, columns: testConfig().columns, lastPlausibleMonth: monthOf(2026, 11), earliestYear: 2010, scopeGemeenten: ["GM0363"] });
  });

  it("is recognised as open data and every row is used", () => {
    expect(result.report.files[0]?.format).toBe("open-data");
    expect(result.report.rowsRead).toBe(3140);
    expect(result.report.rowsRejected).toBe(0);
  });

  it("counts each level once: the gemeente's figures equal its row in the file, not three times it", () => {
    expect(inGemeente(result.cube, "GM0363", 2024)).toBe(11987);
    expect(inGemeente(result.cube, "GM0363", 2023)).toBe(12323);
    expect(inGemeente(result.cube, "GM0363", 2020)).toBe(10378);
    expect(cubeTotal(result.cube)).toBe(10378 + 8196 + 10854 + 12323 + 11987);
  });

  it("decides a name a wijk and its buurt share by the hierarchy (wijk Frankendael 214, buurt Frankendael 4 in 2024)", () => {
    expect(cell(result.cube, "BU0363MM05", 2024)).toBe(4);
    const wijk = reference.areas.buurtenOf("WK0363MM").reduce((sum, buurt) => sum + cell(result.cube, buurt, 2024), 0) + cell(result.cube, "WK0363MM", 2024);
    expect(wijk).toBe(214);
  });

  it("knows the input is yearly and holds one soort, with no klassen or incidenten", () => {
    expect(result.cube.granularity).toBe("year");
    expect(coverageOf(result.cube, reference.classification)).toEqual({ granularity: "year", soorten: ["1.2.3"], allSoorten: false, klassen: false, incidenten: false, crimesOutsideSoorten: false });
  });
});

describe("open-data tables", () => {
  it("reads codes of every level, StatLine periods and padded counts; '0' is a count of zero", async () => {
    const { cube, report } = await read({
      "statline.csv": `Soort misdrijf;Perioden;Regio's;Geregistreerde misdrijven (aantal)\n1.1.1 Diefstal/inbraak woning;2024MM01;GM0335;"  7"\n1.1.1 Diefstal/inbraak woning;2024MM02;GM0335;0\n1.1.1 Diefstal/inbraak woning;2024MM03;BU05890101;3\n`,
    });
    expect(report.files[0]?.format).toBe("open-data");
    expect(report.rowsRejected).toBe(0);
    expect(cube.granularity).toBe("month");
    expect(cell(cube, "GM0335", 2024, "1.1.1")).toBe(7);
    expect(cell(cube, "BU05890101", 2024, "1.1.1")).toBe(3);
  });

  it("stops on a missing count that no coarser row covers, naming the line", async () => {
    const error = await read({ "missing.csv": `${HEADER}\n${SOORT};"2024";"GM0589";"."\n` }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("missing.csv:2");
    expect((error as UserError).message).toContain("no count");
  });

  it("narrows a name several gemeenten' areas share to the scope, and stops naming the candidates without one", async () => {
    const file = { "centrum.csv": `${HEADER}\n${SOORT};"2024";"Centrum";"12"\n` };
    const error = await read(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^centrum\.csv:2: the area "Centrum" could be (BU|WK)\d+ \((buurt|wijk) Centrum, [^)]+\) or .* \(and \d+ more areas of that name\)$/);
    expect((error as UserError).hint).toContain("code");
    const { cube } = await read(file, ["GM0345"]);
    expect(cube.areas).toEqual(["WK034500"]);
    expect(cell(cube, "WK034500", 2024)).toBe(12);
  });

  it("narrows a shared name to the gemeenten the file's other rows name", async () => {
    // "Zuidwest" is a wijk (or buurt) of several gemeenten; the file is about Utrecht.
    const { cube } = await read({ "zuidwest.csv": `${HEADER}\n${SOORT};"2024";"Utrecht";"6"\n${SOORT};"2024";"Zuidwest";"6"\n` });
    expect(cube.areas).toEqual(["WK034408"]);
    expect(cell(cube, "WK034408", 2024)).toBe(6);
  });

  it("takes a name a gemeente and its wijk share for the gemeente in a table of gemeenten, and refuses it in a table of that gemeente's wijken", async () => {
    // Oudewater: gemeente GM0589 and its wijk WK058902 are both called "Oudewater".
    const gemeenten = await read({ "gemeenten.csv": `${HEADER}\n${SOORT};"2024";"Montfoort";"3"\n${SOORT};"2024";"Oudewater";"4"\n` });
    expect(cell(gemeenten.cube, "GM0589", 2024)).toBe(4);
    const wijken = await read({ "wijken.csv": `${HEADER}\n${SOORT};"2024";"Hekendorp";"1"\n${SOORT};"2024";"Oudewater";"4"\n` }).catch((caught: unknown) => caught);
    expect(wijken).toBeInstanceOf(UserError);
    expect((wijken as UserError).message).toContain("GM0589 (gemeente Oudewater) or WK058902 (wijk Oudewater, Oudewater)");
    // With a row for each, the larger count is the gemeente's.
    const both = await read({ "both.csv": `${HEADER}\n${SOORT};"2024";"Oudewater";"9"\n${SOORT};"2024";"Hekendorp";"1"\n${SOORT};"2024";"Oudewater";"8"\n` });
    expect(both.report.rowsRejected).toBe(0);
  });

  it("stops when a wijk and its buurt share a name and the file has only one row for it", async () => {
    const error = await read({ "frankendael.csv": `${HEADER}\n${SOORT};"2024";"Frankendael";"4"\n` }, ["GM0363"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("WK0363MM (wijk Frankendael, Amsterdam)");
    expect((error as UserError).message).toContain("BU0363MM05 (buurt Frankendael, Amsterdam)");
  });

  it("uses rows for Nederland as checks, not counts", async () => {
    const { cube, report } = await read({
      "nl.csv": `${HEADER}\n${SOORT};"2024";"Nederland";"90000"\n${SOORT};"2024";"NL01";"90000"\n${SOORT};"2024";"Utrecht (PV)";"9000"\n${SOORT};"2024";"Noord-Nederland (LD)";"900"\n${SOORT};"2024";"GM0589";"9"\n`,
    });
    expect(cubeTotal(cube)).toBe(9);
    expect(report.notices["above-gemeente"]?.count).toBe(4);
    expect(report.rowsRejected).toBe(0);
  });

  it("checks 'Totaal misdrijven' against its soorten instead of adding it, keeping what it counts under no soort", async () => {
    const { cube, report } = await read({
      "totaal.csv": `${HEADER}\n"0.0.0 Totaal misdrijven";"2024";"GM0589";"20"\n"1.1.1 Diefstal/inbraak woning";"2024";"GM0589";"5"\n${SOORT};"2024";"GM0589";"9"\n`,
    });
    // The total is the source's: what it counts under no soort of the file is kept apart, not lost.
    expect(cubeTotal(cube)).toBe(20);
    expect(cell(cube, "GM0589", 2024, UNASSIGNED_SOORT)).toBe(6);
    expect(cell(cube, "GM0589", 2024, "1.1.1") + cell(cube, "GM0589", 2024, "1.2.3")).toBe(14);
    expect(report.notices["total-differs"]?.examples[0]?.detail).toContain("is 20");
    expect(report.notices["total-differs"]?.examples[0]?.detail).toContain("add up to 14; 6 counted as misdrijven niet naar soort verdeeld");
    expect(coverageOf(cube, reference.classification).allSoorten).toBe(true);
  });

  it("shows a refused period or area name (they are not personal)", async () => {
    const { report } = await read({ "odd.csv": `${HEADER}\n${SOORT};"2024 jaar";"GM0589";"1"\n${SOORT};"2024";"Atlantis";"1"\n${SOORT};"2024";"GM0589";"1"\n` });
    expect(report.rejections["bad-date"]?.examples[0]?.detail).toContain('"2024 jaar" is not a period');
    expect(report.rejections["unknown-area"]?.examples[0]?.detail).toContain('"Atlantis"');
  });

  it("names the format it nearly fits and what the header lacks", async () => {
    const error = await read({ "noperiod.csv": `"Soort misdrijf";"Wijken en buurten";"Geregistreerde misdrijven (aantal)"\n${SOORT};"GM0589";"1"\n` }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("noperiod.csv:1: this looks like an open-data table of counts (politie open data, CBS StatLine), but it has no period column");
  });
});
