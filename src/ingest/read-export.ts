import path from "node:path";
import type { ColumnField } from "./export-columns.ts";
import type { Delimiter } from "./detect-delimiter.ts";
import { detectDelimiter } from "./detect-delimiter.ts";
import type { Encoding } from "./detect-encoding.ts";
import { detectFormat } from "./detect-format.ts";
import type { ExportRecord, NoticeKind, Rejection } from "./export-record.ts";
import type { AreaNames } from "./area-names.ts";
import { aggregatedCounts } from "./formats/aggregated-counts.ts";
import { bvhRegistrations } from "./formats/bvh-registrations.ts";
import type { Converter, FormatId, FormatSink, InputFormat } from "./formats/input-format.ts";
import { openData } from "./formats/open-data.ts";
import { mapColumns, type ColumnMap } from "./map-columns.ts";
import { parseDate } from "./parse-date.ts";
import { readRecords } from "./read-records.ts";
import { conversionCaches, rejection, rowConversions, type ConversionCaches, type ConversionOptions } from "./row-conversions.ts";
import { UserError } from "../user-error.ts";

export type { CountRow, ExportRecord, NoticeKind, RejectReason, Rejection } from "./export-record.ts";
export { conversionCaches, normalizeAreaCode, type ConversionCaches } from "./row-conversions.ts";
export { plainRecords } from "./read-records.ts";

export interface ExportFileInfo {
  file: string;
  encoding: Encoding;
  delimiter: Delimiter;
  /** The input format recognised from the header. */
  format: FormatId;
  /** Data rows read (header excluded). */
  rows: number;
  /** Header fields that were not read because the format does not read them. */
  ignoredColumns: string[];
}

export interface ReadExportOptions extends ConversionOptions {
  columns: Record<ColumnField, readonly string[]>;
  /** Area names of open-data tables, resolved within the scope (absent: names are refused as unknown). */
  areaNames?: AreaNames;
  /** Name used in messages (usually the path relative to the project). */
  displayName?: string;
  /** Called with the bytes read so far, about every megabyte and at the end (for progress output). */
  onProgress?: (bytes: number) => void;
  /**
   * What raw values were found to mean, kept across the files of one ingest (`conversionCaches()`):
   * each file repeats the same buurtcodes, klassen and dates, so each is looked up once.
   */
  caches?: ConversionCaches;
}

/** Where the rows of a file go; `count` and `notice` only for tables of counts. */
export interface ExportSink extends Omit<FormatSink, "count" | "notice"> {
  count?: FormatSink["count"];
  notice?: FormatSink["notice"];
}

/** The formats, in the order they are tried: the first that claims a header and finds its fields reads the file. */
export function inputFormats(areaNames: AreaNames | undefined): InputFormat[] {
  return [bvhRegistrations, ...(areaNames ? [openData(areaNames)] : []), aggregatedCounts];
}

/**
 * Streams one export file into `sink`: reads its records (read-records), recognises the input
 * format from the header (detect-format), refuses ragged rows and rows a stray quote swallowed,
 * and has the format convert every other row. Only the columns the format reads are looked at.
 * Throws a UserError for a file that cannot be read as an export at all.
 */
