import type { Month } from "./months.ts";
import type { Verdict } from "./significance.ts";

/**
 * A report table as plain data: what HTML, PDF, CSV and XLSX are made from, and what disclosure
 * control inspects. Values are raw numbers; formatting happens at the edges.
 */
export interface Table {
  /** Unique within a page, used for anchors and download names. */
  id: string;
  caption: string;
  /** Heading of the row-header column: "Categorie", "Wijk", "Maand". */
  rowHeading: string;
  columns: Column[];
  rows: Row[];
  /** Footnotes shown under the table (why a % is missing, what * means, …). */
  notes: string[];
}

/**
 * - `count`: registrations in a period; `average`: the mean of counts over earlier years;
 * - `change`: absolute difference; `percent`: relative change (0.125 = 12,5%);
 * - `rate`: per 1.000 inwoners; `verdict`: significance of a change in words.
 */
export type ColumnKind = "count" | "average" | "change" | "percent" | "rate" | "verdict";

export interface Column {
  id: string;
  label: string;
  kind: ColumnKind;
  /** A heading spanning several columns, e.g. "2025" over the months. */
  group?: string;
  /** Marks that hold for every cell of the column (shown once, in the header: "2025*"). */
  flags?: Flag[];
  /** For verdicts: also say "geen significante verandering" in words (public pages). */
  words?: boolean;
}

export type RowRole = "total" | "subtotal" | "detail";

export interface Row {
  id: string;
  /** The row header, e.g. "1.1.1 Diefstal/inbraak woning". */
  label: string;
  /** Indentation level in a hierarchy (0 = total). */
  level: number;
  role: RowRole;
  cells: Cell[];
}

/**
 * Why a figure carries a mark: `voorlopig` (provisional year, shown *), `onvolledig` (the period
 * runs past the build date or a delivery is missing), `geschat` (population of another year).
 */
export type Flag = "voorlopig" | "onvolledig" | "geschat";

/**
 * CBS/politie symbols for a cell without a plain number: `x` geheim (suppressed), `.` ontbreekt
 * (not available, or a figure that would mean nothing, such as a percentage on too small a base;
 * the cell's note says which), `–` nihil. CBS readers read `–` as 0, so it never stands for "no figure".
 */
export type CellSymbol = "x" | "." | "–";

/** What a count cell counts, so that disclosure control can find the relations between cells. */
export interface CellRef {
  area: string;
  category: string;
  first: Month;
  last: Month;
}

export interface Cell {
  value: number | null;
  symbol?: CellSymbol;
  flags?: Flag[];
  verdict?: Verdict;
  /** Short reason for a symbol or mark, e.g. "basis te klein". */
  note?: string;
  /** For counts: the cube cells summed. */
  ref?: CellRef;
  /** For derived figures: the counts they are computed from. */
  sources?: CellRef[];
}
