import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.ts";
import { listExports } from "../../src/ingest/list-exports.ts";
import { categoryKeys } from "../../src/model/categories.ts";
import { monthOf } from "../../src/model/months.ts";
import { rollup } from "../../src/model/rollup.ts";
import { Herindelingen, type HerindelingRow } from "../../src/reference/herindelingen.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { UserError } from "../../src/user-error.ts";
import { ROOT, cleanup, miniReference, tempDir, testConfig, writeFiles } from "../helpers.ts";

let reference: Reference;
let rows: HerindelingRow[];
/** Inhabitants per gemeentecode and year (CBS 70072ned, including historic codes). */
const population = new Map<string, Map<number, number>>();

beforeAll(async () => {
  reference = await miniReference();
  rows = parse(await readFile(path.join(ROOT, "data/reference/gemeente-herindelingen.csv"), "utf8"), { columns: true }) as HerindelingRow[];
  const bevolking = parse(await readFile(path.join(ROOT, "data/reference/bevolking-gemeente.csv"), "utf8"), { columns: true }) as Record<string, string>[];
  for (const row of bevolking) {
    const years = population.get(row.gemeentecode ?? "") ?? new Map<number, number>();
    years.set(Number(row.jaar), Number(row.inwoners));
    population.set(row.gemeentecode ?? "", years);
  }
});

const isCurrent = (code: string): boolean => reference.areas.get(code)?.level === "gemeente";

/** Gemeenten that were split over several others: folding them into one would put registrations in the wrong gemeente. */
const SPLIT = ["GM0055", "GM0140", "GM1671", "GM0053", "GM0788"]; // Boarnsterhim, Littenseradiel, Maasdonk, Winsum, Haaren

