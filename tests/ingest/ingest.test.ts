import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRejections, ingest } from "../../src/ingest/ingest.ts";
import { listExports } from "../../src/ingest/list-exports.ts";
import { cubeTotal } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, miniReference, tempDir, testConfig, writeFiles } from "../helpers.ts";

let dir: string;
let reference: Reference;
const HEADER = "Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode\n";

beforeAll(async () => {
  dir = await tempDir();
  reference = await miniReference();
});
afterAll(() => cleanup(dir));

async function run(files: Record<string, string>) {
  const folder = path.join(dir, String(Math.random()).slice(2));
  await writeFiles(folder, files);
  return ingest(await listExports(folder), {
    reference,
    columns: testConfig().columns,
    lastPlausibleMonth: monthOf(2026, 1),
    earliestYear: 2010,
  });
}

describe("ingest", () => {
  it("applies deliveries in order: a later export's version of a registratienummer replaces the earlier one", async () => {
    const { cube, report } = await run({
      "bvh-export-2025-12.csv": `${HEADER}PL1;01-11-2025;F530;BU05890201\nPL3;01-12-2025;A20;BU05890201\n`,
      "bvh-export-2025-11.csv": `${HEADER}PL1;01-11-2025;F550;BU05890201\nPL2;02-11-2025;A20;BU05890201\n`,
    });
    expect(report.files.map((file) => file.file)).toEqual(["bvh-export-2025-11.csv", "bvh-export-2025-12.csv"]);
    expect(cubeTotal(cube)).toBe(3);
    expect(cube.klassen).toEqual(["A20", "F530"]);
    expect(report.revisions.count).toBe(1);
    expect(report.revisions.examples[0]).toEqual({ file: "bvh-export-2025-12.csv", line: 2, detail: "revision of an earlier delivery: klasse F550 → F530" });
    expect(report.files[1]).toMatchObject({ used: 2, revised: 1, repeated: 0, months: { "2025-11": 1, "2025-12": 1 } });
  });

  it("counts an unchanged repeat once", async () => {
    const { cube, report } = await run({
      "bvh-export-2025-11.csv": `${HEADER}PL1;01-11-2025;F550;BU05890201\n`,
      "bvh-export-2025-12.csv": `${HEADER}PL1;01-11-2025;F550;BU05890201\n`,
    });
    expect(cubeTotal(cube)).toBe(1);
    expect(report.files[1]?.repeated).toBe(1);
  });

  it("replaces an aggregated cell from a later file and sums cells within one file", async () => {
    const { cube } = await run({
      "aantallen-2025-01.csv": "gemeentecode;maand;klasse;aantal\nGM0589;2025-01;A20;5\nGM0589;2025-01;A20;2\n",
      "aantallen-2025-02.csv": "gemeentecode;maand;klasse;aantal\nGM0589;2025-01;A20;4\n",
    });
    expect(cubeTotal(cube)).toBe(4);
  });

  it("stops when more rows are rejected than allowed, listing reasons and file:line", async () => {
    const { report } = await run({ "x.csv": `${HEADER}PL1;01-11-2025;ZZ9;BU05890201\nPL2;01-11-2025;A20;BU05890201\n` });
    expect(report.rowsRejected).toBe(1);
    expect(() => checkRejections(report, 0.001)).toThrow(UserError);
    expect(() => checkRejections(report, 0.001)).toThrow(/1 × unknown-klasse\n {4}x\.csv:2: unknown maatschappelijke klasse "ZZ9"/);
    expect(() => checkRejections(report, 0.5)).not.toThrow();
  });
});
