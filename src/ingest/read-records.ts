import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline, type Transform } from "node:stream";
import { parse, CsvError } from "csv-parse";
import { UserError } from "../user-error.ts";
import { DELIMITERS, detectDelimiter, type Delimiter } from "./detect-delimiter.ts";
import { detectEncoding, type Encoding } from "./detect-encoding.ts";
import { guardStream } from "./guard-stream.ts";

/**
 * Where the records of a CSV file go. Both readers below — the fast line splitter and csv-parse —
 * hand the same records with the same line numbers to it, so what a record means (the input
 * format) is decided in one place whichever reader read it.
 */
export interface RecordHandler {
  /**
   * The header row. Returns the indexes of the columns that will be read, ascending: the fast
   * reader cuts only those out of a common row (the others stay "") and never allocates the rest.
   */
  header(fields: string[], line: number, delimiter: Delimiter): readonly number[];
  /**
   * A data row, with the line it ends on. `multiline` is true when the record spans more than one
   * line (a quoted field with line breaks: only csv-parse reads such files).
   */
  row(fields: string[], line: number, multiline: boolean): void;
}

/** How a file was read. */
export interface RecordFileInfo {
  encoding: Encoding;
  delimiter: Delimiter;
  /** Whether a header row was found (a file of only blank lines has none). */
  header: boolean;
}

export interface ReadRecordsOptions {
  /** Name used in messages (usually the path relative to the project). */
  name: string;
  /** Called with the bytes read so far, about every megabyte and at the end (for progress output). */
  onProgress?: (bytes: number) => void;
}

const SAMPLE_BYTES = 64 * 1024;
/** A field longer than this is not data from BVH; csv-parse stops with a clear error. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** iconv-lite, loaded when an export is read (a rebuild that has the exports' cube in its cache reads none). */
const iconvLite = async () => (await import("iconv-lite")).default;

/**
 * Streams the records of one CSV file to `handler`: detects encoding and separator (or Excel's
 * "sep=" line), reads line by line when the file allows it and with csv-parse otherwise. Throws a
 * UserError for a file that cannot be read as CSV at all (empty, binary, no separator, a quote
 * that never closes, a read error half-way).
 */
export async function readRecords(file: string, options: ReadRecordsOptions, handler: RecordHandler): Promise<RecordFileInfo> {
  const { name } = options;
  const sample = await readSample(file, name);
  const guess = sample.length === 0 ? undefined : detectEncoding(sample);
  if (guess === undefined || (guess !== "binary" && sample.length === guess.bom)) {
    throw new UserError(`${name}: the file is empty`, { hint: "Export the file again; a delivery always has a header row." });
  }
  if (guess === "binary") {
    throw new UserError(`${name}: this is not a text (CSV) file`, {
      hint: "Save the export as CSV (UTF-8 or Windows-1252, ; separated), not as .xlsx or another binary format.",
    });
  }
  const sampleText = (await iconvLite()).decode(Buffer.from(sample.subarray(guess.bom)), guess.encoding);
  // Excel writes "sep=;" as the first line when asked to keep the separator with the file (some
  // tools quote it). The header is the first line after it that is not blank, as the readers see it.
  const lines = sampleText.split(/\r\n|\n|\r/);
  const separatorLine = /^"?sep=(.)"?$/i.exec((lines[0] ?? "").trim());
  const headerIndex = Math.max(0, lines.findIndex((line, index) => index >= (separatorLine ? 1 : 0) && line.trim() !== ""));
  const headerLine = lines[headerIndex] ?? "";
  const delimiter = separatorLine ? DELIMITERS.find((candidate) => candidate === separatorLine[1]) : detectDelimiter(headerLine);
  if (separatorLine && delimiter) {
    // A "sep=" line that names another separator than the header row uses was edited by hand:
    // reading by it would make the whole header one column.
    const used = detectDelimiter(headerLine);
    if (used && used !== delimiter && !headerLine.includes(delimiter)) {
      throw new UserError(`${name}:1: the first line "sep=${delimiter}" says the columns are separated by ${JSON.stringify(delimiter)}, but the header row (line ${headerIndex + 1}) uses ${JSON.stringify(used)}`, {
        hint: `Correct the first line to sep=${used}, or remove it.`,
      });
    }
  }
  if (!delimiter) {
    throw new UserError(`${name}:${headerIndex + 1}: no column separator (; , tab or |) in the header row`, {
      hint: "The first line must be the header row with the column names, separated by ; or ,.",
    });
  }
  const fromLine = separatorLine ? 2 : 1;
  const header =
    guess.encoding === "utf-8" && (await isPlainText(file, delimiter))
      ? await readPlainRecords(file, delimiter, fromLine, options, handler)
      : await readParsedRecords(file, guess.encoding, delimiter, fromLine, options, handler);
  return { encoding: guess.encoding, delimiter, header };
}

