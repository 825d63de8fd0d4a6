/**
 * The demo export's contract, checked by reading the files back the way the tool will:
 * `;`-separated with BOM, later delivery wins per registratienummer, klasse → soort through
 * INP-BVH, buurt → gemeente through the area table. The generator runs once (plus once more
 * for the determinism check); every test reads the same set.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BVH_COLUMNS } from "../../scripts/demo-export/bvh-csv.ts";
import {
  DEFAULT_DEMO_OPTIONS,
  demoExportIsCurrent,
  generateDemoExport,
  type DemoExportSummary,
} from "../../scripts/generate-demo-export.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];

function readTable(path: string): Record<string, string>[] {
  return parse(readFileSync(join(ROOT, path)), { columns: true, bom: true });
}

/** klasse code → soort (INP niv3 of a crime klasse) or "incident". */
const soortOf = new Map(readTable("data/reference/inp-bvh-2013.csv").map((r) => [r.maatschappelijke_klasse_code!, r.misdrijf === "J" ? r.niv3_code! : "incident"]));
const gemeenteOfBuurt = new Map(
  readTable("data/reference/gebieden-2024.csv").filter((r) => r.soort === "buurt").map((r) => [r.code!, r.gemeentecode!]),
);
const real = readTable("data/realdata/misdrijven-gemeente-jaar.csv");
const SOORTEN = [...new Set(real.map((r) => r.soort_code!))].sort();
const regionGemeenten = readTable("data/reference/gemeente-provincie.csv")
  .filter((r) => r.provincie === "Utrecht")
  .map((r) => r.gemeentecode!);

interface Row {
  nummer: string;
  pleegmaand: string;
  pleegjaar: number;
  klasse: string;
  gemeente: string;
  buurt: string;
  straat: string;
  huisnummer: string;
  omschrijving: string;
}

let outDir: string;
let secondDir: string;
let summary: DemoExportSummary;
let files: string[];
const deliveries = new Map<string, Row[]>();

/** `2025-03` of `dd-mm-jjjj` */
const monthOf = (date: string) => `${date.slice(6, 10)}-${date.slice(3, 5)}`;

function readDelivery(file: string): Row[] {
  const records: string[][] = parse(readFileSync(join(outDir, file)), { delimiter: ";", bom: true });
  expect(records[0], file).toEqual([...BVH_COLUMNS]);
  const at = (column: (typeof BVH_COLUMNS)[number]): number => BVH_COLUMNS.indexOf(column);
  return records.slice(1).map((r) => ({
    nummer: r[at("Registratienummer")]!,
    pleegmaand: monthOf(r[at("Pleegdatum")]!),
    pleegjaar: Number(r[at("Pleegdatum")]!.slice(6, 10)),
    klasse: r[at("Maatschappelijke klasse")]!.split(" ")[0]!,
    gemeente: r[at("Gemeentecode")]!,
    buurt: r[at("Buurtcode")]!,
    straat: r[at("Straat")]!,
    huisnummer: r[at("Huisnummer")]!,
    omschrijving: r[at("Omschrijving")]!,
  }));
}

/** Final klasse per registratienummer after reading `files` in order (later file wins). */
function latest(upTo: string): Map<string, Row> {
  const result = new Map<string, Row>();
  for (const file of files.filter((f) => f <= upTo)) for (const row of deliveries.get(file)!) result.set(row.nummer, row);
  return result;
}

