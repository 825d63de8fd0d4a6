import type { Column, Table } from "../model/table.ts";
import { cellText, cellTitle, flagMarks } from "./filters.ts";

export interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
  scope: "col" | "colgroup";
  numeric: boolean;
}

export interface BodyCell {
  text: string;
  title: string | undefined;
  className: string;
}

export interface TableView {
  id: string;
  caption: string;
  headerRows: HeaderCell[][];
  rows: { id: string; label: string; className: string; cells: BodyCell[] }[];
  notes: string[];
}

/**
 * Arranges a table for the template: grouped column headings with their spans, and every cell
 * formatted, so that the Nunjucks layout only loops.
 */
export function tableView(table: Table): TableView {
  const hasGroups = table.columns.some((column) => column.group);
  const top: HeaderCell[] = [{ text: table.rowHeading, colspan: 1, rowspan: hasGroups ? 2 : 1, scope: "col", numeric: false }];
  const bottom: HeaderCell[] = [];
  for (let i = 0; i < table.columns.length; ) {
    const column = table.columns[i] as Column;
    if (!hasGroups) {
      top.push(headerOf(column, 1, 1));
      i++;
      continue;
    }
    if (!column.group) {
      top.push(headerOf(column, 1, 2));
      i++;
      continue;
    }
    let span = 1;
    while (table.columns[i + span]?.group === column.group) span++;
    top.push({ text: column.group, colspan: span, rowspan: 1, scope: "colgroup", numeric: true });
    for (let j = i; j < i + span; j++) bottom.push(headerOf(table.columns[j] as Column, 1, 1));
    i += span;
  }
  return {
    id: table.id,
    caption: table.caption,
    headerRows: hasGroups ? [top, bottom] : [top],
    rows: table.rows.map((row) => ({
      id: row.id,
      label: row.label,
      className: `role-${row.role} level-${row.level}`,
      cells: row.cells.map((cell, index) => {
        const column = table.columns[index] as Column;
        return {
          text: cellText(cell, column),
          title: cellTitle(cell, column),
          className: `kind-${column.kind}${cell.symbol ? " symbol" : ""}${cell.verdict && cell.verdict !== "geen significante verandering" ? ` verdict-${cell.verdict}` : ""}`,
        };
      }),
    })),
    notes: table.notes,
  };
}

function headerOf(column: Column, colspan: number, rowspan: number): HeaderCell {
  return { text: column.label + flagMarks(column.flags), colspan, rowspan, scope: "col", numeric: true };
}
