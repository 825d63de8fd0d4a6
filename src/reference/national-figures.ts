import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { compareInpCodes } from "./inp-order.ts";
import { UserError } from "../user-error.ts";

/**
 * Registered crime in Nederland per CBS soort misdrijf and year, with the inhabitants of
 * Nederland: what an area is compared with per 1.000 inwoners. Summed from the real per-gemeente
 * table (CBS/Politie 47018NED), including the crimes that cannot be assigned to a gemeente (GM0000),
 * so the sum matches the national table.
 */
export interface NationalFigures {
  /** The crime table, relative to the project folder. */
  source: string;
  /** Soort codes with national figures ("1.1.1", …), in code order. */
  soorten: readonly string[];
  /** Registered crimes of a soort in a year; undefined when the table has no figure. */
  count(soort: string, year: number): number | undefined;
  /** Inhabitants of Nederland in a year (the sum over the gemeenten of that year); undefined when unknown. */
  inwoners(year: number): number | undefined;
  /** True when the table marks the year's figures as provisional. */
  voorlopig(year: number): boolean;
}

export interface NationalCrimeRow {
  gemeentecode: string;
  jaar: string;
  soort_code: string;
  aantal: string;
  status?: string;
}

export interface PopulationRow {
  gemeentecode: string;
  jaar: string;
  inwoners: string;
}

/** Sums the per-gemeente rows to Nederland. Pure; rows must hold whole numbers (checked by the loader). */
export function nationalFigures(crime: readonly NationalCrimeRow[], population: readonly PopulationRow[], source: string): NationalFigures {
  const counts = new Map<string, number>();
  const provisional = new Set<number>();
  const soorten = new Set<string>();
  for (const row of crime) {
    const key = `${row.soort_code}|${row.jaar}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(row.aantal));
    soorten.add(row.soort_code);
    if (row.status === "voorlopig") provisional.add(Number(row.jaar));
  }
  const inwoners = new Map<number, number>();
  for (const row of population) inwoners.set(Number(row.jaar), (inwoners.get(Number(row.jaar)) ?? 0) + Number(row.inwoners));
  return {
    source,
    soorten: [...soorten].sort(compareInpCodes),
    count: (soort, year) => counts.get(`${soort}|${year}`),
    inwoners: (year) => inwoners.get(year),
    voorlopig: (year) => provisional.has(year),
  };
}

const CRIME_FILE = "misdrijven-gemeente-jaar.csv";

/** What `loadNationalFigures` needs of the config (a Config has it). */
export interface NationalFiguresSettings {
  /** The project folder: the figures' source is named relative to it. */
  root: string;
  paths: { realdata: string; reference: string };
  reference: { bevolkingGemeente: string };
}

/**
 * Reads `paths.realdata`/misdrijven-gemeente-jaar.csv and the gemeente population table of the
 * reference. Returns undefined when the crime table does not exist (a project without national
 * figures: the comparison then shows the eenheid only). Throws a UserError naming file and line
 * for a row that is not a whole count.
 */
export async function loadNationalFigures(config: NationalFiguresSettings): Promise<NationalFigures | undefined> {
  const crimeFile = path.join(config.paths.realdata, CRIME_FILE);
  let crimeText: string;
  try {
    crimeText = await readFile(crimeFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UserError(`Cannot read ${crimeFile}`, { hint: "Check paths.realdata in the config.", cause: error });
  }
  const populationFile = path.resolve(config.paths.reference, config.reference.bevolkingGemeente);
  const crime = rowsOf<NationalCrimeRow>(crimeFile, crimeText, ["gemeentecode", "jaar", "soort_code", "aantal"]);
  const population = rowsOf<PopulationRow>(populationFile, await readFile(populationFile, "utf8"), ["gemeentecode", "jaar", "inwoners"]);
  checkWhole(crimeFile, crime, "aantal");
  checkWhole(populationFile, population, "inwoners");
  return nationalFigures(crime, population, path.relative(config.root, crimeFile).split(path.sep).join("/"));
}

function rowsOf<Row>(file: string, text: string, columns: readonly string[]): Row[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new UserError(`${file}: ${(error as Error).message}`, { hint: "The table is comma-separated CSV with a header row." });
  }
  const missing = columns.filter((column) => rows.length > 0 && !(column in (rows[0] ?? {})));
  if (missing.length > 0) throw new UserError(`${file}:1: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`, { hint: `The table needs the columns ${columns.join(", ")}.` });
  return rows as Row[];
}

function checkWhole<Row extends object>(file: string, rows: readonly Row[], column: keyof Row & string): void {
  rows.forEach((row, index) => {
    const value = String(row[column] ?? "");
    if (!/^\d+$/.test(value)) {
      throw new UserError(`${file}:${index + 2}: ${column} "${value}" is not a whole number`, { hint: "Correct or remove the row; the table holds counts." });
    }
  });
}
