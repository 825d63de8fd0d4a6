import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { UserError } from "../user-error.ts";

/** A row of a table as read: column name → trimmed text. */
export type TableRow = Record<string, string>;

/**
 * How a value made from input files is had: `make` reads and computes it; a keeper may instead give
 * the value it kept from an earlier `make` of the same name over the same bytes (the build's cache:
 * src/pipeline/stages/read-inputs.ts). Either way it is the value of the files as they are. The
 * value must survive V8 serialisation (plain data, Maps and Sets; no functions).
 */
export type Keeper = <T>(what: string, files: readonly string[], make: () => Promise<T>) => Promise<T>;

/** Makes every time. */
export const makeEveryTime: Keeper = (_what, _files, make) => make();

export interface TableSettings {
  /** How the rows are had (default: parsed). */
  tables?: Keeper;
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
  const rows = await (settings.tables ?? makeEveryTime)("table", [file], async (): Promise<TableRow[]> => {
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
