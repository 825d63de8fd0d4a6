import type { Cell, CellRef } from "../model/table.ts";
import type { ReportPage } from "./page.ts";
import { tableOf } from "./page.ts";

/** One key per counted quantity: the same count on two pages or in two tables is one cell. */
export function refKey(ref: CellRef): string {
  return `${ref.area}|${ref.category}|${ref.first}|${ref.last}`;
}

/** Where a figure stands, for messages that name report, area and table. */
export interface Place {
  report: string;
  edition: string;
  area: string;
  table: string;
  row: string;
  column: string;
}

export interface PublishedCount {
  ref: CellRef;
  value: number;
  places: Place[];
}

/**
 * A derived figure (change, %, per 1.000, average, significance) and the counts it is computed
 * from: when one of them is hidden, so is the figure.
 */
export interface PublishedDerived {
  sources: CellRef[];
  place: Place;
}

export interface PublishedCells {
  counts: Map<string, PublishedCount>;
  derived: PublishedDerived[];
}

/** Every count and derived figure in the tables of `pages`, counts merged by what they count. */
export function publishedCells(pages: readonly ReportPage[]): PublishedCells {
  const counts = new Map<string, PublishedCount>();
  const derived: PublishedDerived[] = [];
  forEachCell(pages, (cell, place) => {
    if (cell.ref && cell.value !== null) {
      const key = refKey(cell.ref);
      const entry = counts.get(key);
      if (entry) entry.places.push(place);
      else counts.set(key, { ref: cell.ref, value: cell.value, places: [place] });
    } else if (cell.sources && cell.sources.length > 0 && cell.value !== null) {
      derived.push({ sources: cell.sources, place });
    }
  });
  return { counts, derived };
}

/**
 * Hides every count whose key is in `hidden` and every derived figure computed from one: the
 * value goes, the symbol becomes `x` with the reason as its note. Returns how many table cells
 * were hidden. Pages are changed in place, before anything is rendered or written.
 */
export function hideCells(pages: readonly ReportPage[], hidden: ReadonlyMap<string, string>): number {
  let count = 0;
  forEachCell(pages, (cell) => {
    const reason = cell.ref ? hidden.get(refKey(cell.ref)) : cell.sources?.map((source) => hidden.get(refKey(source))).find((item) => item !== undefined);
    if (reason === undefined || cell.symbol === "x") return;
    cell.value = null;
    cell.symbol = "x";
    cell.note = reason;
    delete cell.verdict;
    count++;
  });
  return count;
}

function forEachCell(pages: readonly ReportPage[], visit: (cell: Cell, place: Place) => void): void {
  for (const page of pages) {
    for (const section of page.sections) {
      const table = tableOf(section);
      if (!table) continue;
      for (const row of table.rows) {
        row.cells.forEach((cell, i) =>
          visit(cell, { report: page.report.kind, edition: page.edition.id, area: page.area.code, table: table.id, row: row.label, column: table.columns[i]?.label ?? String(i) }),
        );
      }
    }
  }
}
