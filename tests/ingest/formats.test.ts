import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.ts";
import { scanExports } from "../../src/ingest/list-exports.ts";
import { cubeTotal } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { cleanup, realReference, tempDir, testConfig, writeFiles } from "../helpers.ts";

let dir: string;
let reference: Reference;
let n = 0;

beforeAll(async () => {
  dir = await tempDir();
  reference = await realReference();
});
afterAll(() => cleanup(dir));

async function read(files: Record<string, string>) {
  const folder = path.join(dir, `case-${n++}`);
  await writeFiles(folder, files);
  const { files: exports } = await scanExports(folder);
  return ingest(exports, { reference, columns: testConfig().columns, lastPlausibleMonth: monthOf(2026, 11), earliestYear: 2010 });
}

describe("input formats", () => {
  it.each([
    ["BVH registrations", "Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode\nPL1;01-03-2025;B70;BU05890101\n", "bvh-registraties"],
    ["counts by area code", "Gemeentecode;Maand;Soort;Aantal\nGM0589;2025-03;1.1.1;4\n", "aantallen"],
    ["an open-data table", "Soort misdrijf;Perioden;Wijken en buurten;Geregistreerde misdrijven (aantal)\n1.1.1 Diefstal/inbraak woning;2025;GM0589;4\n", "open-data"],
  ])("recognises %s from the header", async (_, content, format) => {
    const { report } = await read({ "export.csv": content });
    expect(report.files[0]?.format).toBe(format);
    expect(report.rowsUsed).toBe(1);
  });

  it("never sums the levels of a table of counts by area code: the gemeente row checks its buurten", async () => {
    const { cube, report } = await read({
      "aantallen.csv": "Gemeentecode;Buurtcode;Maand;Soort;Aantal\nGM0589;;2025-03;1.1.1;9\n;BU05890101;2025-03;1.1.1;4\n;BU05890102;2025-03;1.1.1;3\n",
    });
    // 9 = 4 + 3 + 2 not assigned to a buurt; not 9 + 4 + 3.
    expect(cubeTotal(cube)).toBe(9);
    expect(report.notices["level-differs"]?.count).toBe(1);
    expect(report.notices["level-differs"]?.examples[0]?.detail).toContain("GM0589 1.1.1 2025-03: the row says 9, its 2 buurten in the file add up to 7; 2 counted for GM0589 as not assigned to a buurt");
  });

  it("a later table replaces the counts an earlier one gave for the same cells", async () => {
    const { cube } = await read({
      "aantallen-2025-03.csv": "Gemeentecode;Maand;Soort;Aantal\nGM0589;2025-03;1.1.1;4\n",
      "aantallen-2025-04.csv": "Gemeentecode;Maand;Soort;Aantal\nGM0589;2025-03;1.1.1;6\nGM0589;2025-04;1.1.1;1\n",
    });
    expect(cubeTotal(cube)).toBe(7);
  });
});
