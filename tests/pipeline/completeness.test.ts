import { readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import type { Config } from "../../src/config/normalize-config.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, columnIndex, fixtureConfig, tableRow, tempDir, writeFiles } from "../helpers.ts";

const HEADER = "Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode\n";
const KLASSEN = ["A20", "A72", "F550", "E35"];

/**
 * Monthly deliveries 2024-01 … 2025-12 for Oudewater and Montfoort, 60 registrations a month
 * each, except where `override` says otherwise ("GM0589 2025-10" → 3).
 */
async function writeExports(dir: string, override: Record<string, number> = {}, skip: string[] = [], shape: { perMonth?: number; drop?: (month: string, klasse: string) => boolean } = {}): Promise<void> {
  const files: Record<string, string> = {};
  let number = 0;
  for (let year = 2024; year <= 2025; year++) {
    for (let month = 1; month <= 12; month++) {
      const key = `${year}-${String(month).padStart(2, "0")}`;
      if (skip.includes(key)) continue;
      let text = HEADER;
      for (const [gemeente, buurt] of [
        ["GM0589", "BU05890201"],
        ["GM0335", "BU03350100"],
      ] as const) {
        const count = override[`${gemeente} ${key}`] ?? shape.perMonth ?? 60;
        for (let i = 0; i < count; i++) {
          number++;
          if (shape.drop?.(key, KLASSEN[i % KLASSEN.length] ?? "")) continue;
          text += `PL${number};${String((i % 28) + 1).padStart(2, "0")}-${key.slice(5)}-${year};${KLASSEN[i % KLASSEN.length]};${buurt}\n`;
        }
      }
      files[`bvh-export-${key}.csv`] = text;
    }
  }
  await writeFiles(dir, files);
}

let work: string;
let base: Config;
beforeAll(async () => {
  work = await tempDir();
  base = await fixtureConfig("mini", path.join(work, "dist"));
});
afterAll(() => cleanup(work));

function configFor(name: string): Config {
  return { ...base, paths: { ...base.paths, exports: path.join(work, name, "exports"), output: path.join(work, name, "dist") } };
}

const options = { buildDate: "2026-01-10", reports: ["tabellenboek"], period: "2025-12", pdf: false } as const;

describe("build: missing and partial deliveries", () => {
  it("stops with a message naming area, month and numbers, and writes nothing", async () => {
    await writeExports(path.join(work, "partial", "exports"), { "GM0589 2025-10": 3 });
    const error = await build({ ...options, config: configFor("partial"), log: recordingLog() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("GM0589 Oudewater, oktober 2025: 3 registraties, verwacht ~60 (september 2025 60, november 2025 60, oktober 2024 60)");
    expect((error as UserError).message).not.toContain("GM0335");
    expect((error as UserError).hint).toContain("--allow-incomplete");
    await expect(readdir(path.join(work, "partial", "dist"))).rejects.toThrow();
  });

  it("with --allow-incomplete marks every figure that includes the month onvolledig and withholds % and significance", async () => {
    const log = recordingLog();
    const result = await build({ ...options, config: configFor("partial"), allowIncomplete: true, log });
    expect(result.incomplete.map((finding) => finding.area)).toEqual(["GM0589"]);
    expect(log.warnings.join("\n")).toContain("GM0589 Oudewater, oktober 2025: 3 registraties");
    const read = (name: string) => readFile(path.join(work, "partial", "dist", "tabellenboek", "2025-12", name), "utf8");

    const oudewater = await read("gm0589-oudewater.html");
    const total = tableRow(oudewater, "misdrijven", "Totaal van de 3 soorten in de gegevens") ?? [];
    expect(total[columnIndex(oudewater, "misdrijven", "okt*")]).toBe("3°");
    expect(total[columnIndex(oudewater, "misdrijven", "sep*")]).toBe("45");
    expect(total[columnIndex(oudewater, "misdrijven", "2025*")]).toBe("498°");
    expect(total[columnIndex(oudewater, "misdrijven", "2024")]).toBe("540");
    expect(total[columnIndex(oudewater, "misdrijven", "verschil")]).toBe("−42°");
    expect(total[columnIndex(oudewater, "misdrijven", "%")]).toBe(".");
    expect(total[columnIndex(oudewater, "misdrijven", "significant")]).toBe(".");
    expect(oudewater).toContain("Onvolledige levering");
    expect(oudewater).toContain("GM0589 Oudewater, oktober 2025: 3 registraties, verwacht ~60");

    // Montfoort had its full delivery: its fall-free figures carry no mark, and its significance is judged.
    const montfoort = await read("gm0335-montfoort.html");
    const mont = tableRow(montfoort, "misdrijven", "Totaal van de 3 soorten in de gegevens") ?? [];
    expect(mont[columnIndex(montfoort, "misdrijven", "okt*")]).toBe("45");
    expect(mont[columnIndex(montfoort, "misdrijven", "%")]).toBe("0,0%");
    expect(montfoort).not.toContain("Onvolledige levering");

    // The basisteam covers Oudewater, so its figures for periods with October are marked too.
    const team = await read("bt9901-lopikerwaard-test.html");
    const teamTotal = tableRow(team, "misdrijven", "Totaal van de 3 soorten in de gegevens") ?? [];
    expect(teamTotal[columnIndex(team, "misdrijven", "okt*")]).toBe("48°");
    expect(teamTotal[columnIndex(team, "misdrijven", "significant")]).toBe(".");

    // A second build of the same exports (into another folder, so not up to date) has the judgement
    // from the cache: it warns and marks as the first did.
    const again = recordingLog();
    const partial = configFor("partial");
    const second = await build({ ...options, config: { ...partial, paths: { ...partial.paths, output: path.join(work, "partial", "dist-again") } }, allowIncomplete: true, log: again });
    expect(again.lines.join("\n")).toContain("cube read from");
    expect(second.incomplete).toEqual(result.incomplete);
    expect(again.warnings).toEqual(log.warnings);
  });

  it("stops when a monthly export file is missing and no other file holds that month", async () => {
    await writeExports(path.join(work, "gap", "exports"), {}, ["2025-07"]);
    const error = await build({ ...options, config: configFor("gap"), log: recordingLog() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/juli 2025: 0 registraties, verwacht ~120 .*; geen exportbestand voor 2025-07 \(wel bvh-export-2025-06\.csv en bvh-export-2025-08\.csv\)/);
  });

  it("builds without a word when the deliveries are complete", async () => {
    await writeExports(path.join(work, "complete", "exports"));
    const log = recordingLog();
    const result = await build({ ...options, config: configFor("complete"), log });
    expect(result.incomplete).toEqual([]);
    expect(log.warnings).toEqual([]);
    await rm(path.join(work, "complete"), { recursive: true, force: true });
  });

  it("stops on a delivery cut to 55% of its usual size, which is more than half (Utrecht December 1.101 → 625 was published unmarked)", async () => {
    await writeExports(path.join(work, "cut", "exports"), { "GM0589 2025-12": 220 }, [], { perMonth: 400 });
    const error = await build({ ...options, config: configFor("cut"), log: recordingLog() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("GM0589 Oudewater, december 2025: 220 registraties, verwacht ~400 (november 2025 400, december 2024 400)");
    expect((error as UserError).message).not.toContain("GM0335");
  });

  it("stops on a delivery lacking one soort (all December fietsdiefstal, A72), naming gemeente, soort, month and numbers, though the whole is 75% of usual", async () => {
    await writeExports(path.join(work, "soort", "exports"), {}, [], { perMonth: 400, drop: (month, klasse) => month === "2025-12" && klasse === "A72" });
    const error = await build({ ...options, config: configFor("soort"), log: recordingLog() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toContain("GM0589 Oudewater, 1.2.3 Diefstal van brom-, snor-, fietsen, december 2025: 0 registraties, verwacht ~100 (november 2025 100, december 2024 100)");
    expect(message).toContain("GM0335 Montfoort, 1.2.3 Diefstal van brom-, snor-, fietsen, december 2025: 0 registraties");
    expect(message).not.toMatch(/1\.1\.1|1\.4\.5/);
  });

  it("with --allow-incomplete marks that soort's figures (and the totals over it) and claims no significance on them; the other soorten are judged as usual", async () => {
    const result = await build({ ...options, config: configFor("soort"), allowIncomplete: true, log: recordingLog() });
    expect(result.incomplete.map((finding) => [finding.area ?? "regio", finding.soort])).toEqual([["GM0335", "1.2.3"], ["GM0589", "1.2.3"]]);
    const oudewater = await readFile(path.join(work, "soort", "dist", "tabellenboek", "2025-12", "gm0589-oudewater.html"), "utf8");
    const fiets = tableRow(oudewater, "misdrijven", "1.2.3 Diefstal van brom-, snor-, fietsen") ?? [];
    expect(fiets[columnIndex(oudewater, "misdrijven", "dec*")]).toBe("0°");
    expect(fiets[columnIndex(oudewater, "misdrijven", "%")]).toBe(".");
    expect(fiets[columnIndex(oudewater, "misdrijven", "significant")]).toBe(".");
    const total = tableRow(oudewater, "misdrijven", "Totaal van de 3 soorten in de gegevens") ?? [];
    expect(total[columnIndex(oudewater, "misdrijven", "significant")]).toBe(".");
    const woning = tableRow(oudewater, "misdrijven", "1.1.1 Diefstal/inbraak woning") ?? [];
    expect(woning[columnIndex(oudewater, "misdrijven", "dec*")]).toBe("100");
    expect(woning[columnIndex(oudewater, "misdrijven", "%")]).toBe("0,0%");
  });
});
