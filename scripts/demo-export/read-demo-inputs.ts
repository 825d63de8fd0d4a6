/** Reads the real public tables the demo export is built from (the only IO of the planning side). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

export interface DemoBuurt {
  readonly buurtcode: string;
  readonly wijkcode: string;
  readonly gemeentecode: string;
  /** Inhabitants in 2024 (CBS); 0 when CBS reports none or the buurt is missing from the table. */
  readonly inwoners: number;
}

/** Registered crimes of one soort in one gemeente and year (politie open data). */
export interface CrimeCount {
  readonly gemeentecode: string;
  readonly jaar: number;
  readonly soort: string;
  readonly aantal: number;
}

/** One maatschappelijke klasse of the INP-BVH classification. */
export interface InpKlasse {
  readonly code: string;
  /** As in the table, upper case: `DIEFSTAL FIETS`. */
  readonly naam: string;
  readonly niv3: string;
  readonly misdrijf: boolean;
}

/** Registered crimes in Nederland of one soort in one month. */
export interface MonthlyCount {
  readonly year: number;
  readonly month: number;
  readonly soort: string;
  readonly aantal: number;
}

export interface DemoInputs {
  /** gemeentecode → provincie */
  readonly provincies: ReadonlyMap<string, string>;
  readonly buurten: readonly DemoBuurt[];
  readonly crime: readonly CrimeCount[];
  readonly inp: readonly InpKlasse[];
  /** soort code → the klasse codes CBS/politie count under it (`soort-misdrijf.csv`). */
  readonly soortKlassen: ReadonlyMap<string, readonly string[]>;
  readonly nationalMonthly: readonly MonthlyCount[];
}

/** The input files, relative to the repository root; the generator stamp hashes exactly these. */
export const DEMO_INPUT_FILES = [
  "data/reference/gemeente-provincie.csv",
  "data/reference/gebieden-2024.csv",
  "data/reference/bevolking-buurt-2024.csv",
  "data/reference/inp-bvh-2013.csv",
  "data/reference/soort-misdrijf.csv",
  "data/realdata/misdrijven-gemeente-jaar.csv",
  "data/realdata/misdrijven-nederland-maand.csv",
] as const;

type InputFile = (typeof DEMO_INPUT_FILES)[number];

/** Rows as records; `line` is the 1-based line in the file, for error messages. */
function readTable(root: string, file: InputFile): { row: Record<string, string>; line: number }[] {
  const records: Record<string, string>[] = parse(readFileSync(join(root, file)), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
  // The header is line 1 and none of these tables has quoted line breaks.
  return records.map((row, i) => ({ row, line: i + 2 }));
}

function field(file: string, line: number, row: Record<string, string>, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`${file}:${line}: column "${name}" is missing`);
  return value;
}

function count(file: string, line: number, row: Record<string, string>, name: string): number {
  const text = field(file, line, row, name);
  const value = Number(text);
  if (text === "" || !Number.isInteger(value) || value < 0) {
    throw new Error(`${file}:${line}: "${name}" is not a count: "${text}"`);
  }
  return value;
}

/** Reads and checks every table of {@link DEMO_INPUT_FILES} under `root`. */
export function readDemoInputs(root: string): DemoInputs {
  const [provincieFile, gebiedenFile, bevolkingFile, inpFile, soortFile, crimeFile, monthlyFile] = DEMO_INPUT_FILES;

  const provincies = new Map(
    readTable(root, provincieFile).map(({ row, line }) => [
      field(provincieFile, line, row, "gemeentecode"),
      field(provincieFile, line, row, "provincie"),
    ]),
  );

  const inwoners = new Map<string, number>();
  for (const { row, line } of readTable(root, bevolkingFile)) {
    const text = field(bevolkingFile, line, row, "inwoners");
    // CBS publishes an empty cell where a figure is unknown or secret; treat it as nobody.
    inwoners.set(field(bevolkingFile, line, row, "buurtcode"), text === "" ? 0 : count(bevolkingFile, line, row, "inwoners"));
  }

  const buurten = readTable(root, gebiedenFile)
    .filter(({ row }) => row.soort === "buurt")
    .map(({ row, line }) => {
      const buurtcode = field(gebiedenFile, line, row, "code");
      return {
        buurtcode,
        wijkcode: field(gebiedenFile, line, row, "bovenliggend"),
        gemeentecode: field(gebiedenFile, line, row, "gemeentecode"),
        inwoners: inwoners.get(buurtcode) ?? 0,
      };
    });

  const crime = readTable(root, crimeFile).map(({ row, line }) => ({
    gemeentecode: field(crimeFile, line, row, "gemeentecode"),
    jaar: count(crimeFile, line, row, "jaar"),
    soort: field(crimeFile, line, row, "soort_code"),
    aantal: count(crimeFile, line, row, "aantal"),
  }));

  const inp = readTable(root, inpFile).map(({ row, line }) => ({
    code: field(inpFile, line, row, "maatschappelijke_klasse_code"),
    naam: field(inpFile, line, row, "maatschappelijke_klasse"),
    niv3: field(inpFile, line, row, "niv3_code"),
    misdrijf: field(inpFile, line, row, "misdrijf") === "J",
  }));

  const soortKlassen = new Map(
    readTable(root, soortFile).map(({ row, line }) => {
      const list = field(soortFile, line, row, "maatschappelijke_klassen");
      // "A72 Diefstal fiets | A73 Diefstal bromfiets/snorfiets" → ["A72", "A73"]
      const codes = list === "" ? [] : list.split("|").map((item) => item.trim().split(" ")[0] ?? "");
      return [field(soortFile, line, row, "code"), codes] as const;
    }),
  );

  const nationalMonthly = readTable(root, monthlyFile).map(({ row, line }) => {
    const maand = field(monthlyFile, line, row, "maand");
    const match = /^(\d{4})-(\d{2})$/.exec(maand);
    if (!match) throw new Error(`${monthlyFile}:${line}: maand is not YYYY-MM: "${maand}"`);
    return {
      year: Number(match[1]),
      month: Number(match[2]),
      soort: field(monthlyFile, line, row, "soort_code"),
      aantal: count(monthlyFile, line, row, "aantal"),
    };
  });

  return { provincies, buurten, crime, inp, soortKlassen, nationalMonthly };
}
