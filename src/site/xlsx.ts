import ExcelJS from "exceljs";
import type { Column, Table } from "../model/table.ts";
import { columnHeading } from "./csv.ts";

const NUMBER_FORMATS: Record<Column["kind"], string | undefined> = {
  count: "#,##0",
  average: "#,##0.0",
  change: "+#,##0;-#,##0;0",
  percent: "+0.0%;-0.0%;0.0%",
  rate: "0.0",
  verdict: undefined,
};

/**
 * A workbook with one sheet per table: caption in the first row, the header in the second (both
 * frozen, with the row headers), numbers as numbers with Dutch-readable formats, symbols (x . –)
 * as text, notes under the table. `date` fixes the workbook's dates so equal inputs give equal
 * bytes. Cells are written as values, never as formulas.
 */
export async function tablesToXlsx(tables: readonly { title: string; table: Table }[], date: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Veiligheidsbeeld";
  workbook.created = date;
  workbook.modified = date;
  const names = new Set<string>();
  for (const { title, table } of tables) {
    const sheet = workbook.addWorksheet(sheetName(title, names), { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] });
    sheet.addRow([table.caption]).font = { bold: true };
    const header = sheet.addRow([table.rowHeading, ...table.columns.map(columnHeading)]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "bottom" };
    for (const row of table.rows) {
      const values = row.cells.map((cell, i) => {
        const column = table.columns[i] as Column;
        if (cell.symbol) return cell.symbol;
        if (column.kind === "verdict") return cell.verdict === "geen significante verandering" ? "" : (cell.verdict ?? "");
        return cell.value ?? ".";
      });
      const added = sheet.addRow([row.label, ...values]);
      if (row.role !== "detail") added.font = { bold: true };
      added.getCell(1).alignment = { indent: row.level };
    }
    table.columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 2);
      const format = NUMBER_FORMATS[column.kind];
      if (format) sheetColumn.numFmt = format;
      sheetColumn.width = Math.max(9, Math.min(28, columnHeading(column).length + 2));
    });
    sheet.getColumn(1).width = Math.min(60, Math.max(20, ...table.rows.map((row) => row.label.length + 2 * row.level + 2)));
    if (table.notes.length > 0) {
      sheet.addRow([]);
      for (const note of table.notes) sheet.addRow([note]).font = { italic: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31).trim() || "Tabel";
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 28)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
