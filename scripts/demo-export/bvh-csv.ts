/** The text format of a real BVH export: `;`-separated, UTF-8 with BOM, CRLF, RFC 4180 quoting. */

/** Column names of the export, in order. */
export const BVH_COLUMNS = [
  "Registratienummer",
  "Pleegdatum",
  "Pleegtijd",
  "Registratiedatum",
  "Maatschappelijke klasse",
  "MO-code",
  "Gemeentecode",
  "Wijkcode",
  "Buurtcode",
  "Straat",
  "Huisnummer",
  "Omschrijving",
] as const;

export const BOM = "\uFEFF";
export const CRLF = "\r\n";
const SEPARATOR = ";";
const NEEDS_QUOTES = /[;"\r\n]/;

/** A field as written: quoted only when it holds `;`, `"`, CR or LF, inner quotes doubled. */
export function formatBvhField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One line of the export, CRLF included. */
export function formatBvhLine(fields: readonly string[]): string {
  return fields.map(formatBvhField).join(SEPARATOR) + CRLF;
}

/** The start of every export file: BOM plus header line. */
export const BVH_FILE_START = BOM + formatBvhLine(BVH_COLUMNS);
