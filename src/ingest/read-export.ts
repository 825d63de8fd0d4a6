import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { pipeline, type Transform } from "node:stream";
import { parse, CsvError } from "csv-parse";
import iconv from "iconv-lite";
import type { ColumnField } from "../config/normalize-config.ts";
import { monthOf, type Month } from "../model/months.ts";
import type { AreaIndex } from "../reference/areas.ts";
import type { Classification } from "../reference/classification.ts";
import type { Herindelingen } from "../reference/herindelingen.ts";
import { UserError } from "../user-error.ts";
import { DELIMITERS, detectDelimiter, firstLine, type Delimiter } from "./detect-delimiter.ts";
import { detectEncoding, type Encoding } from "./detect-encoding.ts";
import { guardStream } from "./guard-stream.ts";
import { mapColumns, type ColumnMap, type ExportShape } from "./map-columns.ts";
import { parseDate } from "./parse-date.ts";
import { parseKlasseCode } from "./parse-klasse.ts";
import { suggestCode } from "./suggest-code.ts";

/** One accepted row: a registration, or a count for aggregated exports. */
export interface ExportRecord {
  line: number;
  /** Empty for aggregated rows. */
  registratienummer: string;
  month: Month;
  klasse: string;
  /** The finest known area: a buurt, or a wijk/gemeente when the row has no buurt. */
  area: string;
  /** 1 for a registration. */
  aantal: number;
}

export type RejectReason =
  | "ragged-row"
  | "missing-registratienummer"
  | "bad-date"
  | "future-date"
  | "too-early"
  | "bad-klasse"
  | "unknown-klasse"
  | "missing-area"
  | "unknown-area"
  | "bad-count"
  | "unbalanced-quote";

export interface Rejection {
  reason: RejectReason;
  line: number;
  column: ColumnField | undefined;
  /** What was wrong, safe to print: values are shown only when they look like a code or date. */
  detail: string;
  /** For unknown codes: the code as read, only when it is safe to show (see `shown`). */
  code?: string;
  /** For unknown codes: the nearest valid code. */
  suggestion?: string;
}

export interface ExportFileInfo {
  file: string;
  encoding: Encoding;
  delimiter: Delimiter;
  shape: ExportShape;
  /** Data rows read (header excluded). */
  rows: number;
  /** Header fields that were not read because they are not on the allow-list. */
  ignoredColumns: string[];
}

