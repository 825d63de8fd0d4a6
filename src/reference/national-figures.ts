import { access } from "node:fs/promises";
import path from "node:path";
import { compareInpCodes } from "./inp-order.ts";
import { makeEveryTime, readTable, type Keeper, type TableRow } from "./csv-table.ts";
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
  return figuresOf(nationalSums(crime, population, source));
}

/** The national figures as data (what the cache keeps of them). */
interface NationalSums {
  source: string;
  soorten: string[];
  /** "soort|jaar" → registered crimes. */
  counts: Map<string, number>;
  provisional: number[];
  inwoners: Map<number, number>;
}

function nationalSums(crime: readonly NationalCrimeRow[], population: readonly PopulationRow[], source: string): NationalSums {
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
  return { source, soorten: [...soorten].sort(compareInpCodes), counts, provisional: [...provisional], inwoners };
}

function figuresOf(sums: NationalSums): NationalFigures {
  const provisional = new Set(sums.provisional);
  return {
    source: sums.source,
    soorten: sums.soorten,
    count: (soort, year) => sums.counts.get(`${soort}|${year}`),
    inwoners: (year) => sums.inwoners.get(year),
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
export async function loadNationalFigures(config: NationalFiguresSettings, keep: Keeper = makeEveryTime): Promise<NationalFigures | undefined> {
  const crimeFile = path.join(config.paths.realdata, CRIME_FILE);
  const missing = await access(crimeFile).then(() => false, (error: NodeJS.ErrnoException) => error.code === "ENOENT");
  if (missing) return undefined;
  const populationFile = path.resolve(config.paths.reference, config.reference.bevolkingGemeente);
  const source = path.relative(config.root, crimeFile).split(path.sep).join("/");
  // Kept summed (the sums of 57,000 rows are a few thousand numbers), under the name of the source.
  const sums = await keep(`national figures as ${source}`, [crimeFile, populationFile], async () => {
    const settings = { tables: keep, hint: "The table is comma-separated CSV with a header row.", readHint: "Check paths.realdata and reference.bevolkingGemeente in the config." };
    const crime = checkWhole(crimeFile, await readTable(crimeFile, ["gemeentecode", "jaar", "soort_code", "aantal"], settings), "aantal");
    const population = checkWhole(populationFile, await readTable(populationFile, ["gemeentecode", "jaar", "inwoners"], settings), "inwoners");
    return nationalSums(crime as unknown as NationalCrimeRow[], population as unknown as PopulationRow[], source);
  });
  return figuresOf(sums);
}

/** `rows`, when every value of `column` is a whole number; a UserError naming file and line otherwise. */
function checkWhole(file: string, rows: TableRow[], column: string): TableRow[] {
  rows.forEach((row, index) => {
    const value = row[column] ?? "";
    if (!/^\d+$/.test(value)) {
      throw new UserError(`${file}:${index + 2}: ${column} "${value}" is not a whole number`, { hint: "Correct or remove the row; the table holds counts." });
    }
  });
  return rows;
}
