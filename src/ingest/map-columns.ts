import { normalizeHeader, type ColumnField } from "../config/normalize-config.ts";
import { UserError } from "../user-error.ts";
import { parseDate } from "./parse-date.ts";
import { parseKlasseCode } from "./parse-klasse.ts";

/** Which column index holds each allow-listed field; fields the export lacks are absent. */
export type ColumnMap = Partial<Record<ColumnField, number>>;

/** The two shapes of export the tool reads. */
export type ExportShape = "registraties" | "aantallen";

/**
 * Finds the allow-listed fields in a header row. Every other column (names, addresses, free text)
 * gets no index and is therefore never read. Throws a UserError naming the file and the missing
 * field when the export cannot be used, with the header names that would have been accepted.
 */
export function mapColumns(header: readonly string[], accepted: Record<ColumnField, readonly string[]>, file: string): { columns: ColumnMap; shape: ExportShape } {
  const normalized = header.map(normalizeHeader);
  const seen = new Map<string, number>();
  normalized.forEach((name, index) => {
    if (name === "") return;
    const earlier = seen.get(name);
    if (earlier !== undefined && isAccepted(name, accepted)) {
      throw new UserError(`${file}:1: column ${shownHeader(header[index] ?? "")} appears twice (columns ${earlier + 1} and ${index + 1})`, {
        hint: "Remove or rename one of them so it is clear which one holds the data.",
      });
    }
    seen.set(name, index);
  });
  const columns: ColumnMap = {};
  for (const field of Object.keys(accepted) as ColumnField[]) {
    const index = normalized.findIndex((name) => accepted[field].includes(name));
    if (index >= 0) columns[field] = index;
  }
  const shape: ExportShape = columns.aantal !== undefined && columns.registratienummer === undefined ? "aantallen" : "registraties";
  const required: ColumnField[] =
    shape === "registraties" ? ["registratienummer", "pleegdatum", "maatschappelijke_klasse"] : ["maand", "maatschappelijke_klasse", "aantal"];
  const missing = [...required, "buurtcode" as const].find((field) =>
    field === "buurtcode" ? columns.buurtcode === undefined && columns.wijkcode === undefined && columns.gemeentecode === undefined : columns[field] === undefined,
  );
  if (missing) {
    // A file without a header row starts with a registration: its values must not be echoed.
    if (looksLikeData(header)) {
      throw new UserError(`${file}:1: the first row holds data (a date or a code), not column names`, {
        hint: "Export the file again with its header row (Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode;…).",
      });
    }
    throw missingColumn(missing, header, accepted, file);
  }
  return { columns, shape };
}

function isAccepted(name: string, accepted: Record<ColumnField, readonly string[]>): boolean {
  return Object.values(accepted).some((names) => names.includes(name));
}

const AREA_CODE = /^(BU\d{8}|WK\d{6}|GM\d{4})$/i;

/** A row with a date, an area code, a klasse code or a number where names should be. */
function looksLikeData(header: readonly string[]): boolean {
  return header.some((name) => {
    const value = name.trim();
    return AREA_CODE.test(value) || /^\d/.test(value) || !("error" in parseDate(value)) || (parseKlasseCode(value) !== undefined && /\d/.test(value));
  });
}

/**
 * A header name as shown in a message: at most 40 characters, no control characters, and not at
 * all when it holds a digit — column names seldom do, a house number or registratienummer does.
 */
function shownHeader(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (/\d/.test(clean)) return "(a name with digits, not shown)";
  return `"${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}"`;
}

function missingColumn(field: ColumnField, header: readonly string[], accepted: Record<ColumnField, readonly string[]>, file: string): UserError {
  const found = header.map(shownHeader).join(", ");
  return new UserError(`${file}:1: no column for ${field} (found ${found || "no columns"})`, {
    hint: `Name the column one of ${accepted[field].map((name) => `"${name}"`).join(", ")} (case, spaces and underscores do not matter), or map it in the config: "columns": { "${field}": "<your column name>" }.`,
  });
}