/** gemeente|jaar|soort → count of the crimes among `rows`. */
function countBySoort(rows: Iterable<Row>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const soort = soortOf.get(row.klasse);
    if (soort === undefined || soort === "incident") continue;
    const key = `${gemeenteOfBuurt.get(row.buurt)}|${row.pleegjaar}|${soort}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "demo-export-"));
  secondDir = mkdtempSync(join(tmpdir(), "demo-export-again-"));
  summary = await generateDemoExport({ outDir });
  files = readdirSync(outDir).filter((f) => f.endsWith(".csv")).sort();
  for (const file of files) deliveries.set(file, readDelivery(file));
});

afterAll(() => {
  for (const dir of [outDir, secondDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("generateDemoExport", () => {
  it("writes one delivery per month 2020-01 … 2026-01 and nothing else but the stamp", () => {
    expect(files).toHaveLength(73);
    expect(files[0]).toBe("bvh-export-2020-01.csv");
    expect(files.at(-1)).toBe("bvh-export-2026-01.csv");
    expect(readdirSync(outDir).filter((f) => !f.endsWith(".csv"))).toEqual([".generator-stamp"]);
  });

  it("writes like a real BVH export: BOM, `;`, CRLF, quoting only where needed", () => {
    const bytes = readFileSync(join(outDir, "bvh-export-2025-06.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n")[0]).toBe("\uFEFF" + BVH_COLUMNS.join(";"));
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(text).toMatch(/\r\nPL0900-2025\d{6};\d\d-06-2025;(?:\d\d:\d\d)?;\d\d-\d\d-2025;/);
    // Quoted fields exist and contain what forces quoting.
    expect(text).toMatch(/;"[^"\r\n]*(;|"")[^\r\n]*"\r\n/);
  });

  it.each([
    ["GM0344", "Utrecht"],
    ["GM0307", "Amersfoort"],
    ["GM0589", "Oudewater"],
  ])("reproduces every real figure 2020–2025 of %s (%s) exactly after deliveries up to 2025-12", (gemeente) => {
    const counts = countBySoort(latest("bvh-export-2025-12.csv").values());
    for (const year of YEARS) {
      for (const soort of SOORTEN) {
        const expected = Number(real.find((r) => r.gemeentecode === gemeente && r.jaar === String(year) && r.soort_code === soort)!.aantal);
        expect(counts.get(`${gemeente}|${year}|${soort}`) ?? 0, `${gemeente} ${year} ${soort}`).toBe(expected);
      }
    }
  });

  it("reproduces the real figures of all 26 gemeenten, and holds no crime of another soort", () => {
    const counts = countBySoort(latest("bvh-export-2025-12.csv").values());
    const expected = new Map(
      real
        .filter((r) => regionGemeenten.includes(r.gemeentecode!) && YEARS.includes(Number(r.jaar)))
        .map((r) => [`${r.gemeentecode}|${r.jaar}|${r.soort_code}`, Number(r.aantal)]),
    );
    expect(regionGemeenten).toHaveLength(26);
    expect(new Map([...counts].filter(([, n]) => n > 0))).toEqual(new Map([...expected].filter(([, n]) => n > 0)));
  });

  it("only writes real INP klassen; incidents are misdrijf = N and a minority", () => {
    const rows = [...latest("bvh-export-2025-12.csv").values()];
    expect(rows.filter((row) => !soortOf.has(row.klasse))).toEqual([]);
    const incidents = rows.filter((row) => soortOf.get(row.klasse) === "incident").length;
    expect(incidents / rows.length).toBeGreaterThan(0.25);
    expect(incidents / rows.length).toBeLessThan(0.32);
    expect(summary.registrationsToLastRealMonth).toBe(rows.length);
  });

  it("keeps gemeente and buurt consistent and fills the columns that must never be published", () => {
    for (const row of deliveries.get("bvh-export-2024-05.csv")!) {
      expect(gemeenteOfBuurt.get(row.buurt)).toBe(row.gemeente);
      expect(row.straat).toMatch(/^[A-Z][a-z]+$/);
      expect(row.huisnummer).toMatch(/^([1-9]\d{0,2})[a-cAB]?$/);
      expect(row.omschrijving.split(" ").length).toBeGreaterThanOrEqual(6);
    }
  });

  it("gives every registratienummer once per delivery, and the same registration in every delivery", () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const [file, rows] of deliveries) {
      const numbers = rows.map((row) => row.nummer);
      expect(new Set(numbers).size, file).toBe(numbers.length);
      for (const row of rows) {
        if (!/^PL0900-\d{10}$/.test(row.nummer) || !row.nummer.startsWith(`PL0900-${row.pleegjaar}`)) {
          problems.push(`${file}: malformed ${row.nummer}`);
        }
        const identity = `${row.pleegmaand}|${row.buurt}|${row.straat}|${row.huisnummer}|${row.omschrijving}`;
        if ((seen.get(row.nummer) ?? identity) !== identity) problems.push(`${file}: ${row.nummer} is another registration`);
        seen.set(row.nummer, identity);
      }
    }
    expect(problems).toEqual([]);
  });

  it("repeats in delivery M exactly the registrations of month M-1, and holds no other month", () => {
    for (let i = 0; i < files.length; i++) {
      const month = files[i]!.slice(11, 18);
      const rows = deliveries.get(files[i]!)!;
      const own = rows.filter((row) => row.pleegmaand === month).map((row) => row.nummer);
      if (i === 0) {
        expect(own).toHaveLength(rows.length);
        continue;
      }
      const previousMonth = files[i - 1]!.slice(11, 18);
      const previous = deliveries.get(files[i - 1]!)!.filter((row) => row.pleegmaand === previousMonth).map((row) => row.nummer);
      const repeated = rows.filter((row) => row.pleegmaand === previousMonth).map((row) => row.nummer);
      expect(repeated, files[i]).toEqual(previous);
      expect(own.length + repeated.length, files[i]).toBe(rows.length);
    }
  });

  it("revises some klassen between every pair of consecutive deliveries, some across soorten", () => {
    let soortChanges = 0;
    for (let i = 1; i < files.length; i++) {
      const before = new Map(deliveries.get(files[i - 1]!)!.map((row) => [row.nummer, row.klasse]));
      const revised = deliveries.get(files[i]!)!.filter((row) => before.has(row.nummer) && before.get(row.nummer) !== row.klasse);
      expect(revised.length, files[i]).toBeGreaterThan(0);
      soortChanges += revised.filter((row) => soortOf.get(row.klasse) !== soortOf.get(before.get(row.nummer)!)).length;
    }
    expect(soortChanges).toBeGreaterThan(100);
    const counted = summary.deliveries.reduce((sum, d) => sum + d.soortChanges, 0);
    expect(soortChanges).toBe(counted);
  });

  it("shows at least 3 provisional klassen per gemeente per year before the final delivery", () => {
    const final = latest("bvh-export-2025-12.csv");
    const revised = new Map<string, number>();
    for (const file of files.filter((f) => f <= "bvh-export-2025-12.csv")) {
      for (const row of deliveries.get(file)!) {
        if (final.get(row.nummer)!.klasse === row.klasse) continue;
        const key = `${row.gemeente}|${row.pleegjaar}`;
        revised.set(key, (revised.get(key) ?? 0) + 1);
      }
    }
    for (const gemeente of regionGemeenten) {
      for (const year of YEARS) expect(revised.get(`${gemeente}|${year}`) ?? 0, `${gemeente} ${year}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("lets the 2026-01 delivery change some 2025 figures, through December 2025 only", () => {
    const before = latest("bvh-export-2025-12.csv");
    const after = latest("bvh-export-2026-01.csv");
    const changed = [...after.values()].filter((row) => before.has(row.nummer) && before.get(row.nummer)!.klasse !== row.klasse);
    expect(changed.length).toBeGreaterThan(5);
    expect(new Set(changed.map((row) => row.pleegmaand))).toEqual(new Set(["2025-12"]));
    const countsBefore = countBySoort(before.values());
    const countsAfter = countBySoort([...after.values()].filter((row) => row.pleegjaar <= 2025));
    const differing = [...new Set([...countsBefore.keys(), ...countsAfter.keys()])].filter(
      (key) => countsBefore.get(key) !== countsAfter.get(key),
    );
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.every((key) => key.includes("|2025|"))).toBe(true);
  });

  it("adds January 2026 registrations only in the last delivery", () => {
    const january = deliveries.get("bvh-export-2026-01.csv")!.filter((row) => row.pleegmaand === "2026-01");
    expect(january.length).toBe(summary.registrationsExtraMonth);
    expect(january.length).toBeGreaterThan(1000);
    expect(january[0]!.nummer).toBe("PL0900-2026000001");
  });

  it("stamps the out dir so callers can skip regeneration", () => {
    expect(demoExportIsCurrent(outDir)).toBe(true);
    expect(demoExportIsCurrent(outDir, { ...DEFAULT_DEMO_OPTIONS, seed: DEFAULT_DEMO_OPTIONS.seed + 1 })).toBe(false);
    expect(demoExportIsCurrent(secondDir + "-missing")).toBe(false);
  });

  it("is deterministic: the same seed gives the same bytes", async () => {
    await generateDemoExport({ outDir: secondDir });
    const hash = (dir: string, file: string) => createHash("sha256").update(readFileSync(join(dir, file))).digest("hex");
    for (const file of ["bvh-export-2020-01.csv", "bvh-export-2023-07.csv", "bvh-export-2026-01.csv", ".generator-stamp"]) {
      expect(hash(secondDir, file), file).toBe(hash(outDir, file));
    }
  });
});
