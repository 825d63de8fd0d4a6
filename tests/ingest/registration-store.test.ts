import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.ts";
import { listExports } from "../../src/ingest/list-exports.ts";
import { decodeIngest, encodeIngest } from "../../src/ingest/serialize-ingest.ts";
import { cubeTotal } from "../../src/model/cube.ts";
import { formatDay } from "../../src/model/days.ts";
import { dayPartLabel } from "../../src/model/day-parts.ts";
import { monthOf } from "../../src/model/months.ts";
import type { Registrations } from "../../src/model/registrations.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { cleanup, miniReference, tempDir, testConfig, writeFiles } from "../helpers.ts";

let dir: string;
let reference: Reference;
const HEADER = "Registratienummer;Pleegdatum;Pleegtijd;Maatschappelijke klasse;Buurtcode;MO-code;Omschrijving\n";

beforeAll(async () => {
  dir = await tempDir();
  reference = await miniReference();
});
afterAll(() => cleanup(dir));

async function run(files: Record<string, string>, registrations = true) {
  const folder = path.join(dir, String(Math.random()).slice(2));
  await writeFiles(folder, files);
  return ingest(await listExports(folder), {
    reference,
    columns: testConfig().columns,
    lastPlausibleMonth: monthOf(2026, 1),
    earliestYear: 2010,
    registrations,
    moCodes: reference.modusOperandi.codes(),
    snapshots: [monthOf(2025, 11)],
  });
}

function rows(list: Registrations): string[] {
  return Array.from(list.day, (day, i) => {
    const mo = list.mo[i] as number;
    return `${formatDay(day)} ${dayPartLabel(list.dayPart[i] as number)} ${list.klassen[list.klasse[i] as number]} ${list.areas[list.area[i] as number]}${mo >= 0 ? ` ${list.mos[mo]}` : ""}`;
  });
}

const FILES = {
  "bvh-export-2025-11.csv": `${HEADER}PL1;29-11-2025;23:40;F550;BU05890201;;Ruzie bij Jansen\nPL2;30-11-2025 07:15;;A20;BU05890201;WI03;Inbraak Kerkstraat 4\n`,
  "bvh-export-2025-12.csv": `${HEADER}PL1;29-11-2025;23:40;F530;BU05890201;;Ruzie bij Jansen\nPL3;01-12-2025;00:00;A20;BU05890201;Wrikken aan de deur;\nPL4;02-12-2025;14:05;A20;BU05890201;wi01;\n`,
};

describe("registrations at day granularity", () => {
  it("keeps the day, the part of the day, klasse, area and a listed MO code of the latest version of each registration", async () => {
    const { registrations, cube, report } = await run(FILES);
    expect(cubeTotal(cube)).toBe(4);
    // The free text in the MO column is counted as a value that is not a code, and not shown.
    expect(report.notices["mo-not-listed"]).toMatchObject({ count: 1, examples: [{ file: "bvh-export-2025-12.csv", line: 3 }] });
    expect(JSON.stringify(report)).not.toContain("Wrikken");
    expect(rows(registrations?.all as Registrations)).toEqual([
      "2025-11-29 avond F530 BU05890201",
      "2025-11-30 ochtend A20 BU05890201 WI03",
      // 0:00 is how BVH writes a date without a time; free text in the MO column is not a code.
      "2025-12-01 onbekend A20 BU05890201",
      "2025-12-02 middag A20 BU05890201 WI01",
    ]);
  });

  it("keeps the registrations as they were after each snapshot's deliveries", async () => {
    const { registrations } = await run(FILES);
    expect(rows(registrations?.snapshots.get(monthOf(2025, 11)) as Registrations)).toEqual(["2025-11-29 avond F550 BU05890201", "2025-11-30 ochtend A20 BU05890201 WI03"]);
  });

  it("holds no registratienummer, time or free text, in memory or in the cache file", async () => {
    const result = await run(FILES);
    const bytes = encodeIngest(result);
    const text = bytes.toString("latin1");
    for (const secret of ["PL1", "PL2", "PL4", "23:40", "07:15", "14:05", "Jansen", "Kerkstraat", "Wrikken"]) expect(text).not.toContain(secret);
    const decoded = decodeIngest(bytes);
    expect(rows(decoded?.registrations?.all as Registrations)).toEqual(rows(result.registrations?.all as Registrations));
    expect(decoded?.registrations?.snapshots.get(monthOf(2025, 11))?.day.length).toBe(2);
  });

  it("keeps none without the option, and the cube is the same either way", async () => {
    const without = await run(FILES, false);
    const withDays = await run(FILES, true);
    expect(without.registrations).toBeUndefined();
    expect(Array.from(without.cube.cellCount)).toEqual(Array.from(withDays.cube.cellCount));
    expect(Array.from(without.cube.cellMonth)).toEqual(Array.from(withDays.cube.cellMonth));
  });
});
