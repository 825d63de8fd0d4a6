import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { cleanup, columnIndex, miniReference, ROOT, tableRow, tempDir } from "../helpers.ts";
import { fakeIO } from "./fake-io.ts";

/**
 * README's path for a new user, for real: a copy of this repository as a clone would have it,
 * `npx veiligheidsbeeld init my-reports` in it, then `validate` and `build` inside the new
 * project — with npx in offline mode, so that it can only ever run this local package.
 */
let work: string;
let clone: string;

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  work = await tempDir("vb-init-");
  clone = path.join(work, "veiligheidsbeeld");
  // The files a clone has: tracked and new ones, not what .gitignore leaves out (the demo export, dist/).
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(ROOT, file))) continue;
    await mkdir(path.dirname(path.join(clone, file)), { recursive: true });
    await cp(path.join(ROOT, file), path.join(clone, file));
  }
  await symlink(path.join(ROOT, "node_modules"), path.join(clone, "node_modules"), "dir");
});
afterAll(() => cleanup(work));

describe("veiligheidsbeeld init", () => {
  it("creates a project: config, reference tables, a sample export, a commentary folder, and a link to the tool", async () => {
    const io = fakeIO({ cwd: work });
    expect(await main(["init", "direct"], io)).toBe(0);
    const dir = path.join(work, "direct");
    expect((await readdir(dir)).sort()).toEqual([".gitignore", "data", "node_modules", "package.json", "veiligheidsbeeld.config.json"]);
    expect((await readdir(path.join(dir, "data"))).sort()).toEqual(["commentary", "exports", "realdata", "reference"]);
    expect((await readdir(path.join(dir, "data", "exports"))).sort()).toEqual(["bvh-export-2025-11.csv", "bvh-export-2025-12.csv"]);
    expect(await readdir(path.join(dir, "data", "reference"))).toEqual(expect.arrayContaining([...(await readdir(path.join(ROOT, "data", "reference"))), "basisteams-voorbeeld.csv"]));
    const config = JSON.parse(await readFile(path.join(dir, "veiligheidsbeeld.config.json"), "utf8")) as { scope: unknown; reports: unknown; paths: Record<string, string> };
    expect(config.scope).toEqual({ gemeenten: ["GM0331", "GM0335", "GM0589", "GM0632"] });
    // The national figures of the gebiedsscan's comparison with Nederland, with their credit.
    expect(config.paths.realdata).toBe("data/realdata");
    expect(await readFile(path.join(dir, "data", "realdata", "misdrijven-gemeente-jaar.csv"), "utf8")).toBe(await readFile(path.join(ROOT, "data", "realdata", "misdrijven-gemeente-jaar.csv"), "utf8"));
    expect(await readFile(path.join(dir, "data", "realdata", "README.md"), "utf8")).toContain("Bron: CBS / Politie, table 47018NED (registered crime), licence CC BY 4.0");
    expect(io.stdout.text).toContain("npx veiligheidsbeeld validate");
  });

  it("refuses a folder that is not empty, and exits 2", async () => {
    await mkdir(path.join(work, "busy"));
    await writeFile(path.join(work, "busy", "notes.txt"), "mine");
    const io = fakeIO({ cwd: work });
    expect(await main(["init", "busy"], io)).toBe(2);
    expect(io.stderr.text).toContain(`error: ${path.join(work, "busy")} is not empty`);
    expect(await readdir(path.join(work, "busy"))).toEqual(["notes.txt"]);
  });

  it("works as README says: npx veiligheidsbeeld init my-reports in a clone, then validate and build in it give a correct site", async () => {
    const init = await run("npx", ["--offline", "veiligheidsbeeld", "init", "my-reports"], clone);
    expect(init.code, init.stderr).toBe(0);
    const project = path.join(clone, "my-reports");

    const validate = await run("npx", ["--offline", "veiligheidsbeeld", "validate"], project);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain("rows: 3.235 read, 3.235 used, 0 rejected");
    expect(existsSync(path.join(project, "dist", "kwaliteit", "2025-12.html"))).toBe(true);

    const build = await run("npx", ["--offline", "veiligheidsbeeld", "build"], project);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/done in [\d.]+ s: \d+ pages, 7 PDFs/);

    // The site's figure is what the sample export says: Oudewater's misdrijven in 2025, counting
    // the later delivery's version of a registration.
    const latest = new Map<string, { datum: string; klasse: string; buurt: string }>();
    for (const delivery of ["bvh-export-2025-11.csv", "bvh-export-2025-12.csv"]) {
      const rows = parse(await readFile(path.join(project, "data", "exports", delivery), "utf8"), { columns: true, delimiter: ";", bom: true }) as Record<string, string>[];
      for (const row of rows) latest.set(row.Registratienummer ?? "", { datum: row.Pleegdatum ?? "", klasse: (row["Maatschappelijke klasse"] ?? "").split(" ")[0] ?? "", buurt: row.Buurtcode ?? "" });
    }
    const { classification } = await miniReference();
    const expected = [...latest.values()].filter((row) => row.datum.endsWith("-2025") && row.buurt.startsWith("BU0589") && classification.klasse(row.klasse)?.misdrijf === "J").length;
    expect(expected).toBeGreaterThan(50);
    const html = await readFile(path.join(project, "dist", "tabellenboek", "2025-12", "gm0589-oudewater.html"), "utf8");
    expect(tableRow(html, "misdrijven", "Totaal van de 12 soorten in de gegevens")?.[columnIndex(html, "misdrijven", "2025*")]).toBe(String(expected));
    expect(existsSync(path.join(project, "dist", "tabellenboek", "2025-12", "gm0589-oudewater.pdf"))).toBe(true);
    const index = await readFile(path.join(project, "dist", "index.html"), "utf8");
    expect(index).toContain('href="kwaliteit/2025-12.html"');

    // The gebiedsscan compares with Nederland from the national figures init copied: never "0,0 … 0 soorten".
    const scan = await run("npx", ["--offline", "veiligheidsbeeld", "build", "--report", "gebiedsscan", "--period", "2025", "--no-pdf"], project);
    expect(scan.code, scan.stderr).toBe(0);
    expect(scan.stderr).not.toContain("not found: the comparison with Nederland is left out");
    const oudewater = await readFile(path.join(project, "dist", "gebiedsscan", "2025", "gm0589-oudewater.html"), "utf8");
    const nederland = tableRow(oudewater, "vergelijking", "Totaal van deze 12 soorten")?.[columnIndex(oudewater, "vergelijking", "per 1.000 inw.") + 2];
    expect(nederland).toMatch(/^\d+,\d\*?$/);
    expect(nederland).not.toMatch(/^0,0/);
    expect(oudewater).not.toContain("0 soorten");
  });

  it("makes a project from the real open-data download (--example open-data) whose gebiedsscan shows the file's figures, each level once", async () => {
    const init = await run("npx", ["--offline", "veiligheidsbeeld", "init", "--example", "open-data", "amsterdam"], clone);
    expect(init.code, init.stderr).toBe(0);
    const project = path.join(clone, "amsterdam");
    const download = path.join(project, "data", "exports", "politie-open-data-export-amsterdam-fietsdiefstal.csv");
    // Copied unchanged: the file as the police open-data portal serves it.
    expect(await readFile(download)).toEqual(await readFile(path.join(ROOT, "data", "realdata", "politie-open-data-export-amsterdam-fietsdiefstal.csv")));

    const validate = await run("npx", ["--offline", "veiligheidsbeeld", "validate"], project);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/politie-open-data-export-amsterdam-fietsdiefstal\.csv\s+open-data\s+utf-8/);
    expect(validate.stdout).toContain("rows: 3.140 read, 3.140 used, 0 rejected");

    const build = await run("npx", ["--offline", "veiligheidsbeeld", "build", "--no-pdf"], project);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toContain("read as open-data table (politie/CBS) (1 file)");
    const dir = path.join(project, "dist", "gebiedsscan", "2024");
    const html = await readFile(path.join(dir, "gm0363-amsterdam.html"), "utf8");
    // The gemeente row of the file, not the gemeente + wijken + buurten (35.961), labelled as the one soort it is.
    const total = tableRow(html, "kerncijfers", "Totaal van de 1 soort in de gegevens");
    expect(total?.slice(1, 3)).toEqual(["11.987", "12.323"]);
    expect(html).not.toContain("Alle misdrijven");
    expect(html).not.toContain("35.961");

    // Every wijk and buurt figure is the file's own row (a name a wijk and its buurt share: the wijk has the larger count).
    const rows = parse(await readFile(download, "utf8"), { delimiter: ";", bom: true, from_line: 2 }) as string[][];
    const byName = new Map<string, number[]>();
    for (const [, period, area, count] of rows) if (period === "2024") byName.set(area ?? "", [...(byName.get(area ?? "") ?? []), Number(count)]);
    const check = async (csv: string, pick: (values: number[]) => number): Promise<number> => {
      const table = parse(await readFile(path.join(dir, csv), "utf8"), { delimiter: ";", bom: true, from_line: 2 }) as string[][];
      let checked = 0;
      for (const [name, value] of table) {
        if (name?.startsWith("Totaal")) continue;
        const values = byName.get(name ?? "");
        expect(values, name).toBeDefined();
        expect(Number(value), name).toBe(pick(values ?? []));
        checked++;
      }
      return checked;
    };
    expect(await check("gm0363-amsterdam-wijken.csv", (values) => Math.max(...values))).toBe(110);
    expect(await check("gm0363-amsterdam-buurten.csv", (values) => Math.min(...values))).toBe(10);
  });

  it("links a project made outside the clone to it, so npx runs this installation there too", async () => {
    const init = await run("npx", ["--offline", "veiligheidsbeeld", "init", "../elsewhere"], clone);
    expect(init.code, init.stderr).toBe(0);
    const version = await run("npx", ["--offline", "veiligheidsbeeld", "--version"], path.join(work, "elsewhere"));
    expect(version.code, version.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    const manifest = JSON.parse(await readFile(path.join(work, "elsewhere", "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies).toEqual({ veiligheidsbeeld: "file:../veiligheidsbeeld" });
  });
});