export interface ReadExportOptions {
  columns: Record<ColumnField, readonly string[]>;
  areas: AreaIndex;
  classification: Classification;
  /** Registrations dated after this month are rejected as "in the future". */
  lastPlausibleMonth: Month;
  earliestYear: number;
  /** Historic gemeentecodes (Weesp GM0457) are counted under the current gemeente (Amsterdam GM0363). */
  herindelingen?: Pick<Herindelingen, "currentOf">;
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

/** Raw value → what it converts to (or why it is rejected), per kind of value. */
export interface ConversionCaches {
  klasse: Map<string, string | Rejection>;
  date: Map<string, Month | Rejection>;
  monthKey: Map<string, Month | Rejection>;
  area: Record<"buurtcode" | "wijkcode" | "gemeentecode", Map<string, string | Rejection>>;
}

export function conversionCaches(): ConversionCaches {
  return { klasse: new Map(), date: new Map(), monthKey: new Map(), area: { buurtcode: new Map(), wijkcode: new Map(), gemeentecode: new Map() } };
}

export interface ExportSink {
  record(record: ExportRecord): void;
  reject(rejection: Rejection): void;
}

const SAMPLE_BYTES = 64 * 1024;
/** A field longer than this is not data from BVH; csv-parse stops with a clear error. */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Streams one export file into `sink`: detects encoding and separator, reads only allow-listed
 * columns, converts and validates each row (bad rows go to `sink.reject` with their line). Throws
 * a UserError for a file that cannot be read as an export at all.
 */
export async function readExport(file: string, options: ReadExportOptions, sink: ExportSink): Promise<ExportFileInfo> {
  const name = options.displayName ?? path.basename(file);
  const sample = await readSample(file, name);
  const guess = sample.length === 0 ? undefined : detectEncoding(sample);
  if (guess === undefined || (guess !== "binary" && sample.length === guess.bom)) {
    throw new UserError(`${name}: the file is empty`, { hint: "Export the file again from BVH; a delivery always has a header row." });
  }
  if (guess === "binary") {
    throw new UserError(`${name}: this is not a text (CSV) file`, {
      hint: "Save the export as CSV (UTF-8 or Windows-1252, ; separated), not as .xlsx or another binary format.",
    });
  }
  const sampleText = iconv.decode(Buffer.from(sample.subarray(guess.bom)), guess.encoding);
  // Excel writes "sep=;" as the first line when asked to keep the separator with the file.
  const separatorLine = /^sep=(.)$/i.exec(firstLine(sampleText).trim());
  const delimiter = separatorLine ? DELIMITERS.find((candidate) => candidate === separatorLine[1]) : detectDelimiter(firstLine(sampleText));
  if (!delimiter) {
    throw new UserError(`${name}:1: no column separator (; , tab or |) in the header row`, {
      hint: "The first line must be the header row with the column names, separated by ; or ,.",
    });
  }

  if (guess.encoding === "utf-8" && (await isPlainText(file, delimiter))) {
    return readPlainExport(file, name, delimiter, separatorLine ? 2 : 1, options, sink);
  }

  const parser = parse({
    delimiter,
    bom: true,
    from_line: separatorLine ? 2 : 1,
    relax_column_count: true,
    // A quote inside an unquoted field (Jan "de Boer") is kept as text; a quoted field that
    // swallows the rows after it is caught below (swallowedRows).
    relax_quotes: true,
    skip_empty_lines: true,
    // Lines of only separators or spaces (";;;;", "   ") are padding, not registrations.
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_BYTES,
    // The line a record ends on is appended as its last field: cheaper than `info: true`, which
    // wraps every record in a new object, and exact where parser.info would already be ahead.
    on_record: (record: string[], context: { lines: number }) => {
      record.push(String(context.lines));
      return record;
    },
  });
  const onProgress = options.onProgress;
  const stages: Transform[] =
    guess.encoding === "utf-8" || guess.encoding === "windows-1252"
      ? [guardStream({ name, refuseNul: true, ...(onProgress ? { onProgress } : {}) })]
      : [guardStream({ name, refuseNul: false, ...(onProgress ? { onProgress } : {}) })];
  if (guess.encoding !== "utf-8") stages.push(iconv.decodeStream(guess.encoding) as unknown as Transform);
  if (guess.encoding === "utf-16le" || guess.encoding === "utf-16be") stages.push(guardStream({ name, refuseNul: true }));
  const source = createReadStream(file);
  // Errors of any stage reach the parser, whose iterator below throws them.
  pipeline([source, ...stages, parser], () => undefined);

  let info: ExportFileInfo | undefined;
  let columns: ColumnMap = {};
  let width = 0;
  let previousLine = 0;
  const rowReader = { convert: (_fields: string[], _line: number): void => {} };
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const line = Number(fields.pop());
      if (!info) {
        const mapped = mapColumns(fields, options.columns, name);
        columns = mapped.columns;
        width = fields.length;
        const used = new Set(Object.values(columns));
        info = {
          file: name,
          encoding: guess.encoding,
          delimiter,
          shape: mapped.shape,
          rows: 0,
          ignoredColumns: fields.filter((_, index) => !used.has(index)),
        };
        rowReader.convert = makeRowConverter(mapped.shape, columns, width, delimiter, options, sink);
        previousLine = line;
        continue;
      }
      info.rows++;
      // Only a record that ends more than one line after the previous one can span lines.
      const swallowed = line - previousLine > 1 ? swallowedRows(fields, delimiter, width, columns, line) : undefined;
      previousLine = line;
      if (swallowed) sink.reject(swallowed);
      else rowReader.convert(fields, line);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw csvProblem(error, name, parser.info.lines + 1);
  } finally {
    source.destroy();
  }
  if (!info) throw new UserError(`${name}: the file has no header row`, { hint: "Export the file again from BVH with column names." });
  return info;
}

