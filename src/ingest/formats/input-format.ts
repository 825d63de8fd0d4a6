import type { ColumnField } from "../export-columns.ts";
import type { ColumnMap } from "../map-columns.ts";
import type { RowConversions } from "../row-conversions.ts";
import type { Classification } from "../../reference/classification.ts";
import type { CountRow, ExportRecord, NoticeKind, Rejection } from "../export-record.ts";

/** The input formats the tool reads; each is one module in this folder. */
export type FormatId = "bvh-registraties" | "aantallen" | "open-data";

/** A field a format needs: one column, or one of several (an area by buurt, wijk or gemeente code). */
export interface Requirement {
  /** The column fields that satisfy it (any one of them). */
  anyOf: readonly ColumnField[];
  /** What a message calls it: "a period column", "an area column (buurtcode, wijkcode or gemeentecode)". */
  description: string;
}

/** Where a format's converter puts what it read. */
export interface FormatSink {
  /** A registration (incident-level formats). */
  record(record: ExportRecord): void;
  /** A count of an area, period and klasse or soort (table formats); may be missing ("." or empty). */
  count(row: CountRow): void;
  reject(rejection: Rejection): void;
  /** Something the analyst should know that refuses nothing: a row used as a check, a total that differs. */
  notice(kind: NoticeKind, line: number, detail: string): void;
}

/** Everything a converter may use: the file's column map and width, and the shared value conversions. */
export interface ConverterContext {
  name: string;
  columns: ColumnMap;
  /** Number of fields in the header. */
  width: number;
  conversions: RowConversions;
  classification: Classification;
  sink: FormatSink;
}

/** The per-file part of a format: a row converter and what happens after the last row. */
export interface Converter {
  /** Converts one data row of the header's width (ragged rows are refused before). */
  row(fields: string[], line: number): void;
  /** After the last row (open data resolves area names over the whole file here). */
  finish?(): void;
}

/**
 * An input format: recognised from the header, it names the fields it needs and turns a record
 * into registrations or counts. Adding a format is one module implementing this and its tests.
 */
export interface InputFormat {
  id: FormatId;
  /** How a message names it: "BVH registrations (one row per registration)". */
  label: string;
  /** What the header must hold. */
  required: readonly Requirement[];
  /** Every field the format reads, required or not: no other column of the file is read. */
  reads: readonly ColumnField[];
  /**
   * Whether the header is of this format when it holds every requirement (formats are tried in
   * order; the first whose requirements hold and that claims the header wins).
   */
  claims(columns: ColumnMap): boolean;
  converter(context: ConverterContext): Converter;
}

/** The requirements of `format` that `columns` lacks. */
export function missingRequirements(format: InputFormat, columns: ColumnMap): Requirement[] {
  return format.required.filter((requirement) => requirement.anyOf.every((field) => columns[field] === undefined));
}
