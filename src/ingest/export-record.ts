import type { ColumnField } from "./export-columns.ts";
import type { Granularity } from "../model/cube.ts";
import type { Day } from "../model/days.ts";
import type { Month } from "../model/months.ts";

/** One accepted registration (incident-level input). */
export interface ExportRecord {
  line: number;
  registratienummer: string;
  month: Month;
  /** The day of the pleegdatum. */
  day: Day;
  /** Its part of the day (index into DAY_PARTS), or -1 when the export gives no time. */
  dayPart: number;
  /** A modus operandi code of the code list, when the export has the column and the row a listed code. */
  mo?: string;
  klasse: string;
  /** The finest known area: a buurt, or a wijk/gemeente when the row has no buurt. */
  area: string;
  /** Always 1: a registration. */
  aantal: number;
}

/** One row of a table of counts (aggregated exports, open data), its area resolved to a code. */
export interface CountRow {
  line: number;
  /** A buurt, wijk or gemeente code. */
  area: string;
  /** The first month of the period the count is for. */
  month: Month;
  granularity: Granularity;
  /** Marked provisional by the source (`2024*`). */
  provisional: boolean;
  /** A maatschappelijke klasse, or a soort code standing for its pseudo-klasse. */
  klasse: string;
  /** The count; undefined when the source has none ("." or empty): missing, which is not 0. */
  aantal: number | undefined;
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
  | "unbalanced-quote"
  | "repeated-header";

export interface Rejection {
  reason: RejectReason;
  line: number;
  column: ColumnField | undefined;
  /** What was wrong, safe to print: values of personal columns are never shown (see row-conversions). */
  detail: string;
  /** For unknown codes: the code as read, only when it is safe to show. */
  code?: string;
  /** For unknown codes: the nearest valid code. */
  suggestion?: string;
}

/**
 * What ingest tells the analyst without refusing a row: a row above the gemeente level (a check,
 * not counted), a total that differs from its soorten, a coarser area whose row differs from the
 * sum of its parts, a count that is missing; in a BVH export, a modus operandi value that is not a
 * code of the code list.
 */
export type NoticeKind = "above-gemeente" | "total-differs" | "level-differs" | "missing-count" | "mo-not-listed";