/**
 * Whether `file` can be read line by line — the common case: every record on one line. That holds
 * when there is no NUL byte, every carriage return is part of a "\r\n", and on every line that has
 * a quote, each field either starts with a quote and ends with the closing one right before a
 * separator or the line end ("" inside for a quote), or does not start with a quote at all (a quote
 * inside is text, as csv-parse's relax_quotes keeps it). Such a file means the same to csv-parse
 * and to `splitLine`; anything else (a quoted field over several lines, a stray quote after a
 * closing one, old Mac line ends, binary data) goes through csv-parse with all its checks. One
 * pass over the bytes (the file is read again right after, from the page cache).
 */
async function isPlainText(file: string, delimiter: Delimiter): Promise<boolean> {
  const separator = delimiter.charCodeAt(0);
  let rest: Buffer | undefined;
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: PLAIN_CHUNK }) as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) return false;
    const buffer = rest && rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const end = buffer.lastIndexOf(0x0a);
    // The first line's first field starts after the BOM.
    const start = first && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    if (end >= 0) first = false;
    if (!linesArePlain(buffer, start, end < 0 ? start : end, separator)) return false;
    rest = end < 0 ? buffer : buffer.subarray(end + 1);
    if (rest.length > MAX_RECORD_BYTES) return false;
  }
  return !rest || linesArePlain(rest, first && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf ? 3 : 0, rest.length, separator);
}

/** `isPlainText` for the lines in buffer[start, end). */
function linesArePlain(buffer: Buffer, start: number, end: number, separator: number): boolean {
  for (let at = buffer.indexOf(0x0d, start); at >= 0 && at < end; at = buffer.indexOf(0x0d, at + 1)) {
    if (at + 1 >= buffer.length || buffer[at + 1] !== 0x0a) return false;
  }
  let quote = buffer.indexOf(0x22, start);
  while (quote >= 0 && quote < end) {
    const lineStart = Math.max(start, buffer.lastIndexOf(0x0a, quote) + 1);
    let lineEnd = buffer.indexOf(0x0a, quote);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    if (lineEnd > lineStart && buffer[lineEnd - 1] === 0x0d) lineEnd--;
    if (!quotesAreSimple(buffer, lineStart, lineEnd, separator)) return false;
    quote = buffer.indexOf(0x22, lineEnd + 1);
  }
  return true;
}

function quotesAreSimple(line: Buffer, start: number, end: number, separator: number): boolean {
  let at = start;
  while (at <= end) {
    if (at < end && line[at] === 0x22) {
      // A quoted field: up to a quote that is not doubled, which must end the field.
      at++;
      for (;;) {
        if (at >= end) return false;
        if (line[at] === 0x22) {
          if (at + 1 < end && line[at + 1] === 0x22) at += 2;
          else break;
        } else at++;
      }
      at++;
      if (at < end && line[at] !== separator) return false;
      at++;
    } else {
      const next = line.indexOf(separator, at);
      at = next < 0 || next >= end ? end + 1 : next + 1;
    }
  }
  return true;
}

/**
 * The records of `text` as the line-by-line reader sees them (each with its line number), or
 * undefined when `isPlainText` would send it to csv-parse. For tests that hold both readers to
 * the same result.
 */
export function plainRecords(text: string, delimiter: Delimiter): { fields: string[]; line: number }[] | undefined {
  const bytes = Buffer.from(text, "utf8");
  const start = text.charCodeAt(0) === 0xfeff ? 3 : 0;
  if (bytes.includes(0) || !linesArePlain(bytes, start, bytes.length, delimiter.charCodeAt(0))) return undefined;
  const records: { fields: string[]; line: number }[] = [];
  text.split("\n").forEach((line, index) => {
    let raw = index === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (raw.length === 0) return;
    const fields = splitLine(raw, delimiter);
    if (!fields.every((field) => field.trim() === "")) records.push({ fields, line: index + 1 });
  });
  return records;
}

