import { figureOfCell, type MapFigure } from "../../charts/choropleth.ts";
import type { Cell, Column, Table } from "../../model/table.ts";
import type { ReportPage } from "../page.ts";
import { tableOf } from "../page.ts";

/**
 * Reading a public page's tables as published (after disclosure control): every figure goes
 * through `figureOfCell`, so a cell marked x is `geheim` whatever value it may still hold, and
 * nothing made from these readers can show a hidden value.
 */
export interface PublishedTable {
  table: Table;
  /** The figure of a row and column as published. */
  figure(rowId: string, columnId: string): MapFigure;
  /** The cell itself, for its sources, flags and verdict (read only: check `figure` first). */
  cell(rowId: string, columnId: string): Cell | undefined;
  column(columnId: string): Column | undefined;
}

export function publishedTable(table: Table): PublishedTable {
  const columnIndex = new Map(table.columns.map((column, i) => [column.id, i]));
  const cell = (rowId: string, columnId: string): Cell | undefined => {
    const index = columnIndex.get(columnId);
    return index === undefined ? undefined : table.rows.find((row) => row.id === rowId)?.cells[index];
  };
  return {
    table,
    figure(rowId, columnId) {
      const found = cell(rowId, columnId);
      return found ? figureOfCell(found) : "ontbreekt";
    },
    cell,
    column: (columnId) => table.columns.find((column) => column.id === columnId),
  };
}

/** The table of a page's section by id, as published. */
export function sectionTable(page: ReportPage, id: string): PublishedTable | undefined {
  const table = tableOf(page.sections.find((section) => section.id === id));
  return table ? publishedTable(table) : undefined;
}

/** A shown number, or undefined for x and `.`. */
export function shown(figure: MapFigure): number | undefined {
  return typeof figure === "number" ? figure : undefined;
}