describe("gemeente-herindelingen.csv", () => {
  it("folds a historic gemeentecode to the current gemeente, through later mergers", () => {
    const { herindelingen } = reference;
    expect(herindelingen.currentOf("GM0457")).toBe("GM0363"); // Weesp → Amsterdam (2022-03-24)
    for (const code of ["GM0501", "GM0530", "GM0614"]) expect(herindelingen.currentOf(code)).toBe("GM1992"); // → Voorne aan Zee (2023)
    expect(herindelingen.currentOf("GM0693")).toBe("GM1978"); // Graafstroom → Molenwaard (2013) → Molenlanden (2019)
    expect(herindelingen.currentOf("GM0051")).toBe("GM1940"); // Skarsterlân → De Friese Meren (2014) → De Fryske Marren (2016)
    expect(herindelingen.currentOf("GM0620")).toBe("GM1961"); // Vianen → Vijfheerenlanden (2019), in the demo region
    expect(herindelingen.currentOf("GM0344")).toBeUndefined();
  });

  it("holds only mergers that the CBS population figures confirm: the old gemeenten end the year before, and their inhabitants reappear in the new one", () => {
    const groups = new Map<string, HerindelingRow[]>();
    for (const row of rows) {
      const key = `${row.nieuwe_code} ${row.datum}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const [key, group] of groups) {
      const year = Number(key.slice(7, 11));
      const target = population.get(group[0]?.nieuwe_code ?? "");
      let old = 0;
      for (const row of group) {
        const years = population.get(row.oude_code);
        expect(years, row.oude_code).toBeDefined();
        const last = Math.max(...(years?.keys() ?? []));
        // Population is counted on 1 January: a merger on 1 January of Y ends the old series in Y − 1; Weesp (24 March 2022) in 2022.
        expect(last, `${row.oude_code} ${row.oude_naam}`).toBe(row.datum.endsWith("-01-01") ? year - 1 : year);
        old += years?.get(year - 1) ?? 0;
      }
      const before = target?.get(year - 1);
      const after = target?.get(year) ?? 0;
      // The merged gemeente gained the old ones' inhabitants: at least 97% of them (people move), and at most all of
      // them plus any gemeente split up in the same year (Het Hogeland also took most of Winsum), 3% growth, and for
      // an existing gemeente 2% growth of its own.
      const gained = before === undefined ? after : after - before;
      const splitThen = SPLIT.reduce((sum, code) => sum + (population.get(code)?.get(year - 1) ?? 0) * (population.get(code)?.has(year) ? 0 : 1), 0);
      const label = `${key}: ${group.map((row) => row.oude_naam).join(", ")}`;
      expect(gained, label).toBeGreaterThan(0.97 * old);
      expect(gained, label).toBeLessThan(1.03 * (old + splitThen) + 0.02 * (before ?? 0));
    }
  });

  it("accounts for every historic code in the population table: merged (in the table) or split (deliberately not)", () => {
    const historic = [...population.keys()].filter((code) => !isCurrent(code)).sort();
    const listed = new Set(rows.map((row) => row.oude_code));
    expect(historic.filter((code) => !listed.has(code)).sort()).toEqual([...SPLIT].sort());
    for (const code of SPLIT) expect(reference.herindelingen.currentOf(code)).toBeUndefined();
  });

  it("refuses a broken table with file:line: an unknown target, a current gemeente as old code, a cycle, a bad date", () => {
    const row = (oude: string, nieuwe: string, datum = "2020-01-01"): HerindelingRow => ({ oude_code: oude, oude_naam: "x", nieuwe_code: nieuwe, nieuwe_naam: "y", datum });
    const build = (table: HerindelingRow[]) => () => new Herindelingen(table, isCurrent, "h.csv");
    expect(build([row("GM0457", "GM9999")])).toThrow(/^h\.csv:2: GM0457 → GM9999: GM9999 is neither a current gemeente nor merged further/);
    expect(build([row("GM0457", "GM0363"), row("GM0344", "GM0363")])).toThrow(/^h\.csv:3: GM0344 is a gemeente of the current indeling/);
    expect(build([row("GM0457", "GM0501"), row("GM0501", "GM0457")])).toThrow(/cycle/);
    expect(build([row("GM0457", "GM0363", "24-03-2022")])).toThrow(/^h\.csv:2: datum "24-03-2022" is not a date/);
    expect(build([row("GM0457", "GM0363")])).not.toThrow();
    expect(build([row("GM457", "GM0363")])).toThrow(UserError);
  });
});

describe("folding historic gemeentecodes in aggregated inputs", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => cleanup(dir));

  it("counts Weesp (GM0457) rows of 2021 under Amsterdam (GM0363), together with Amsterdam's own rows", async () => {
    await writeFiles(dir, {
      "aantallen-2022-12.csv": [
        "gemeentecode;maand;klasse;aantal",
        "GM0457;2021-06;A20;7",
        "GM0363;2021-06;A20;100",
        "GM0457;2021-07;A72;5",
        "GM0363;2022-06;A20;110",
        "GM0501;2022-05;A20;4",
        "GM0530;2022-05;A20;9",
        "GM0614;2022-05;A20;2",
        "",
      ].join("\n"),
    });
    const { cube, report } = await ingest(await listExports(dir), { reference, columns: testConfig().columns, lastPlausibleMonth: monthOf(2026, 1), earliestYear: 2010 });
    expect(report.rowsRejected).toBe(0);
    expect(cube.areas).toEqual(["GM0363", "GM1992"]);
    const counts = rollup(cube, (area) => reference.areas.ancestorAt(area, "gemeente"), (code) => {
      const klasse = reference.classification.klasse(code);
      return klasse ? categoryKeys(klasse) : [];
    });
    expect(counts.count("GM0363", "klasse:A20", monthOf(2021, 6))).toBe(107);
    expect(counts.count("GM0363", "J", monthOf(2021, 7))).toBe(5);
    expect(counts.sum("GM0363", "J", monthOf(2021, 1), monthOf(2022, 12))).toBe(222);
    expect(counts.count("GM1992", "J", monthOf(2022, 5))).toBe(15);
  });

  it("lets a later delivery restated to current boundaries replace the folded counts of an earlier one", async () => {
    const folder = path.join(dir, "restated");
    await writeFiles(folder, {
      "aantallen-2021-12.csv": "gemeentecode;maand;klasse;aantal\nGM0457;2021-06;A20;7\nGM0363;2021-06;A20;100\n",
      "aantallen-2022-12.csv": "gemeentecode;maand;klasse;aantal\nGM0363;2021-06;A20;108\n",
    });
    const { cube } = await ingest(await listExports(folder), { reference, columns: testConfig().columns, lastPlausibleMonth: monthOf(2026, 1), earliestYear: 2010 });
    expect([...cube.cellCount]).toEqual([108]);
  });

  it("still rejects a gemeente that was split, naming the file and line", async () => {
    const folder = path.join(dir, "split");
    await writeFiles(folder, { "aantallen-2020-12.csv": "gemeentecode;maand;klasse;aantal\nGM0788;2020-06;A20;3\n" });
    const { report } = await ingest(await listExports(folder), { reference, columns: testConfig().columns, lastPlausibleMonth: monthOf(2026, 1), earliestYear: 2010 });
    expect(report.rejections["unknown-area"]?.examples[0]).toMatchObject({ file: "aantallen-2020-12.csv", line: 2 });
  });
});