/** `readRecords` through csv-parse, for files with quoted line breaks, other encodings or odd line ends. */
async function readParsedRecords(file: string, encoding: Encoding, delimiter: Delimiter, fromLine: number, options: ReadRecordsOptions, handler: RecordHandler): Promise<boolean> {
  const { name, onProgress } = options;
  const parser = parse({
    delimiter,
    bom: true,
    from_line: fromLine,
    relax_column_count: true,
    // A quote inside an unquoted field (Jan "de Boer") is kept as text; a quoted field that
    // swallows the rows after it is caught by the handler (it is told the record is multiline).
    relax_quotes: true,
    // Every line ending ends a record, whichever the file's first line uses: a file that mixes CRLF
    // with LF (or has a lone CR) must not have an LF row merged into the next one. Line breaks
    // inside quoted fields stay text.
    record_delimiter: ["\r\n", "\n", "\r"],
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
  const stages: Transform[] = [guardStream({ name, refuseNul: encoding === "utf-8" || encoding === "windows-1252", ...(onProgress ? { onProgress } : {}) })];
  if (encoding !== "utf-8") stages.push((await iconvLite()).decodeStream(encoding) as unknown as Transform);
  if (encoding === "utf-16le" || encoding === "utf-16be") stages.push(guardStream({ name, refuseNul: true }));
  const source = createReadStream(file);
  // Errors of any stage reach the parser, whose iterator below throws them.
  pipeline([source, ...stages, parser], () => undefined);
  let header = false;
  let previousLine = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const line = Number(fields.pop());
      if (!header) {
        header = true;
        handler.header(fields, line, delimiter);
      } else handler.row(fields, line, line - previousLine > 1);
      previousLine = line;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    // A record that is too long or never ends is named by the line it starts on, where the
    // quote that keeps it open is to be found, not by the line the parser had reached.
    throw csvProblem(error, name, parser.info.lines + 1, previousLine + 1);
  } finally {
    source.destroy();
  }
  return header;
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
 * `readRecords` for a file `isPlainText` accepted: lines split on "\n" (a "\r" before it dropped),
 * fields on the separator (quoted fields unquoted), with csv-parse's rules as configured above: a
 * BOM is dropped, empty lines and lines of only separators and spaces are skipped, a line longer
 * than 1 MB stops the read. About five times as fast as csv-parse, which must look at every
 * character for quotes.
 */
async function readPlainRecords(file: string, delimiter: Delimiter, fromLine: number, options: ReadRecordsOptions, handler: RecordHandler): Promise<boolean> {
  const { name, onProgress } = options;
  let header = false;
  let line = 0;
  let bytes = 0;
  let reported = 0;
  const separator = delimiter.charCodeAt(0);
  // The columns the handler reads (ascending) and the fields array it is given for a common row.
  let read = new Int32Array(0);
  let wanted: string[] = [];
  const take = (raw: string): void => {
    line++;
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (raw.length > 0 && raw.charCodeAt(raw.length - 1) === 0x0d) raw = raw.slice(0, -1);
    if (line < fromLine || raw.length === 0) return;
    if (raw.length > MAX_RECORD_BYTES) {
      throw new UserError(`${name}:${line}: a row is longer than 1 MB`, { hint: "Such a row is not an export row; check for an unclosed quote or a broken export." });
    }
    // The common row: no quote, and a first character that makes it no blank line. Only the
    // columns read are cut out of it (into `wanted`, the others stay ""); anything else, or a row
    // with another number of fields, is split whole.
    if (header && raw.indexOf('"') < 0 && !isBlankStart(raw.charCodeAt(0), separator)) {
      handler.row(pickFields(raw, delimiter, read, wanted) === wanted.length ? wanted : raw.split(delimiter), line, false);
      return;
    }
    const fields = splitLine(raw, delimiter);
    if ((fields[0] ?? "").trim() === "" && fields.every((field) => field.trim() === "")) return;
    if (!header) {
      header = true;
      read = Int32Array.from([...handler.header(fields, line, delimiter)].sort((a, b) => a - b));
      wanted = Array.from({ length: fields.length }, () => "");
      return;
    }
    handler.row(fields, line, false);
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
      if (onProgress && bytes - reported >= PLAIN_CHUNK) {
        reported = bytes;
        onProgress(bytes);
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw csvProblem(error, name, line + 1);
  }
  if (rest && rest.length > 0) take(rest.toString("utf8"));
  onProgress?.(bytes);
  return header;
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

function csvProblem(error: unknown, name: string, line: number, recordStart = line): Error {
  if (error instanceof CsvError) {
    const reached = (error as CsvError & { lines?: number }).lines ?? line;
    const where = `${name}:${(error as CsvError & { lines?: number }).lines ?? line}`;
    const start = Math.min(recordStart, reached);
    const runsOn = reached > start ? ` (the row that starts on line ${start} runs on to line ${reached})` : "";
    switch (error.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        return new UserError(`${name}:${start}: a quoted field is not closed before the end of the file${runsOn}`, {
          hint: "A quote (\") opens a field that never ends; check the line named for a stray quote.",
        });
      case "CSV_MAX_RECORD_SIZE":
        return new UserError(`${name}:${start}: a row is longer than 1 MB${runsOn}`, {
          hint: "Such a row is not an export row; check the line named for a quote that is not closed, or export the file again.",
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
