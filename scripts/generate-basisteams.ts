/**
 * Writes the ILLUSTRATIVE buurt → basisteam mapping `data/reference/basisteams.csv` for the demo
 * region (the 26 gemeenten of provincie Utrecht) from `data/reference/gebieden-2024.csv`; with
 * `--national`, `data/reference/basisteams-nationaal.csv` for every gemeente (about 170 basisteams
 * in the 10 eenheden, see scripts/basisteams/national-indeling.ts).
 *
 *   npx tsx scripts/generate-basisteams.ts [--root <repo>] [--national]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { MIDDEN_NEDERLAND } from "./basisteams/basisteam-indeling.ts";
import { nationalIndeling, type GemeenteInfo, type WijkInfo } from "./basisteams/national-indeling.ts";
import {
  assignBasisteams,
  BASISTEAM_COLUMNS,
  type BasisteamRow,
  type BuurtArea,
} from "./basisteams/assign-basisteams.ts";

const DEFAULT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The provincie whose gemeenten make up the demo region. */
export const DEMO_PROVINCIE = "Utrecht";

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true });
}

/** Gemeentecodes of `provincie` from `data/reference/gemeente-provincie.csv`, sorted. */
export function readProvincieGemeenten(root: string, provincie: string): string[] {
  return readCsv(join(root, "data/reference/gemeente-provincie.csv"))
    .filter((row) => row.provincie === provincie)
    .map((row) => row.gemeentecode ?? "")
    .sort();
}

/** Every buurt of `data/reference/gebieden-2024.csv` with its wijk and gemeente. */
export function readBuurtAreas(root: string): BuurtArea[] {
  return readCsv(join(root, "data/reference/gebieden-2024.csv"))
    .filter((row) => row.soort === "buurt")
    .map((row) => ({
      buurtcode: row.code ?? "",
      wijkcode: row.bovenliggend ?? "",
      gemeentecode: row.gemeentecode ?? "",
    }));
}

/** The basisteam rows for the demo region, read from the reference tables under `root`. */
export function buildBasisteamRows(root: string = DEFAULT_ROOT): BasisteamRow[] {
  const gemeenten = readProvincieGemeenten(root, DEMO_PROVINCIE);
  return assignBasisteams(readBuurtAreas(root), gemeenten, MIDDEN_NEDERLAND);
}

/** The year of the inhabitants the national indeling is cut by. */
const NATIONAL_YEAR = "2024";

/**
 * The basisteam rows for every gemeente (but GM0000 "Gemeente onbekend"), read from the reference
 * tables under `root`: gemeenten, provincies, inhabitants per gemeente and buurt, the eenheden.
 */
export function buildNationalBasisteamRows(root: string = DEFAULT_ROOT): BasisteamRow[] {
  const gebieden = readCsv(join(root, "data/reference/gebieden-2024.csv"));
  const provincie = new Map(readCsv(join(root, "data/reference/gemeente-provincie.csv")).map((row) => [row.gemeentecode ?? "", row.provincie ?? ""]));
  const inwonersGemeente = new Map(
    readCsv(join(root, "data/reference/bevolking-gemeente.csv"))
      .filter((row) => row.jaar === NATIONAL_YEAR)
      .map((row) => [row.gemeentecode ?? "", Number(row.inwoners)]),
  );
  const inwonersBuurt = new Map(readCsv(join(root, "data/reference/bevolking-buurt-2024.csv")).map((row) => [row.buurtcode ?? "", Number(row.inwoners)]));
  const gemeenten: GemeenteInfo[] = gebieden
    .filter((row) => row.soort === "gemeente" && provincie.has(row.code ?? ""))
    .map((row) => ({ code: row.code ?? "", naam: row.naam ?? "", provincie: provincie.get(row.code ?? "") ?? "", inwoners: inwonersGemeente.get(row.code ?? "") ?? 0 }));
  const wijkInwoners = new Map<string, number>();
  for (const row of gebieden.filter((r) => r.soort === "buurt")) {
    wijkInwoners.set(row.bovenliggend ?? "", (wijkInwoners.get(row.bovenliggend ?? "") ?? 0) + (inwonersBuurt.get(row.code ?? "") ?? 0));
  }
  const wijken: WijkInfo[] = gebieden
    .filter((row) => row.soort === "wijk" && wijkInwoners.has(row.code ?? ""))
    .map((row) => ({ code: row.code ?? "", gemeentecode: row.gemeentecode ?? "", inwoners: wijkInwoners.get(row.code ?? "") ?? 0 }));
  const eenheden = new Map(
    readCsv(join(root, "data/reference/regionale-eenheden.csv"))
      .filter((row) => row.code !== "RE99")
      .map((row) => [row.code ?? "", row.naam ?? ""]),
  );
  const buurten = readBuurtAreas(root);
  const rows = nationalIndeling(gemeenten, wijken, eenheden).flatMap((eenheid) => {
    const own = new Set(eenheid.districten.flatMap((d) => d.basisteams.flatMap((t) => [...t.gemeenten, ...t.wijken.map((w) => `GM${w.slice(2, 6)}`)])));
    return assignBasisteams(buurten, [...own], eenheid);
  });
  return rows.sort((a, b) => (a.buurtcode < b.buurtcode ? -1 : a.buurtcode > b.buurtcode ? 1 : 0));
}

/** `basisteams.csv` text: header plus one line per row, LF line ends, quoted only when needed. */
export function formatBasisteamsCsv(rows: readonly BasisteamRow[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = rows.map((row) => BASISTEAM_COLUMNS.map((column) => quote(row[column])).join(","));
  return [BASISTEAM_COLUMNS.join(","), ...lines].join("\n") + "\n";
}

function main(): void {
  const { values } = parseArgs({ options: { root: { type: "string", default: DEFAULT_ROOT }, national: { type: "boolean", default: false } } });
  const root = resolve(values.root);
  const rows = values.national ? buildNationalBasisteamRows(root) : buildBasisteamRows(root);
  const out = join(root, values.national ? "data/reference/basisteams-nationaal.csv" : "data/reference/basisteams.csv");
  writeFileSync(out, formatBasisteamsCsv(rows));
  const teams = new Set(rows.map((row) => row.basisteamcode)).size;
  console.log(`wrote ${out}: ${rows.length} buurten in ${teams} basisteams`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
