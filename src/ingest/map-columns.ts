import { normalizeHeader, type ColumnField } from "../config/normalize-config.ts";
import { UserError } from "../user-error.ts";

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
      throw new UserError(`${file}:1: column "${header[index]}" appears twice (columns ${earlier + 1} and ${index + 1})`, {
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
  for (const field of required) {
    if (columns[field] === undefined) throw missingColumn(field, header, accepted, file);
  }
  if (columns.buurtcode === undefined && columns.wijkcode === undefined && columns.gemeentecode === undefined) {
    throw missingColumn("buurtcode", header, accepted, file);
  }
  return { columns, shape };
}

function isAccepted(name: string, accepted: Record<ColumnField, readonly string[]>): boolean {
  return Object.values(accepted).some((names) => names.includes(name));
}

function missingColumn(field: ColumnField, header: readonly string[], accepted: Record<ColumnField, readonly string[]>, file: string): UserError {
  const found = header.map((name) => `"${name}"`).join(", ");
  return new UserError(`${file}:1: no column for ${field} (found ${found || "no columns"})`, {
    hint: `Name the column one of ${accepted[field].map((name) => `"${name}"`).join(", ")} (case, spaces and underscores do not matter), or map it in the config: "columns": { "${field}": "<your column name>" }.`,
  });
}