/** The fields of one line that `isPlainText` accepted. */
function splitLine(raw: string, delimiter: Delimiter): string[] {
  if (!raw.includes('"')) return raw.split(delimiter);
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (raw.charCodeAt(at) === 0x22) {
      let value = "";
      let from = at + 1;
      for (;;) {
        const quote = raw.indexOf('"', from);
        if (raw.charCodeAt(quote + 1) === 0x22) {
          value += raw.slice(from, quote + 1);
          from = quote + 2;
        } else {
          value += raw.slice(from, quote);
          at = quote + 1;
          break;
        }
      }
      fields.push(value);
      if (at >= raw.length) return fields;
      at++;
    } else {
      const next = raw.indexOf(delimiter, at);
      if (next < 0) {
        fields.push(raw.slice(at));
        return fields;
      }
      fields.push(raw.slice(at, next));
      at = next + 1;
    }
  }
}

/**
 * Cuts the fields at the indexes `read` (ascending) out of an unquoted line into `into` and returns
 * the number of fields the line has. Nothing is allocated for the fields not read.
 */
function pickFields(raw: string, delimiter: Delimiter, read: Int32Array, into: string[]): number {
  let next = 0;
  let column = 0;
  let start = 0;
  for (;;) {
    const end = raw.indexOf(delimiter, start);
    if (column === read[next]) {
      into[column] = end < 0 ? raw.slice(start) : raw.slice(start, end);
      next++;
    }
    if (end < 0) return column + 1;
    column++;
    start = end + 1;
  }
}

/** Whether a line starting with this character could be blank (only separators and white space). */
function isBlankStart(code: number, separator: number): boolean {
  return code === separator || code <= 0x20 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x3000) || code === 0x1680;
}

const PLAIN_CHUNK = 1024 * 1024;

/**
 * `readExport` for a file `isPlainText` accepted: lines split on "\n" (a "\r" before it dropped),
 * fields on the separator (quoted fields unquoted), with csv-parse's rules as configured above: a BOM is dropped, empty lines
 * and lines of only separators and spaces are skipped, a line longer than 1 MB stops the read.
 * About five times as fast as csv-parse, which must look at every character for quotes.
 */
async function readPlainExport(file: string, name: string, delimiter: Delimiter, fromLine: number, options: ReadExportOptions, sink: ExportSink): Promise<ExportFileInfo> {
  let info: ExportFileInfo | undefined;
  let convert = (_fields: string[], _line: number): void => {};
  let line = 0;
  let bytes = 0;
  let reported = 0;
  const separator = delimiter.charCodeAt(0);
  // The columns the converter reads (ascending) and the fields array it is given for a common row.
  let read = new Int32Array(0);
  let wanted: string[] = [];
  const take = (raw: string): void => {
    line++;
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (raw.length > 0 && raw.charCodeAt(raw.length - 1) === 0x0d) raw = raw.slice(0, -1);
    if (line < fromLine || raw.length === 0) return;
    if (raw.length > MAX_RECORD_BYTES) {
      throw new UserError(`${name}:${line}: a row is longer than 1 MB`, { hint: "Such a row is not a BVH registration; check for an unclosed quote or a broken export." });
    }
    // The common row: no quote, and a first character that makes it no blank line. Only the
    // columns read are cut out of it (into `wanted`, the others stay ""); anything else, or a row
    // with another number of fields, is split whole.
    if (info && raw.indexOf('"') < 0 && !isBlankStart(raw.charCodeAt(0), separator)) {
      info.rows++;
      convert(pickFields(raw, delimiter, read, wanted) === wanted.length ? wanted : raw.split(delimiter), line);
      return;
    }
    const fields = splitLine(raw, delimiter);
    if ((fields[0] ?? "").trim() === "" && fields.every((field) => field.trim() === "")) return;
    if (!info) {
      const mapped = mapColumns(fields, options.columns, name);
      const used = new Set(Object.values(mapped.columns));
      info = { file: name, encoding: "utf-8", delimiter, shape: mapped.shape, rows: 0, ignoredColumns: fields.filter((_, index) => !used.has(index)) };
      convert = makeRowConverter(mapped.shape, mapped.columns, fields.length, delimiter, options, sink);
      read = Int32Array.from([...used].sort((a, b) => a - b));
      wanted = Array.from({ length: fields.length }, () => "");
      return;
    }
    info.rows++;
    convert(fields, line);
  };
  let rest: Buffer | undefined;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: PLAIN_CHUNK }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      const buffer = rest && rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const end = buffer.lastIndexOf(0x0a);
      if (end < 0) {
        rest = buffer;
        if (rest.length > MAX_RECORD_BYTES) take(rest.toString("utf8"));
        continue;
      }
      // Cut at a line end, so that no UTF-8 sequence is split between two chunks.
      const lines = buffer.toString("utf8", 0, end).split("\n");
      for (const raw of lines) take(raw);
      rest = buffer.subarray(end + 1);
      if (options.onProgress && bytes - reported >= PLAIN_CHUNK) {
        reported = bytes;
        options.onProgress(bytes);
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw csvProblem(error, name, line + 1);
  }
  if (rest && rest.length > 0) take(rest.toString("utf8"));
  options.onProgress?.(bytes);
  if (!info) throw new UserError(`${name}: the file has no header row`, { hint: "Export the file again from BVH with column names." });
  return info;
}

