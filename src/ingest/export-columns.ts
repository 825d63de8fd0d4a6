/**
 * The export columns the tool reads. Nothing else in an export is ever loaded: names, addresses
 * and free text stay in the file. Each field lists the header names that are accepted for it,
 * compared without case, spaces, underscores or dashes.
 */
export const DEFAULT_COLUMNS = {
  registratienummer: ["registratienummer", "regnr", "registratienr", "bvhnummer", "nummer"],
  pleegdatum: ["pleegdatum", "pleegdatumbegin", "begindatum", "datumpleeg", "datum"],
  registratiedatum: ["registratiedatum", "datumregistratie", "aangiftedatum"],
  maatschappelijke_klasse: ["maatschappelijkeklasse", "maatschklasse", "mk", "klasse", "incidentcode", "soortmisdrijf", "soort"],
  buurtcode: ["buurtcode", "cbsbuurtcode", "buurt"],
  wijkcode: ["wijkcode", "cbswijkcode"],
  gemeentecode: ["gemeentecode", "cbsgemeentecode"],
  basisteam: ["basisteam", "basisteamcode"],
  maand: ["maand", "periode", "pleegmaand", "perioden", "jaar"],
  /** An area by code or name, at any level (open-data tables: "Wijken en buurten", "Regio's"). */
  gebied: ["wijkenenbuurten", "regios", "regio", "gebied", "gebiedsnaam", "wijkenbuurten"],
  /** The time of the pleegdatum, when the export gives it in a column of its own (only its part of the day is kept). */
  pleegtijd: ["pleegtijd", "pleegtijdbegin", "begintijd", "tijdpleeg"],
  /** A modus operandi code of the code list in the reference folder (never free text: a value outside the list is not kept). */
  modus_operandi: ["modusoperandi", "mocode", "modusoperandicode", "mo"],
  aantal: ["aantal", "count", "geregistreerdemisdrijven", "geregistreerdemisdrijvenaantal", "geregistreerdemisdrijven1", "totaalgeregistreerdemisdrijven", "aantalmisdrijven"],
} as const satisfies Record<string, readonly string[]>;

export type ColumnField = keyof typeof DEFAULT_COLUMNS;

/** Header comparison ignores case, accents, spaces, underscores, dashes and dots. */
export function normalizeHeader(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