export async function readExport(file: string, options: ReadExportOptions, sink: ExportSink): Promise<ExportFileInfo> {
  const name = options.displayName ?? path.basename(file);
  const caches = options.caches ?? conversionCaches();
  const formatSink: FormatSink = {
    record: (record: ExportRecord) => sink.record(record),
    count: sink.count ?? (() => undefined),
    reject: (refused: Rejection) => sink.reject(refused),
    notice: sink.notice ?? ((_kind: NoticeKind) => undefined),
  };
  let format: InputFormat | undefined;
  let converter: Converter | undefined;
  let columns: ColumnMap = {};
  let width = 0;
  // The header without the unnamed columns at its end (trailing separators): a row may stop there.
  let named = 0;
  // The header's names of the columns read (trimmed, lower case), to know the header row again.
  let headerNames: [number, string][] = [];
  let rows = 0;
  let ignoredColumns: string[] = [];
  let delimiter: Delimiter = ";";
  const read = await readRecords(file, { name, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }, {
    header(fields, line, separator) {
      delimiter = separator;
      columns = mapColumns(fields, options.columns, `${name}:${line}`);
      format = detectFormat(fields, columns, inputFormats(options.areaNames), options.columns, `${name}:${line}`);
      const read = format.reads.flatMap((field) => (columns[field] === undefined ? [] : [columns[field]]));
      columns = Object.fromEntries(format.reads.flatMap((field) => (columns[field] === undefined ? [] : [[field, columns[field]]])));
      width = fields.length;
      named = width;
      while (named > 0 && (fields[named - 1] ?? "").trim() === "") named--;
      ignoredColumns = fields.filter((_, index) => !read.includes(index));
      headerNames = read.map((index) => [index, (fields[index] ?? "").trim().toLowerCase()]);
      converter = format.converter({ name, columns, width, conversions: rowConversions(columns, options, caches), classification: options.classification, sink: formatSink });
      return read;
    },
    row(fields, line, multiline) {
      rows++;
      // Only a record that spans lines can hold rows a stray quote swallowed.
      const swallowed = multiline ? swallowedRows(fields, delimiter, width, columns, line) : undefined;
      if (swallowed) return sink.reject(swallowed);
      if (fields.length !== width && !(fields.length >= named && fields.slice(width).every((field) => field.trim() === ""))) {
        return sink.reject({ ...rejection("ragged-row", undefined, `${fields.length} fields where the header has ${width}${otherSeparator(fields, delimiter)}`), line });
      }
      // Two exports joined into one file: the second one's header row (its BOM too) is not data.
      if (headerNames.length > 0 && headerNames.every(([index, name]) => (fields[index] ?? "").trim().toLowerCase() === name)) {
        return sink.reject({
          ...rejection("repeated-header", undefined, `the header row again, on line ${line} — were two exports joined into one file? Remove this line, or keep each export in a file of its own`),
          line,
        });
      }
      // Excel keeps leading zeros by writing a code as a formula that gives the text: ="0589".
      for (const [index] of headerNames) {
        const field = fields[index];
        if (field !== undefined && field.charCodeAt(0) === 0x3d && field.length >= 3 && field.charCodeAt(1) === 0x22 && field.endsWith('"')) fields[index] = field.slice(2, -1);
      }
      converter?.row(fields, line);
    },
  });
  if (!read.header || !format) throw new UserError(`${name}: the file has no header row`, { hint: "Export the file again with its column names." });
  converter?.finish?.();
  return { file: name, encoding: read.encoding, delimiter: read.delimiter, format: format.id, rows, ignoredColumns };
}

/**
 * A quote that opens a field and is closed only rows later turns those rows into text of one
 * field: they would vanish without a trace. The record is read again as the lines it was written
 * on (its fields joined by the separator, cut at the line breaks); a line that looks like a row —
 * exactly as many fields as the header and a date (or month) in the date column — is what such a
 * quote leaves. The record is taken for swallowed rows when two of its later lines look like rows,
 * or when all of its lines do. A quoted text with line breaks whose lines do not all look like
 * rows (a line of free text after one that does, a line with fewer fields, a text in the first
 * column whose first line is only its start) is one field, as it says.
 */
function swallowedRows(fields: readonly string[], delimiter: string, width: number, columns: ColumnMap, line: number): Rejection | undefined {
  const dateColumn = columns.pleegdatum ?? columns.maand;
  if (width < 2 || dateColumn === undefined || !fields.some((field) => field.includes("\n") || field.includes("\r"))) return undefined;
  const looksLikeRow = (text: string): boolean => {
    const cells = text.split(delimiter);
    const date = (cells[dateColumn] ?? "").trim();
    return cells.length === width && (!("error" in parseDate(date)) || /^\d{4}[-/ ]?M?\d{1,2}$/.test(date));
  };
  const [first = "", ...later] = fields.join(delimiter).split(/\r\n|\n|\r/);
  const rowLike = later.filter(looksLikeRow).length;
  if (rowLike < 2 && !(rowLike === later.length && looksLikeRow(first))) return undefined;
  const start = line - later.length;
  return {
    reason: "unbalanced-quote",
    line: start,
    column: undefined,
    detail: `a quote opened on line ${start} closes only on line ${line}: ${rowLike} line(s) in between look like rows and would be lost`,
  };
}

/** For a ragged row: a hint when the row seems to use another separator than the header. */
function otherSeparator(fields: readonly string[], headerDelimiter: Delimiter): string {
  if (fields.length !== 1) return "";
  const other = detectDelimiter(fields[0] ?? "");
  return other && other !== headerDelimiter ? ` — the row seems to use ${JSON.stringify(other)} as separator where the header uses ${JSON.stringify(headerDelimiter)}` : "";
}