/**
 * A quote that opens a field and is closed only rows later turns those rows into text of one
 * field: they would vanish without a trace. A field with a later line that looks like a row —
 * nearly as many separators as the header, and a date (or month) where the header has its date
 * column — is taken for that, and the record is rejected. Free text with line breaks and
 * separators in it does not look like that.
 */
function swallowedRows(fields: readonly string[], delimiter: string, width: number, columns: ColumnMap, line: number): Rejection | undefined {
  const dateColumn = columns.pleegdatum ?? columns.maand;
  if (width < 2 || dateColumn === undefined) return undefined;
  let breaks = 0;
  let rowLike = 0;
  for (const field of fields) {
    if (!field.includes("\n") && !field.includes("\r")) continue;
    const parts = field.split(/\r\n|\n|\r/);
    breaks += parts.length - 1;
    for (const part of parts.slice(1)) {
      const cells = part.split(delimiter);
      const date = (cells[dateColumn] ?? "").trim();
      if (cells.length >= width - 1 && (!("error" in parseDate(date)) || /^\d{4}[-/ ]?M?\d{1,2}$/.test(date))) rowLike++;
    }
  }
  if (rowLike === 0) return undefined;
  const start = line - breaks;
  return {
    reason: "unbalanced-quote",
    line: start,
    column: undefined,
    detail: `a quote opened on line ${start} closes only on line ${line}: ${rowLike} line(s) in between look like rows and would be lost`,
  };
}

