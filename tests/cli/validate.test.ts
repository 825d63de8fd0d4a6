import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { QualityReport } from "../../src/quality/quality-report.ts";
import { cleanup, ROOT, tempDir, writeFiles } from "../helpers.ts";
import { fakeIO } from "./fake-io.ts";
import { snapshot } from "./run-cli.ts";

const H = "Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode;Straat;Omschrijving\n";

let work: string;

beforeAll(async () => {
  work = await tempDir("vb-validate-");
});
afterAll(() => cleanup(work));

/** A project with the mini reference and the given export files; returns its config path. */
async function project(name: string, exports: Record<string, string>): Promise<string> {
  const dir = path.join(work, name);
  await writeFiles(path.join(dir, "exports"), exports);
  const mini = path.join(ROOT, "tests", "fixtures", "mini");
  await writeFile(
    path.join(dir, "veiligheidsbeeld.config.json"),
    JSON.stringify({
      scope: { gemeenten: ["GM0335", "GM0589"] },
      paths: { exports: "exports", reference: path.join(ROOT, "data", "reference"), output: "dist" },
      reference: { basisteams: path.join(mini, "basisteams.csv") },
      buildDate: "2026-01-10",
    }),
  );
  return dir;
}

describe("veiligheidsbeeld validate", () => {
  it("prints and writes the data-quality report, touches nothing else in dist/, and exits 1 when a build would stop", async () => {
    const dir = await project("problems", {
      "bvh-export-2025-10.csv": `${H}PL0900-1;01-10-2025;B70;BU05890201;Kerkstraat;tas\n`,
      "bvh-export-2025-12.csv": `${H}PL0900-2;01-12-2025;B7O;BU05890201;Kerkstraat;tas\nPL0900-3;01-12-2025;A20;BU05890299;Dorpsstraat;x\nPL0900-4;02-12-2025;F550;BU03350100;x;y\n`,
      "bvh-export-2025-12.xlsx": "PK\u0003\u0004",
      "<b>bold<i>-2025-12.csv": `${H}PL0900-5;03-12-2025;A20;BU03350100;x;y\n`,
    });
    await writeFiles(path.join(dir, "dist"), { "index.html": "earlier build", "tabellenboek/2025-11/a.html": "earlier edition" });
    const before = await snapshot(path.join(dir, "dist"));
    const io = fakeIO({ cwd: dir });
    expect(await main(["validate"], io)).toBe(1);

    const out = io.stdout.text;
    expect(out).toContain("Data quality of the exports up to 2025-12 (build date 2026-01-10)");
    expect(out).toMatch(/bvh-export-2025-12\.csv\s+bvh-registraties\s+utf-8\s+;\s+3 rows\s+1 used\s+2 rejected/);
    expect(out).toContain("rows: 5 read, 3 used, 2 rejected (40,00%; allowed 0,10%)");
    expect(out).toContain('      bvh-export-2025-12.csv:2: unknown maatschappelijke klasse "B7O" — did you mean B70 (Straatroof)?');
    expect(out).toContain('  maatschappelijke_klasse "B7O": 1 row(s) — nearest valid: B70 (Straatroof); first at bvh-export-2025-12.csv:2');
    expect(out).toContain('  buurtcode "BU05890299": 1 row(s) — nearest valid: BU05890209 (');
    expect(out).toContain("  columns not read (not on the allow-list): Straat, Omschrijving");
    expect(out).toContain("deliveries: 2025-10 … 2025-12, missing 2025-11");
    expect(out).toContain("  bvh-export-2025-12.xlsx in the exports folder is not read: not a .csv file");
    expect(out).toContain("errors (1):\n  2 of 5 rows (40,0%) could not be used");
    expect(out).toContain("report: dist/kwaliteit/2025-12.html and dist/kwaliteit/2025-12.json");

    const json = JSON.parse(await readFile(path.join(dir, "dist", "kwaliteit", "2025-12.json"), "utf8")) as QualityReport;
    expect(json.status).toBe("errors");
    expect(json.deliveries.missing).toEqual(["2025-11"]);
    expect(json.unknownKlassen).toEqual([
      { field: "maatschappelijke_klasse", code: "B7O", suggestion: "B70", count: 1, examples: [expect.objectContaining({ file: "bvh-export-2025-12.csv", line: 2 })], suggestionName: "Straatroof" },
    ]);
    const html = await readFile(path.join(dir, "dist", "kwaliteit", "2025-12.html"), "utf8");
    expect(html).toContain("&lt;b&gt;bold&lt;i&gt;-2025-12.csv");
    expect(html).not.toContain("<b>bold<i>");
    for (const text of [out, html, JSON.stringify(json)]) {
      for (const secret of ["Kerkstraat", "Dorpsstraat", "PL0900-"]) expect(text).not.toContain(secret);
    }
    const after = await snapshot(path.join(dir, "dist"));
    expect(Object.fromEntries(Object.entries(after).filter(([file]) => !file.startsWith("kwaliteit")))).toEqual(before);
  });

  it("exits 0 on warnings only, and 1 with --strict", async () => {
    const dir = await project("warnings", {
      "bvh-export-2025-10.csv": `${H}PL0900-1;01-10-2025;B70;BU05890201;x;y\n`,
      "bvh-export-2025-12.csv": `${H}PL0900-2;01-12-2025;B70;BU05890201;x;y\n`,
    });
    const io = fakeIO({ cwd: dir });
    expect(await main(["validate"], io)).toBe(0);
    expect(io.stdout.text).toContain("warnings (1):\n  no delivery for 2025-11 between 2025-10 and 2025-12");
    expect(await main(["validate", "--strict"], fakeIO({ cwd: dir }))).toBe(1);
  });

  it("checks the deliveries up to --period only", async () => {
    const dir = await project("period", {
      "bvh-export-2025-11.csv": `${H}PL0900-1;01-11-2025;B70;BU05890201;x;y\n`,
      "bvh-export-2025-12.csv": `${H}PL0900-2;01-12-2025;B7O;BU05890201;x;y\n`,
    });
    const io = fakeIO({ cwd: dir });
    expect(await main(["validate", "--period", "2025-11"], io)).toBe(0);
    expect(io.stdout.text).toContain("files: 1");
    expect(io.stdout.text).toContain("report: dist/kwaliteit/2025-11.html");
    expect(await main(["validate", "--period", "2025-13"], fakeIO({ cwd: dir }))).toBe(2);
  });

  it("lists a file that cannot be read and goes on with the others", async () => {
    const dir = await project("unreadable", {
      "bvh-export-2025-11.csv": "",
      "bvh-export-2025-12.csv": `${H}PL0900-2;01-12-2025;B70;BU05890201;x;y\n`,
    });
    const io = fakeIO({ cwd: dir });
    expect(await main(["validate"], io)).toBe(1);
    expect(io.stdout.text).toMatch(/bvh-export-2025-11\.csv\s+cannot be read: bvh-export-2025-11\.csv: the file is empty/);
    expect(io.stdout.text).toMatch(/bvh-export-2025-12\.csv\s+bvh-registraties\s+utf-8\s+;\s+1 rows\s+1 used/);
  });

  it("says what to do about a file it cannot read, as build does (the column names accepted, how to map one)", async () => {
    const dir = await project("renamed", { "bvh-export-2025-12.csv": "Zaaknummer;Pleegdatum;Maatschappelijke klasse;Buurtcode\nPL1;01-12-2025;B70;BU05890201\n" });
    const io = fakeIO({ cwd: dir });
    expect(await main(["validate"], io)).toBe(1);
    expect(io.stdout.text).toContain("nearest is BVH registrations (one row per registration), which needs a registratienummer column");
    expect(io.stdout.text).toContain('or map it in the config: "columns": { "registratienummer": "<your column name>" }');
    const html = await readFile(path.join(dir, "dist", "kwaliteit", "2025-12.html"), "utf8");
    expect(html).toContain("map it in the config");
  });
});
