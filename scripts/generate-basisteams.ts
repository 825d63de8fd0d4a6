/**
 * Writes the ILLUSTRATIVE buurt → basisteam mapping `data/reference/basisteams.csv` for the demo
 * region (the 26 gemeenten of provincie Utrecht) from `data/reference/gebieden-2024.csv`.
 *
 *   npx tsx scripts/generate-basisteams.ts [--root <repo>]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { MIDDEN_NEDERLAND } from "./basisteams/basisteam-indeling.ts";
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

/** `basisteams.csv` text: header plus one line per row, LF line ends, quoted only when needed. */
export function formatBasisteamsCsv(rows: readonly BasisteamRow[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = rows.map((row) => BASISTEAM_COLUMNS.map((column) => quote(row[column])).join(","));
  return [BASISTEAM_COLUMNS.join(","), ...lines].join("\n") + "\n";
}

function main(): void {
  const { values } = parseArgs({ options: { root: { type: "string", default: DEFAULT_ROOT } } });
  const root = resolve(values.root);
  const rows = buildBasisteamRows(root);
  const out = join(root, "data/reference/basisteams.csv");
  writeFileSync(out, formatBasisteamsCsv(rows));
  const teams = new Set(rows.map((row) => row.basisteamcode)).size;
  console.log(`wrote ${out}: ${rows.length} buurten in ${teams} basisteams`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
