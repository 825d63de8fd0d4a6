import { normalizeHeader, type ColumnField } from "./export-columns.ts";
import { UserError } from "../user-error.ts";

/** Which column index holds each allow-listed field; fields the export lacks are absent. */
export type ColumnMap = Partial<Record<ColumnField, number>>;

/**
 * Finds the allow-listed fields in a header row. Every other column (names, addresses, free text)
 * gets no index and is therefore never read. Throws a UserError naming the file when an accepted
 * column appears twice, or when two columns could hold one field and neither is named exactly after
 * it. Which format the columns make is decided by `detectFormat`. `where` is the header's place in
 * messages ("export.csv:1", or a later line after a "sep=" line or blank lines).
 */
export function mapColumns(header: readonly string[], accepted: Record<ColumnField, readonly string[]>, where: string): ColumnMap {
  const normalized = header.map(normalizeHeader);
  const seen = new Map<string, number>();
  normalized.forEach((name, index) => {
    if (name === "") return;
    const earlier = seen.get(name);
    if (earlier !== undefined && isAccepted(name, accepted)) {
      throw new UserError(`${where}: column ${shownHeader(header[index] ?? "")} appears twice (columns ${earlier + 1} and ${index + 1})`, {
        hint: "Remove or rename one of them so it is clear which one holds the data.",
      });
    }
    seen.set(name, index);
  });
  const columns: ColumnMap = {};
  for (const field of Object.keys(accepted) as ColumnField[]) {
    const matching = normalized.flatMap((name, index) => (accepted[field].includes(name) ? [index] : []));
    if (matching.length === 0) continue;
    // Two columns that could both hold the field: the one named exactly after it wins ("Registratienummer"
    // over "Nummer", "Buurtcode" over "Buurt"); otherwise it is not for the tool to guess.
    const canonical = matching.filter((index) => normalized[index] === accepted[field][0]);
    if (matching.length > 1 && canonical.length !== 1) {
      const [a = 0, b = 0] = matching;
      throw new UserError(`${where}: columns ${shownHeader(header[a] ?? "")} (column ${a + 1}) and ${shownHeader(header[b] ?? "")} (column ${b + 1}) could both be ${field}`, {
        hint: `Say which one it is in the config: "columns": { "${field}": "<that column's name>" }, or rename the other.`,
      });
    }
    columns[field] = matching.length === 1 ? (matching[0] as number) : (canonical[0] as number);
  }
  return columns;
}

function isAccepted(name: string, accepted: Record<ColumnField, readonly string[]>): boolean {
  return Object.values(accepted).some((names) => names.includes(name));
}

/**
 * A header name as shown in a message: at most 40 characters, no control characters, and not at
 * all when it holds a digit — column names seldom do, a house number or registratienummer does.
 */
export function shownHeader(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (/\d/.test(clean)) return "(a name with digits, not shown)";
  return `"${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}"`;
}
