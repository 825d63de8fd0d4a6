import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import type { ProvisionRecord } from "../../src/pipeline/provision.ts";
import { readConfig } from "../../src/config/read-config.ts";
import { formatMonth, parseMonth } from "../../src/model/months.ts";
import { ROOT, cleanup, tableRow, tempDir } from "../helpers.ts";
import { validatePackage, type Value } from "./validate-package.ts";

// The demo's recipients (veiligheidsbeeld.config.json): the public halfjaarcijfers built whole
// (both editions), and the tabellenboek 2025-12 of Utrecht for the gemeente (gezag).
let outDir: string;

beforeAll(async () => {
  outDir = await tempDir("vb-deliver-demo-");
  const read = await readConfig(ROOT);
  const config = { ...read, paths: { ...read.paths, output: outDir } };
  await build({ config, buildDate: "2026-02-10", reports: ["halfjaarcijfers"], pdf: false, log: recordingLog() });
  await build({ config, buildDate: "2026-02-10", reports: ["tabellenboek"], period: "2025-12", areas: ["GM0344"], pdf: false, log: recordingLog() });
}, 600_000);
afterAll(() => cleanup(outDir));

const packageFolder = (recipient: string, name: string): string => path.join(outDir, "leveringen", recipient, name);
type Row = Record<string, Value>;
const figures = async (recipient: string, name: string): Promise<Row[]> => (await validatePackage(packageFolder(recipient, name))).rows.get("cijfers") ?? [];

/** The open data of a public edition as (area|period|category|measure) → the text shown. */
async function openData(edition: string): Promise<Map<string, string>> {
  const rows = parse(await readFile(path.join(outDir, "halfjaarcijfers", edition, `halfjaarcijfers-${edition}.csv`), "utf8"), { columns: true }) as Record<string, string>[];
  const shown = new Map<string, string>();
  const period = (first: string, last: string, shift = 0): string => {
    const a = formatMonth((parseMonth(first) as number) + shift);
    const b = formatMonth((parseMonth(last) as number) + shift);
    return a === b ? a : `${a}/${b}`;
  };
  for (const row of rows) {
    const at = (measure: string, shift = 0): string => `${row.gemeentecode}|${period(row.periode_begin ?? "", row.periode_eind ?? "", shift)}|soort:${row.soort_code}|${measure}`;
    shown.set(at("aantal"), row.aantal ?? "");
    if (row.aantal_vorig_jaar) shown.set(at("aantal", -12), row.aantal_vorig_jaar);
    const derived: [string, string | undefined][] = [
      ["verschil_vorig_jaar", row.verschil],
      ["verschil_vorig_jaar_procent", row.verschil_procent],
      ["betekenis_vorig_jaar", row.betekenis === "stijging" ? "1" : row.betekenis === "daling" ? "-1" : row.betekenis === "geen significante verandering" ? "0" : row.betekenis],
      ["per_1000_inwoners", row.per_1000_inwoners],
      ["per_1000_inwoners_regio", row.per_1000_inwoners_regio],
    ];
    // The series rows (one period each) have only a count.
    if (row.aantal_vorig_jaar !== "" || row.verschil !== "") for (const [measure, text] of derived) shown.set(at(measure), text ?? "");
  }
  return shown;
}

/**
 * What a gemeente page's series table (verloop) shows for a half year: the open-data CSV of an H2
 * edition leaves out the series' first half of the year, whose first month it shares with the
 * whole year's row (openDataCsv keys its rows by the first month only), but the page shows it.
 */
