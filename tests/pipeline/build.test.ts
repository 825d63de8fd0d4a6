import { execFileSync } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, columnIndex, fixtureConfig, tableRow, tempDir, writeFiles } from "../helpers.ts";

let outDir: string;
let work: string;

beforeAll(async () => {
  work = await tempDir();
  outDir = path.join(work, "dist");
  const config = await fixtureConfig("mini", outDir);
  await build({ config, buildDate: "2026-01-10", log: recordingLog() });
});
afterAll(() => cleanup(work));

const page = (name: string): Promise<string> => readFile(path.join(outDir, "tabellenboek", "2025-12", name), "utf8");

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("build of the mini fixture (Montfoort and Oudewater, one basisteam)", () => {
  it("writes an index and, per gemeente, basisteam, district and eenheid, an HTML page, a PDF, an XLSX and a CSV per table", async () => {
    const files = (await listFiles(outDir)).map((file) => path.relative(outDir, file)).filter((file) => !file.startsWith("assets"));
    const pages = files.filter((file) => /\.(html|pdf|xlsx)$/.test(file)).sort();
    const areas = ["bt9901-lopikerwaard-test", "ds9901-west-test", "gm0335-montfoort", "gm0589-oudewater", "re03-midden-nederland"];
    expect(pages).toEqual(
      ["index.html", "kwaliteit/2025-12.html", "tabellenboek/2025-12/index.html", "verstrekkingen/2026-01-10.html", ...areas.flatMap((slug) => ["html", "pdf", "xlsx"].map((ext) => `tabellenboek/2025-12/${slug}.${ext}`))].sort(),
    );
    expect(files).toContain("tabellenboek/2025-12/gm0589-oudewater-misdrijven.csv");
    expect(files).toContain("tabellenboek/2025-12/gm0589-oudewater-wijken.csv");
    expect(files).not.toContain("tabellenboek/2025-12/bt9901-lopikerwaard-test-wijken.csv");
  });

  it("shows year-to-date counts against last year, with the revision of the later delivery applied", async () => {
    const oudewater = await page("gm0589-oudewater.html");
    const total = tableRow(oudewater, "misdrijven", "Totaal van de 5 soorten in de gegevens");
    expect(total?.[columnIndex(oudewater, "misdrijven", "2025*")]).toBe("4");
    expect(total?.[columnIndex(oudewater, "misdrijven", "2024")]).toBe("3");
    expect(total?.[columnIndex(oudewater, "misdrijven", "verschil")]).toBe("+1");
    // CBS: "." for a percentage on too small a base ("–" would read as nihil).
    expect(total?.[columnIndex(oudewater, "misdrijven", "%")]).toBe(".");
    expect(tableRow(oudewater, "misdrijven", "1.1.1 Diefstal/inbraak woning")?.slice(1, 2)).toEqual(["1"]);

    // PL…0004 was F550 (mishandeling) in the november delivery and F530 (bedreiging) in december.
    const montfoort = await page("gm0335-montfoort.html");
    expect(tableRow(montfoort, "misdrijven", "1.4.4 Bedreiging")?.[columnIndex(montfoort, "misdrijven", "nov*")]).toBe("1");
    expect(tableRow(montfoort, "misdrijven", "1.4.5 Mishandeling")).toBeUndefined();
    expect(tableRow(montfoort, "incidenten", "Totaal incidenten en overlast")?.[columnIndex(montfoort, "incidenten", "2025*")]).toBe("1");

    const team = await page("bt9901-lopikerwaard-test.html");
    const teamTotal = tableRow(team, "misdrijven", "Totaal van de 5 soorten in de gegevens");
    expect(teamTotal?.[columnIndex(team, "misdrijven", "2025*")]).toBe("6");
    expect(teamTotal?.[columnIndex(team, "misdrijven", "2024")]).toBe("4");
  });

  it("prints PDFs that open, are tagged, and carry the page title", async () => {
    const info = execFileSync("pdfinfo", [path.join(outDir, "tabellenboek", "2025-12", "gm0589-oudewater.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/Title:\s+Tabellenboek Oudewater — december 2025/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    const text = execFileSync("pdftotext", ["-layout", path.join(outDir, "tabellenboek", "2025-12", "gm0589-oudewater.pdf"), "-"], { encoding: "utf8" });
    expect(text).toMatch(/pagina 1 van \d/);
    expect(text).toContain("Vertrouwelijk — uitsluitend bestemd voor het gezag");
    expect(text).toContain("Totaal van de 5 soorten in de gegevens");
  });

  it("lets no value of straat, omschrijving or registratienummer reach any output file", async () => {
    const markers = ["CANARY", "PL0900", "puntkomma"];
    for (const file of await listFiles(outDir)) {
      const content = file.endsWith(".pdf")
        ? execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })
        : file.endsWith(".woff2")
          ? ""
          : await readFile(file, "utf8");
      for (const marker of markers) expect(content, `${marker} in ${file}`).not.toContain(marker);
    }
  });

  it("leaves the previous output untouched when a build fails", async () => {
    const before = (await stat(path.join(outDir, "index.html"))).mtimeMs;
    const config = await fixtureConfig("mini", outDir);
    const broken = path.join(work, "broken-exports");
    await writeFiles(broken, { "bvh-export-2025-12.csv": "Registratienummer;Pleegdatum\nPL1;01-01-2025\n" });
    const error = await build({ config: { ...config, paths: { ...config.paths, exports: broken } }, buildDate: "2026-01-10", log: recordingLog() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((await stat(path.join(outDir, "index.html"))).mtimeMs).toBe(before);
    expect((await readdir(work)).filter((name) => name.includes("staging"))).toEqual([]);
  });
});
