import { mkdir, readdir, readFile, symlink } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { readConfig } from "../../src/config/read-config.ts";
import { attack } from "../../scripts/attack-disclosure.ts";
import { ROOT, cleanup, tempDir } from "../helpers.ts";

// The public halfjaarcijfers of the demo (H1 and H2 2025) after disclosure control, checked from
// the published files: what a reader of the website and the open data gets.
let outDir: string;
let result: BuildResult;

beforeAll(async () => {
  outDir = await tempDir();
  const config = await readConfig(ROOT);
  result = await build({ config: { ...config, paths: { ...config.paths, output: outDir } }, buildDate: "2026-02-10", reports: ["halfjaarcijfers", "tabellenboek"], pdf: false, log: recordingLog() });
}, 300_000);
afterAll(() => cleanup(outDir));

type Row = Record<string, string>;
const openData = async (edition: string): Promise<Row[]> =>
  parse(await readFile(path.join(outDir, "halfjaarcijfers", edition, `halfjaarcijfers-${edition}.csv`), "utf8"), { columns: true }) as Row[];

describe("disclosure control of the public halfjaarcijfers", () => {
  it("hides small counts and protects them, and the audit passed for both editions", () => {
    const editions = result.disclosure.filter((item) => item.report === "halfjaarcijfers");
    expect(editions.map((item) => item.edition)).toEqual(["2025-h1", "2025-h2"]);
    for (const edition of editions) {
      expect(edition.hidden.klein).toBeGreaterThan(0);
      expect(edition.cells).toBeGreaterThan(edition.hidden.klein);
    }
    // Year = H1 + H2 with H1 already published: the H2 edition needs secondary suppression.
    expect(editions[1]?.hidden.afleidbaar).toBeGreaterThan(0);
  });

  it("publishes no count from 1 to 4 in the open data, and hides every figure derived from a hidden count", async () => {
    for (const edition of ["2025-h1", "2025-h2"]) {
      for (const row of await openData(edition)) {
        for (const column of ["aantal", "aantal_vorig_jaar"]) {
          const value = row[column] ?? "";
          if (value === "" || value === "x") continue;
          expect(Number(value) === 0 || Number(value) >= 5, `${edition} ${row.gemeentecode} ${row.soort_code} ${row.periode_begin} ${column}=${value}`).toBe(true);
        }
        if (row.aantal === "x" && row.aantal_vorig_jaar !== "") {
          expect([row.verschil, row.verschil_procent, row.per_1000_inwoners, row.betekenis]).toEqual(["x", "x", "x", "x"]);
        }
      }
    }
  });

  it("cannot be undone with the year: where H2 is hidden and H1 was published, the year is hidden too", async () => {
    const h1 = new Map((await openData("2025-h1")).filter((row) => row.periode_begin === "2025-01").map((row) => [`${row.gemeentecode}|${row.soort_code}`, row.aantal]));
    const h2rows = await openData("2025-h2");
    const year = new Map(h2rows.filter((row) => row.periode_begin === "2025-01" && row.periode_eind === "2025-12").map((row) => [`${row.gemeentecode}|${row.soort_code}`, row.aantal]));
    let checked = 0;
    for (const row of h2rows.filter((candidate) => candidate.periode_begin === "2025-07" && candidate.aantal === "x")) {
      const key = `${row.gemeentecode}|${row.soort_code}`;
      if (h1.get(key) === undefined || h1.get(key) === "x") continue;
      expect(year.get(key), key).toBe("x");
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("leaves the gezag's tabellenboek alone: small counts and wijk figures stay", async () => {
    const html = await readFile(path.join(outDir, "tabellenboek/2025-12/gm0339-renswoude.html"), "utf8");
    expect(html).toMatch(/>WK\d{6}|Misdrijven per wijk/);
    expect(html).not.toContain("geheim: niet getoond");
    expect(result.disclosure.some((item) => item.report === "tabellenboek")).toBe(false);
  });

  it("has no wijk or buurt anywhere in the public site", async () => {
    const site = path.join(outDir, "halfjaarcijfers");
    for (const entry of await readdir(site, { recursive: true })) {
      if (!/\.(html|csv|json|xml)$/.test(entry)) continue;
      const text = await readFile(path.join(site, entry), "utf8");
      expect(text, entry).not.toMatch(/\b(WK|BU)\d{6,8}\b/);
    }
  });
});

describe("against a reader who knows the method", () => {
  it("leaves the independent attack nothing to place in 1 … 4 or pin, on the demo built in one run", async () => {
    const found = await attack(path.join(outDir, "halfjaarcijfers"), path.join(ROOT, "data/reference/bevolking-gemeente.csv"));
    expect(found.editions).toEqual(["2025-h1", "2025-h2"]);
    expect(found.hidden).toBeGreaterThan(100);
    expect(found.small).toEqual([]);
    expect(found.pinned).toEqual([]);
    expect(found.undecided).toEqual([]);
  }, 120_000);

  it("hides no regional figure on every page", async () => {
    for (const edition of ["2025-h1", "2025-h2"]) {
      const rates = new Map<string, string[]>();
      for (const row of await openData(edition)) {
        if (row.per_1000_inwoners_regio === "") continue;
        const key = `${row.soort_code} ${row.periode_begin}`;
        rates.set(key, [...(rates.get(key) ?? []), row.per_1000_inwoners_regio ?? ""]);
      }
      expect(rates.size).toBeGreaterThan(5);
      for (const [key, values] of rates) expect(values.every((value) => value === "x"), `${edition} ${key}`).toBe(false);
    }
  });

  it("says in words what a page that is mostly x can tell: Renswoude", async () => {
    const html = await readFile(path.join(outDir, "halfjaarcijfers/2025-h2/gm0339-renswoude.html"), "utf8");
    const summary = /class="disclosure-summary">([^<]*)</.exec(html)?.[1] ?? "";
    expect(summary).toMatch(/^In Renswoude zijn de (meeste )?aantallen per soort misdrijf in het 2e halfjaar 2025 te klein om te tonen\. In totaal registreerde de politie er \d+ misdrijven van de 12 soorten in de gegevens[,.]/);
    // A page with figures enough says nothing of the kind.
    expect(await readFile(path.join(outDir, "halfjaarcijfers/2025-h2/gm0344-utrecht.html"), "utf8")).not.toContain("disclosure-summary");
  });
});

describe("the second half year built on its own, half a year after the first went online", () => {
  let twoRuns: string;
  let second: ReturnType<typeof recordingLog>;
  beforeAll(async () => {
    twoRuns = await tempDir();
    const config = await readConfig(ROOT);
    // Run 1, in August 2025: the deliveries up to July, the first half year only.
    const early = path.join(twoRuns, "exports-2025-07");
    await mkdir(early);
    for (const file of await readdir(config.paths.exports)) {
      const month = /(\d{4}-\d{2})\.csv$/.exec(file)?.[1];
      if (month && month <= "2025-07") await symlink(path.join(config.paths.exports, file), path.join(early, file));
    }
    const output = path.join(twoRuns, "dist");
    const paths = { ...config.paths, output, cache: path.join(twoRuns, "cache") };
    await build({ config: { ...config, paths: { ...paths, exports: early } }, buildDate: "2025-08-10", reports: ["halfjaarcijfers"], period: "2025-H1", pdf: false, log: recordingLog() });
    // Run 2, in February 2026: the later deliveries, the second half year only, into the same site.
    second = recordingLog();
    await build({ config: { ...config, paths }, buildDate: "2026-02-10", reports: ["halfjaarcijfers"], period: "2025-H2", pdf: false, log: second });
  }, 300_000);
  afterAll(() => cleanup(twoRuns));

  it("reads what the first half year published from its open data", () => {
    expect(second.lines.some((line) => /disclosure halfjaarcijfers 2025-h2: reads what 2025-h1 published \(\d+ counts, \d+ x's\)/.test(line))).toBe(true);
  });

  it("leaves the independent attack, reading both editions, nothing to place in 1 … 4 or pin", async () => {
    const found = await attack(path.join(twoRuns, "dist", "halfjaarcijfers"), path.join(ROOT, "data/reference/bevolking-gemeente.csv"));
    expect(found.editions).toEqual(["2025-h1", "2025-h2"]);
    expect(found.small).toEqual([]);
    expect(found.pinned).toEqual([]);
  }, 120_000);

  it("hides again every count the first half year hid", async () => {
    const read = async (edition: string): Promise<Row[]> => parse(await readFile(path.join(twoRuns, "dist", "halfjaarcijfers", edition, `halfjaarcijfers-${edition}.csv`), "utf8"), { columns: true }) as Row[];
    const h2 = new Map((await read("2025-h2")).map((row) => [`${row.gemeentecode}|${row.soort_code}|${row.periode_begin}|${row.periode_eind}`, row.aantal]));
    let checked = 0;
    for (const row of await read("2025-h1")) {
      const key = `${row.gemeentecode}|${row.soort_code}|${row.periode_begin}|${row.periode_eind}`;
      if (row.aantal !== "x" || !h2.has(key)) continue;
      expect(h2.get(key), key).toBe("x");
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("rounding to five instead of suppression", () => {
  let rounded: string;
  beforeAll(async () => {
    rounded = await tempDir();
    const config = await readConfig(ROOT);
    await build({
      config: { ...config, disclosure: { ...config.disclosure, method: "round5" }, paths: { ...config.paths, output: rounded } },
      buildDate: "2026-02-10",
      reports: ["halfjaarcijfers"],
      pdf: false,
      log: recordingLog(),
    });
  }, 300_000);
  afterAll(() => cleanup(rounded));

  it("shows every public count as a multiple of 5 and says so under the tables", async () => {
    const rows = parse(await readFile(path.join(rounded, "halfjaarcijfers/2025-h2/halfjaarcijfers-2025-h2.csv"), "utf8"), { columns: true }) as Row[];
    let counted = 0;
    for (const row of rows) {
      if (row.aantal === "" || row.aantal === "x") continue;
      expect(Number(row.aantal) % 5, `${row.gemeentecode} ${row.soort_code} ${row.aantal}`).toBe(0);
      counted++;
    }
    expect(counted).toBeGreaterThan(100);
    const html = await readFile(path.join(rounded, "halfjaarcijfers/2025-h2/gm0339-renswoude.html"), "utf8");
    expect(html).toContain("Aantallen zijn afgerond op vijftallen");
  });
});

