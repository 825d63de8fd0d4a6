import type { Cell, Column, Table } from "../model/table.ts";
import { cellText, cellTitle, flagMarks } from "./filters.ts";

export interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
  scope: "col" | "colgroup";
  numeric: boolean;
  /** A spacer above ungrouped columns: rendered as an empty td, not as a header. */
  empty: boolean;
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
  /** Made only for a layout that loops over the rows itself (the tool's own takes `bodyHtml`). */
  rows: { id: string; label: string; className: string; cells: BodyCell[]; cellsHtml: string }[];
  /**
   * The body rows as HTML, as the loop over `rows` in layouts/partials/table.njk wrote them (from
   * the first row's `<tr` to the last row's `</tr>`, indented as there); "" without rows.
   */
  bodyHtml: string;
  notes: string[];
}

/**
 * Arranges a table for the template: grouped column headings with their spans, and every cell
 * formatted, so that the Nunjucks layout only loops.
 */
export function tableView(table: Table): TableView {
  const hasGroups = table.columns.some((column) => column.group);
  // No rowspans: Chromium drops cells of a repeated table header (each PDF page) when a header
  // cell spans rows. Ungrouped columns get an empty cell above their label instead.
  const empty = (colspan: number): HeaderCell => ({ text: "", colspan, rowspan: 1, scope: "col", numeric: false, empty: true });
  const top: HeaderCell[] = hasGroups ? [empty(1)] : [];
  const bottom: HeaderCell[] = [{ text: table.rowHeading, colspan: 1, rowspan: 1, scope: "col", numeric: false, empty: false }];
  for (let i = 0; i < table.columns.length; ) {
    const column = table.columns[i] as Column;
    let span = 1;
    while (column.group && table.columns[i + span]?.group === column.group) span++;
    if (hasGroups) top.push(column.group ? { text: column.group, colspan: span, rowspan: 1, scope: "colgroup", numeric: true, empty: false } : empty(span));
    for (let j = i; j < i + span; j++) bottom.push(headerOf(table.columns[j] as Column));
    i += span;
  }
  const bodyCell = (cell: Cell, index: number): BodyCell => {
    const column = table.columns[index] as Column;
    return {
      text: cellText(cell, column),
      title: cellTitle(cell, column),
      className: `kind-${column.kind}${cell.symbol ? " symbol" : ""}${cell.verdict && cell.verdict !== "geen significante verandering" ? ` verdict-${cell.verdict}` : ""}`,
    };
  };
  const rowClass = (row: Table["rows"][number]): string => `role-${row.role} level-${row.level}`;
  // Each table is written once, here, as one string: a template loop over hundreds of rows (and
  // the objects it is handed) costs more than the rest of the page.
  const cellsHtml = table.rows.map((row) => {
    let html = "";
    row.cells.forEach((cell, index) => (html += cellHtml(bodyCell(cell, index))));
    return html;
  });
  const bodyHtml = table.rows.map((row, index) => `<tr class="${escapeHtml(rowClass(row))}">\n      <th scope="row">${escapeHtml(row.label)}</th>\n      ${cellsHtml[index]}\n    </tr>`).join("\n    ");
  return {
    id: table.id,
    caption: table.caption,
    headerRows: hasGroups ? [top, bottom] : [bottom],
    get rows() {
      return table.rows.map((row, index) => ({
        id: row.id,
        label: row.label,
        className: rowClass(row),
        get cells() {
          return row.cells.map(bodyCell);
        },
        cellsHtml: cellsHtml[index] as string,
      }));
    },
    bodyHtml,
    notes: table.notes,
  };
}

function headerOf(column: Column): HeaderCell {
  return { text: column.label + flagMarks(column.flags), colspan: 1, rowspan: 1, scope: "col", numeric: column.kind !== "verdict", empty: false };
}

/**
 * A cell as HTML, escaped as Nunjucks escapes: a table has hundreds of cells, and a template loop
 * over them costs more than the rest of the page (layouts may still loop over a row's `cells`).
 */
function cellHtml(cell: BodyCell): string {
  return `<td class="${escapeHtml(cell.className)}"${cell.title ? ` title="${escapeHtml(cell.title)}"` : ""}>${escapeHtml(cell.text)}</td>`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;", "\\": "&#92;" };
const SPECIAL = /[&"'<>\\]/;

/** Nunjucks' autoescape (node_modules/nunjucks/src/lib.js): & " ' < > \ as entities. */
export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&"'<>\\]/g, (char) => ESCAPES[char] as string) : text;
}
