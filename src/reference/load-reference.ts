import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../user-error.ts";
import { AreaIndex, type BasisteamRow, type GebiedRow } from "./areas.ts";
import { Classification, type InpRow, type SoortRow } from "./classification.ts";
import { Herindelingen, type HerindelingRow } from "./herindelingen.ts";
import { ModusOperandi, type ModusOperandiRow } from "./modus-operandi.ts";
import { Population, type BuurtPopulationRow, type GemeentePopulationRow } from "./population.ts";
import { makeEveryTime, readTable as readCsvTable, type Keeper } from "./csv-table.ts";

/** Everything the model needs to know about areas, categories and inhabitants. */
export interface Reference {
  areas: AreaIndex;
  classification: Classification;
  population: Population;
  /** Gemeentecode → provincie name. */
  provincies: Map<string, string>;
  /** Eenheid code → name. */
  eenheden: Map<string, string>;
  /** Historic gemeentecodes and the current gemeente they were merged into. */
  herindelingen: Herindelingen;
  /** The modus operandi code list (empty when the project has none). */
  modusOperandi: ModusOperandi;
  /** True when the basisteam mapping is the illustrative demo one. */
  basisteamsIllustrative: boolean;
  /** The files read, for the record of provision (absolute path → contents). */
  files: string[];
}

/** What `loadReference` needs of the config (a Config has it): the folder and the file names in it. */
export interface ReferenceSettings {
  paths: { reference: string };
  reference: {
    gebieden: string;
    basisteams: string;
    /** Marks every police-area figure as based on an illustrative mapping (the demo's). */
    basisteamsIllustrative: boolean;
    classification: string;
    soorten: string;
    bevolkingGemeente: string;
    bevolkingBuurt: string;
    provincies: string;
    eenheden: string;
    herindelingen: string;
    modusOperandi: string;
  };
}

/**
 * The files `loadReference` reads, in its order (the code list of modi operandi only when it is
 * there): for hashing the inputs of a build before anything is parsed.
 */
export async function referenceFiles(config: ReferenceSettings): Promise<string[]> {
  const names = config.reference;
  const file = (name: string): string => path.resolve(config.paths.reference, name);
  const mo = file(names.modusOperandi);
  const tables = [names.gebieden, names.basisteams, names.classification, names.soorten, names.bevolkingGemeente, names.bevolkingBuurt, names.provincies, names.eenheden, names.herindelingen].map(file);
  return [...tables, ...((await access(mo).then(() => true, () => false)) ? [mo] : [])];
}

/**
 * Reads the reference tables named in the config from `paths.reference`. `tables`: how a table's
 * rows are had (parsed, or as kept from an earlier parse of the same file).
 */
export async function loadReference(config: ReferenceSettings, tables: Keeper = makeEveryTime): Promise<Reference> {
  const dir = config.paths.reference;
  const names = config.reference;
  const file = (name: string): string => path.resolve(dir, name);
  const readTable = <Row>(table: string, columns: readonly string[]) => readReferenceTable<Row>(table, columns, tables);
  const [gebieden, basisteams, inp, soorten, bevolkingGemeente, bevolkingBuurt, provincies, eenheden, herindelingen] = await Promise.all([
    readTable<GebiedRow>(file(names.gebieden), ["code", "naam", "soort", "gemeentecode", "bovenliggend"]),
    readTable<BasisteamRow>(file(names.basisteams), ["buurtcode", "basisteamcode", "basisteam", "districtcode", "district", "eenheidcode", "eenheid"]),
    readTable<InpRow>(file(names.classification), ["niv1_code", "niv1", "niv2_code", "niv2", "niv3_code", "niv3", "maatschappelijke_klasse_code", "maatschappelijke_klasse", "misdrijf"]),
    readTable<SoortRow>(file(names.soorten), ["code", "omschrijving", "maatschappelijke_klassen"]),
    readTable<GemeentePopulationRow>(file(names.bevolkingGemeente), ["gemeentecode", "jaar", "inwoners"]),
    readTable<BuurtPopulationRow>(file(names.bevolkingBuurt), ["buurtcode", "inwoners"]),
    readTable<{ gemeentecode: string; provincie: string }>(file(names.provincies), ["gemeentecode", "provincie"]),
    readTable<{ code: string; naam: string }>(file(names.eenheden), ["code", "naam"]),
    readTable<HerindelingRow>(file(names.herindelingen), ["oude_code", "oude_naam", "nieuwe_code", "nieuwe_naam", "datum"]),
  ]);
  // Optional: a project made before MO codes existed has no code list, and then reads no MO column.
  const mo = await access(file(names.modusOperandi)).then(
    () => readTable<ModusOperandiRow>(file(names.modusOperandi), ["code", "omschrijving", "fenomeen", "illustratief"]),
    () => undefined,
  );
  const areas = new AreaIndex(gebieden.rows, basisteams.rows);
  basisteams.rows.forEach((row, index) => {
    if (!areas.has(row.buurtcode)) {
      throw new UserError(`${basisteams.file}:${index + 2}: buurtcode "${row.buurtcode}" is not in ${names.gebieden}`, {
        hint: "The basisteam mapping must use the buurtcodes of the area table (indeling 2024); update the mapping or the area table.",
      });
    }
  });
  return {
    areas,
    classification: new Classification(inp.rows, soorten.rows),
    population: new Population(areas, bevolkingGemeente.rows, bevolkingBuurt.rows),
    provincies: new Map(provincies.rows.map((row) => [row.gemeentecode, row.provincie])),
    eenheden: new Map(eenheden.rows.map((row) => [row.code, row.naam])),
    herindelingen: new Herindelingen(herindelingen.rows, (code) => areas.get(code)?.level === "gemeente", herindelingen.file),
    modusOperandi: new ModusOperandi(mo?.rows ?? []),
    basisteamsIllustrative: config.reference.basisteamsIllustrative,
    files: [gebieden, basisteams, inp, soorten, bevolkingGemeente, bevolkingBuurt, provincies, eenheden, herindelingen, ...(mo ? [mo] : [])].map((t) => t.file),
  };
}

/** Reads a small reference CSV (comma separated, header row) and checks its columns. */
async function readReferenceTable<Row>(file: string, columns: readonly string[], tables: Keeper): Promise<{ file: string; rows: Row[] }> {
  const rows = await readCsvTable(file, columns, {
    tables,
    cannotRead: `Cannot read reference table ${file}`,
    readHint: "Check paths.reference and the file names under `reference` in the config; `veiligheidsbeeld init` writes the default tables.",
    hint: "The reference tables are comma-separated CSV with a header row.",
  });
  return { file, rows: rows as Row[] };
}
