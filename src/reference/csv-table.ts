import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { UserError } from "../user-error.ts";

/** A row of a table as read: column name → trimmed text. */
export type TableRow = Record<string, string>;

/**
 * How a table's rows are had: `parse` reads and parses the file; a reader may instead give the rows
 * it kept from an earlier parse of the same bytes (the build's cache: src/pipeline/stages/read-inputs.ts).
 * Either way they are the rows of the file as it is.
 */
export type TableReader = (file: string, parse: () => Promise<TableRow[]>) => Promise<TableRow[]>;

/** Parses every time. */
export const parseEveryTime: TableReader = (_file, parse) => parse();

export interface TableSettings {
  /** How the rows are had (default: parsed). */
  tables?: TableReader;
  /** What the table should be, for a message about it. */
  hint: string;
  /** The message when the file cannot be read (default: "Cannot read <file>"). */
  cannotRead?: string;
  /** The hint to that message. */
  readHint: string;
}

/**
 * The rows of the comma-separated table `file` with a header row; a UserError naming the file
 * (and line 1 for the header) when it cannot be read or parsed or lacks one of `columns`. The
 * columns are checked on the rows however they were had: what a caller needs is not the reader's concern.
 */
export async function readTable(file: string, columns: readonly string[], settings: TableSettings): Promise<TableRow[]> {
  const rows = await (settings.tables ?? parseEveryTime)(file, async () => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UserError(settings.cannotRead ?? `Cannot read ${file}`, { hint: settings.readHint, cause: error });
    }
    try {
      return parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as TableRow[];
    } catch (error) {
      throw new UserError(`${file}: ${(error as Error).message}`, { hint: settings.hint });
    }
  });
  const missing = columns.filter((column) => rows.length > 0 && !Object.hasOwn(rows[0] ?? {}, column));
  if (missing.length > 0) {
    throw new UserError(`${file}:1: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`, {
      hint: `The table needs the columns ${columns.join(", ")}.`,
    });
  }
  return rows;
}