async function seriesShows(edition: string, row: Row): Promise<string | undefined> {
  const folder = path.join(outDir, "halfjaarcijfers", edition);
  const page = (await readdir(folder)).find((name) => name.startsWith(`${String(row.area).toLowerCase()}-`));
  const html = await readFile(path.join(folder, page ?? ""), "utf8");
  const rows = parse(await readFile(path.join(folder, `halfjaarcijfers-${edition}.csv`), "utf8"), { columns: true }) as Record<string, string>[];
  const label = rows.find((candidate) => candidate.gemeentecode === row.area && `soort:${candidate.soort_code}` === row.category && candidate.aantal_vorig_jaar === "")?.soort;
  const [first] = String(row.period).split("/");
  const half = `${first?.endsWith("-01") ? "1e" : "2e"} halfjaar ${first?.slice(0, 4)}`;
  const table = /<table[^>]*id="tabel-verloop"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  const headers = [...(/<thead>[\s\S]*?<\/thead>/.exec(table)?.[0] ?? "").matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((match) => (match[1] ?? "").replace(/\*$/, ""));
  const cell = label ? tableRow(html, "verloop", label)?.[headers.indexOf(half)] : undefined;
  return cell === undefined ? undefined : cell === "x" ? "x" : String(Number(cell.replace(/\./g, "")));
}

/** A package figure as the open data writes it: the number, x, or empty. */
function asShown(row: Row): string {
  if (row.status === "x") return "x";
  if (row.value === null) return "";
  return String(row.value);
}

/** "11.10" and "11.1" are one number. */
function asNumber(text: string): string {
  return /^-?\d/.test(text) ? String(Number(text)) : text;
}

describe("the demo's data packages", () => {
  it("are written for each recipient and edition it may receive, and every one is valid", async () => {
    const folders: string[] = [];
    for (const recipient of await readdir(path.join(outDir, "leveringen"))) for (const name of await readdir(path.join(outDir, "leveringen", recipient))) folders.push(`${recipient}/${name}`);
    expect(folders.sort()).toEqual([
      "dashboard-provincie/halfjaarcijfers-2025-h1-dashboard-provincie",
      "dashboard-provincie/halfjaarcijfers-2025-h2-dashboard-provincie",
      "gemeente-utrecht/halfjaarcijfers-2025-h1-gemeente-utrecht",
      "gemeente-utrecht/halfjaarcijfers-2025-h2-gemeente-utrecht",
      "gemeente-utrecht/tabellenboek-2025-12-gemeente-utrecht",
    ]);
    for (const folder of folders) await validatePackage(path.join(outDir, "leveringen", folder));
  });

  it("give a public recipient nothing the public site does not show, and everything it shows", async () => {
    for (const edition of ["2025-h1", "2025-h2"]) {
      const shown = await openData(edition);
      const rows = await figures("dashboard-provincie", `halfjaarcijfers-${edition}-dashboard-provincie`);
      expect(rows.length).toBeGreaterThan(26 * 20);
      const hidden = rows.filter((row) => row.status === "x");
      expect(hidden.length, "the demo hides small counts").toBeGreaterThan(10);
      for (const row of rows) {
        expect(String(row.area), "gemeenten only").toMatch(/^GM\d{4}$/);
        const key = `${row.area}|${row.period}|${row.category}|${row.measure}`;
        const text = shown.has(key) ? asNumber(shown.get(key) ?? "") : row.measure === "aantal" ? await seriesShows(edition, row) : undefined;
        expect(text, `${key} is not on the public site`).toBeDefined();
        expect(asShown(row), key).toBe(text);
      }
      // Every figure of the open data is in the package.
      const keys = new Set(rows.map((row) => `${row.area}|${row.period}|${row.category}|${row.measure}`));
      for (const key of shown.keys()) expect(keys.has(key), `${key} missing from the package`).toBe(true);
    }
  });

  it("give the gezag recipient Utrecht's tabellenboek figures as its page's tables show them", async () => {
    const rows = await figures("gemeente-utrecht", "tabellenboek-2025-12-gemeente-utrecht");
    const value = (period: string, category: string, measure: string): Value | undefined => rows.find((row) => row.area === "GM0344" && row.period === period && row.category === category && row.measure === measure)?.value;
    const csv = parse(await readFile(path.join(outDir, "tabellenboek/2025-12/gm0344-utrecht-misdrijven.csv"), "utf8"), { delimiter: ";", bom: true }) as string[][];
    const header = csv[0] ?? [];
    const current = header.indexOf("januari t/m december 2025*");
    const previous = header.indexOf("januari t/m december 2024*");
    const december = header.findIndex((heading) => /^2025 dec/.test(heading));
    expect([current, previous, december].every((index) => index > 0)).toBe(true);
    let compared = 0;
    for (const line of csv.slice(1)) {
      const code = /^(\d+(?:\.\d+)*) /.exec(line[0] ?? "")?.[1];
      const category = code ? `J:${code}` : "J";
      expect(value("2025-01/2025-12", category, "aantal"), `${line[0]} 2025`).toBe(Number(line[current]));
      expect(value("2024-01/2024-12", category, "aantal"), `${line[0]} 2024`).toBe(Number(line[previous]));
      expect(value("2025-12", category, "aantal"), `${line[0]} december`).toBe(Number(line[december]));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    // The gemeente's page has a table by wijk: the package has those wijken too; no other gemeente.
    expect(rows.some((row) => String(row.area).startsWith("WK0344"))).toBe(true);
    expect(rows.some((row) => /^GM(?!0344)/.test(String(row.area)))).toBe(false);
  });

  it("are beside a JSON API with the same figures per area", async () => {
    const api = JSON.parse(await readFile(path.join(outDir, "halfjaarcijfers/2025-h1/api/GM0344.json"), "utf8")) as { figures: { area: string; period: string; category: string; measure: string; value: number | null; status: string }[] };
    const rows = (await figures("dashboard-provincie", "halfjaarcijfers-2025-h1-dashboard-provincie")).filter((row) => row.area === "GM0344");
    expect(api.figures.map((figure) => [figure.period, figure.category, figure.measure, figure.value, figure.status || null])).toEqual(rows.map((row) => [row.period, row.category, row.measure, row.value, row.status]));
  });

  it("are listed in the record of provision with each file's hash, to their recipient", async () => {
    const record = JSON.parse(await readFile(path.join(outDir, "verstrekkingen", "2026-02-10.json"), "utf8")) as ProvisionRecord;
    const files = record.files.filter((file) => file.path.startsWith("leveringen/"));
    expect(files).toHaveLength(5 * 5);
    for (const file of files) {
      const recipient = file.path.split("/")[1];
      expect(file.audience, file.path).toBe(recipient === "dashboard-provincie" ? "public" : "gezag");
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      // The halfjaarcijfers passed disclosure control, for the gemeente as for the dashboard; the tabellenboek did not.
      const disclosure = file.disclosure;
      if (file.report === "halfjaarcijfers") expect(disclosure.applied && (recipient !== "dashboard-provincie" || disclosure.suppressedCells > 0), file.path).toBe(true);
      else expect(disclosure.applied, file.path).toBe(false);
    }
  });
});
