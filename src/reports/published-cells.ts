import { refKey, type ShownCount, type ShownSum } from "../model/disclosure/relations.ts";
import type { Cell, CellRef, ColumnKind } from "../model/table.ts";
import type { ReportPage } from "./page.ts";
import { tableOf } from "./page.ts";

export { refKey };

/** Where a figure stands, for messages that name report, area and table. */
export interface Place {
  report: string;
  edition: string;
  area: string;
  table: string;
  row: string;
  column: string;
}

export interface PublishedCells {
  /** Every count shown, by refKey; the same count in two tables is one entry. */
  counts: Map<string, ShownCount & { places: Place[] }>;
  /** Figures that reveal a sum of several counts (the region's rate): one per distinct sum. */
  sums: Map<string, ShownSum & { places: Place[] }>;
}

/**
 * A figure reveals the sum of its sources when it is a count, an average or a rate over several
 * counts (the rate of the region is its sum of gemeenten divided by a known population). A change,
 * percentage or verdict over several counts reveals a difference instead: it is hidden with them.
 */
export function isSumFigure(kind: ColumnKind, sources: readonly CellRef[]): boolean {
  return sources.length >= 2 && (kind === "rate" || kind === "count" || kind === "average");
}

/** The key of the sum of `sources`: the same sum on every page is one figure. */
export function sumKey(sources: readonly CellRef[]): string {
  return `Σ ${sources.map(refKey).sort().join(" + ")}`;
}

/** Every count and every shown sum in the tables of `pages`. */
export function publishedCells(pages: readonly ReportPage[]): PublishedCells {
  const counts: PublishedCells["counts"] = new Map();
  const sums: PublishedCells["sums"] = new Map();
  forEachCell(pages, (cell, kind, place) => {
    if (cell.value === null) return;
    if (cell.ref) {
      const key = refKey(cell.ref);
      const entry = counts.get(key);
      if (entry) entry.places.push(place);
      else counts.set(key, { ref: cell.ref, value: cell.value, places: [place] });
    } else if (cell.sources && isSumFigure(kind, cell.sources)) {
      const id = sumKey(cell.sources);
      const entry = sums.get(id);
      if (entry) entry.places.push(place);
      else sums.set(id, { id, sources: cell.sources, places: [place] });
    }
  });
  return { counts, sums };
}

/**
 * Hides every count whose key is in `hidden`, every shown sum whose key is, and every other derived
 * figure computed from a hidden count: the value goes, the symbol becomes `x`. All hidden figures
 * get the same note, so a reader cannot tell a small count from one hidden to protect it. Pages are
 * changed in place, before anything is rendered or written; returns the cells hidden per page.
 */
export function hideCells(pages: readonly ReportPage[], hidden: ReadonlySet<string>): Map<ReportPage, number> {
  const perPage = new Map<ReportPage, number>();
  for (const page of pages) {
    let count = 0;
    forEachCell([page], (cell, kind) => {
      const isHidden = cell.ref
        ? hidden.has(refKey(cell.ref))
        : cell.sources !== undefined && cell.sources.length > 0 && (isSumFigure(kind, cell.sources) ? hidden.has(sumKey(cell.sources)) : cell.sources.some((source) => hidden.has(refKey(source))));
      if (!isHidden) return;
      if (cell.symbol !== "x") {
        cell.value = null;
        cell.symbol = "x";
        cell.note = HIDDEN_NOTE;
        delete cell.verdict;
      }
      count++;
    });
    perPage.set(page, count);
  }
  return perPage;
}

export const HIDDEN_NOTE = "geheim: niet getoond om herleidbaarheid te voorkomen";

/** Calls `visit` for every cell of every table of `pages`, with its column kind and place. */
export function forEachCell(pages: readonly ReportPage[], visit: (cell: Cell, kind: ColumnKind, place: Place) => void): void {
  for (const page of pages) {
    for (const section of page.sections) {
      const table = tableOf(section);
      if (!table) continue;
      for (const row of table.rows) {
        row.cells.forEach((cell, i) => {
          const column = table.columns[i];
          visit(cell, column?.kind ?? "count", {
            report: page.report.kind,
            edition: page.edition.id,
            area: page.area.code,
            table: table.id,
            row: row.label,
            column: column?.label ?? String(i),
          });
        });
      }
    }
  }
}
