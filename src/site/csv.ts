import type { Cell, Column, Table } from "../model/table.ts";
import { quote } from "../reports/csv-field.ts";
import { flagMarks } from "./filters.ts";

/**
 * A table as CSV that opens right in Dutch Excel: UTF-8 with BOM, `;` between fields, decimal
 * comma, no thousands separator, CRLF line ends. Percentages are given as numbers (12,3 for 12,3%).
 * Text that Excel would take for a formula (starting with = + - @) is prefixed with '.
 */
export function tableToCsv(table: Table): string {
  const header = [table.rowHeading, ...table.columns.map(columnHeading)];
  const lines = [header, ...table.rows.map((row) => [row.label, ...row.cells.map((cell, i) => csvValue(cell, table.columns[i] as Column))])].map((fields) =>
    fields.map((field) => quote(field)).join(";"),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** "2025 jan*", "t.o.v. vorig jaar %": the group and label of a column in one heading. */
export function columnHeading(column: Column): string {
  const label = `${column.label}${flagMarks(column.flags)}`;
  return column.group && column.group !== column.label ? `${column.group} ${label}` : label;
}

function csvValue(cell: Cell, column: Column): string {
  if (cell.symbol) return cell.symbol;
  if (column.kind === "verdict") return cell.verdict === "geen significante verandering" ? "" : (cell.verdict ?? "");
  if (cell.value === null) return ".";
  switch (column.kind) {
    case "percent":
      return decimal(cell.value * 100, 1);
    case "rate":
    case "average":
      return decimal(cell.value, 1);
    default:
      return Number.isInteger(cell.value) ? String(cell.value) : decimal(cell.value, 1);
  }
}

function decimal(value: number, digits: number): string {
  return value.toFixed(digits).replace(".", ",");
}