async function readSample(file: string, name: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new UserError(`Cannot read export ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: "Check that the file exists and can be read.",
    });
  }
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function csvProblem(error: unknown, name: string, line: number): Error {
  if (error instanceof CsvError) {
    const where = `${name}:${(error as CsvError & { lines?: number }).lines ?? line}`;
    switch (error.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        return new UserError(`${where}: a quoted field is not closed before the end of the file`, {
          hint: "A quote (\") opens a field that never ends; check the line named for a stray quote.",
        });
      case "CSV_MAX_RECORD_SIZE":
        return new UserError(`${where}: a row is longer than 1 MB`, {
          hint: "Such a row is not a BVH registration; check for an unclosed quote or a broken export.",
        });
      case "CSV_INVALID_CLOSING_QUOTE":
        return new UserError(`${where}: a quote in the middle of a quoted field`, {
          hint: "Quotes inside a quoted field must be doubled (\"\"); check the line named.",
        });
      default:
        // csv-parse messages can quote the field they stopped at, which may be free text: only the code is shown.
        return new UserError(`${where}: not valid CSV (${error.code})`, { hint: "The file is not valid CSV at the line named." });
    }
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    return new UserError(`Cannot read export ${name}: ${code} after line ${line - 1}`, {
      hint: "Reading the file failed half-way (a network drive that went away, a disk error): copy it to a local disk and run again.",
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

const SAFE_CODE = /^[\w .:/-]{1,16}$/;

/** A value is echoed in a message only when it cannot be someone's name or free text. */
function shown(value: string): string {
  const trimmed = value.trim();
  return SAFE_CODE.test(trimmed) && /\d/.test(trimmed) ? `"${trimmed}"` : "(value not shown)";
}

/**
 * Builds the per-row conversion for one file. Values repeat a lot (the same klasse, buurt and date
 * on thousands of rows), so each distinct raw value is converted once and remembered.
 */
function makeRowConverter(
  shape: ExportShape,
  columns: ColumnMap,
  width: number,
  delimiter: Delimiter,
  options: ReadExportOptions,
  sink: ExportSink,
): (fields: string[], line: number) => void {
  const { areas, classification } = options;
  type Outcome<T> = T | Rejection;
  // Shared by the files of an ingest when given: the outcomes depend on the value and the options only.
  const caches = options.caches ?? conversionCaches();
  const klasseCache = caches.klasse;
  const isRejection = (value: unknown): value is Rejection => typeof value === "object" && value !== null && "reason" in value;
  const reject = (reason: RejectReason, column: ColumnField | undefined, detail: string): Rejection => ({ reason, line: 0, column, detail });

  const klasseOf = (raw: string): Outcome<string> => {
    let result = klasseCache.get(raw);
    if (result === undefined) {
      const code = parseKlasseCode(raw);
      if (!code) result = reject("bad-klasse", "maatschappelijke_klasse", `${shown(raw)} is not a maatschappelijke klasse code`);
      else if (!classification.klasse(code)) {
        const suggestion = suggestCode(code, classification.klasseCodes());
        const hint = suggestion ? ` — did you mean ${suggestion} (${classification.klasse(suggestion)?.naam})?` : "";
        result = { ...reject("unknown-klasse", "maatschappelijke_klasse", `unknown maatschappelijke klasse "${code}"${hint}`), code, ...(suggestion ? { suggestion } : {}) };
      } else result = code;
      klasseCache.set(raw, result);
    }
    return result;
  };

  const monthFromDate = (raw: string): Outcome<Month> => {
    let result = caches.date.get(raw);
    if (result === undefined) {
      const date = parseDate(raw);
      if ("error" in date) {
        // parseDate quotes the value; free text in a date column must not reach a message.
        const safe = raw.trim() === "" || shown(raw) !== "(value not shown)";
        result = reject("bad-date", "pleegdatum", safe ? date.error : "(value not shown) is not a date (expected dd-mm-jjjj or jjjj-mm-dd)");
      }
      else if (date.year < options.earliestYear) result = reject("too-early", "pleegdatum", `pleegdatum ${shown(raw)} lies before ${options.earliestYear}`);
      else {
        const month = monthOf(date.year, date.month);
        result = month > options.lastPlausibleMonth ? reject("future-date", "pleegdatum", `pleegdatum ${shown(raw)} lies in the future`) : month;
      }
      caches.date.set(raw, result);
    }
    return result;
  };

  const monthFromKey = (raw: string): Outcome<Month> => {
    let result = caches.monthKey.get(raw);
    if (result === undefined) {
      const match = /^(\d{4})[-/ ]?(?:M)?(\d{1,2})$/.exec(raw.trim());
      const month = match ? Number(match[2]) : 0;
      result = match && month >= 1 && month <= 12 ? monthOf(Number(match[1]), month) : reject("bad-date", "maand", `${shown(raw)} is not a month (expected jjjj-mm)`);
      caches.monthKey.set(raw, result);
    }
    return result;
  };

  // The area columns the file has, finest first, each with its own cache of raw value → outcome.
  const areaColumns = (
    [
      ["buurtcode", "BU", 8],
      ["wijkcode", "WK", 6],
      ["gemeentecode", "GM", 4],
    ] as const
  ).flatMap(([field, prefix, digits]) => (columns[field] === undefined ? [] : [{ field, prefix, digits, index: columns[field], cache: caches.area[field] }]));
  const areaOf = (fields: string[]): Outcome<string> => {
    for (const { field, prefix, digits, index, cache: areaCache } of areaColumns) {
      const raw = fields[index] ?? "";
      if (raw.trim() === "") continue;
      const key = raw;
      let result = areaCache.get(key);
      if (result === undefined) {
        const code = normalizeAreaCode(raw, prefix, digits);
        // All comparisons use the current boundaries: a merged gemeente counts for the one it joined.
        const folded = field === "gemeentecode" ? options.herindelingen?.currentOf(code) : undefined;
        if (areas.has(code)) result = code;
        else if (folded) result = folded;
        else {
          const suggestion = suggestCode(code, areas.buurtenOf(code.slice(0, 2) === "BU" ? `GM${code.slice(2, 6)}` : code).slice(0, 500));
          const safe = shown(raw) === "(value not shown)" ? {} : { code };
          result = {
            ...reject("unknown-area", field, `unknown ${field} ${shown(raw)}${suggestion ? ` — did you mean ${suggestion}?` : ""}`),
            ...safe,
            ...(suggestion ? { suggestion } : {}),
          };
        }
        areaCache.set(key, result);
      }
      return result;
    }
    return reject("missing-area", "buurtcode", "no buurtcode, wijkcode or gemeentecode");
  };

  const field = (fields: string[], name: ColumnField): string => {
    const index = columns[name];
    return index === undefined ? "" : (fields[index] ?? "");
  };

  // (Called for every row: no closure is made per row.)
  const failAt = (rejection: Rejection, line: number): void => sink.reject({ ...rejection, line });
  return (fields, line) => {
    if (fields.length !== width) {
      failAt(reject("ragged-row", undefined, `${fields.length} fields where the header has ${width}${otherSeparator(fields, delimiter)}`), line);
      return;
    }
    let registratienummer = "";
    let aantal = 1;
    let month: Outcome<Month>;
    if (shape === "registraties") {
      registratienummer = field(fields, "registratienummer").trim();
      if (registratienummer === "") {
        failAt(reject("missing-registratienummer", "registratienummer", "no registratienummer"), line);
        return;
      }
      month = monthFromDate(field(fields, "pleegdatum"));
    } else {
      const raw = field(fields, "aantal").trim();
      aantal = Number(raw);
      if (raw === "" || !Number.isInteger(aantal) || aantal < 0) {
        failAt(reject("bad-count", "aantal", `${shown(raw)} is not a count (a whole number ≥ 0)`), line);
        return;
      }
      month = monthFromKey(field(fields, "maand"));
    }
    if (isRejection(month)) return failAt(month, line);
    const klasse = klasseOf(field(fields, "maatschappelijke_klasse"));
    if (isRejection(klasse)) return failAt(klasse, line);
    const area = areaOf(fields);
    if (isRejection(area)) return failAt(area, line);
    sink.record({ line, registratienummer, month, klasse, area, aantal });
  };
}

/** For a ragged row: a hint when the row seems to use another separator than the header. */
function otherSeparator(fields: readonly string[], headerDelimiter: Delimiter): string {
  if (fields.length !== 1) return "";
  const other = detectDelimiter(fields[0] ?? "");
  return other && other !== headerDelimiter ? ` — the row seems to use ${JSON.stringify(other)} as separator where the header uses ${JSON.stringify(headerDelimiter)}` : "";
}

/** "3440101", "bu03440101" and "BU03440101" all give "BU03440101". */
export function normalizeAreaCode(raw: string, prefix: string, digits: number): string {
  const value = raw.trim().toUpperCase().replace(/\s+/g, "");
  const number = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return /^\d+$/.test(number) ? prefix + number.padStart(digits, "0") : value;
}
