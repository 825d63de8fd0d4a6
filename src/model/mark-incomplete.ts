import { describeFinding, type CompletenessFinding } from "./completeness.ts";
import type { IncompleteDeliveries } from "./incomplete-deliveries.ts";
import type { Cell, CellRef, Column, Table } from "./table.ts";

/** What the marks mean, after the deliveries are named in the note under the table. */
export const INCOMPLETE_NOTE =
  "Cijfers over een periode met die maand zijn te laag (°); een percentage en de significantie worden daar niet gegeven (.).";

/**
 * Marks every figure of a table that counts a month with a missing or partial delivery: a count
 * cell whose period holds an affected month of its area gets `onvolledig`; a derived cell (change,
 * rate, average) gets it when one of its sources does, and a percentage or significance verdict
 * computed from such a source is withheld (`.`), so that a gap in the data never reads as a fall
 * in crime. The note under the table names the deliveries and their numbers. Pure: returns a new
 * table (the same one when nothing is affected).
 */
export function markIncomplete(table: Table, deliveries: IncompleteDeliveries | undefined, nameOf: (code: string) => string, regionName?: string): Table {
  if (!deliveries || deliveries.findings.length === 0) return table;
  const hit = new Set<CompletenessFinding>();
  const affected = (ref: CellRef): boolean => {
    let any = false;
    for (const finding of deliveries.findingsOf(ref.area, ref.category)) {
      if (finding.month >= ref.first && finding.month <= ref.last) {
        hit.add(finding);
        any = true;
      }
    }
    return any;
  };
  const rows = table.rows.map((row) => ({
    ...row,
    cells: row.cells.map((cell, index) => markCell(cell, table.columns[index], affected)),
  }));
  if (hit.size === 0) return table;
  const findings = [...hit].sort((a, b) => a.month - b.month || (a.area ?? "").localeCompare(b.area ?? ""));
  const note = `Onvolledige levering — ${findings.map((finding) => describeFinding(finding, nameOf, regionName)).join("; ")}. ${INCOMPLETE_NOTE}`;
  return { ...table, rows, notes: [...table.notes, note] };
}

function markCell(cell: Cell, column: Column | undefined, affected: (ref: CellRef) => boolean): Cell {
  const refs = cell.ref ? [cell.ref] : (cell.sources ?? []);
  // Every ref is looked at (no short cut), so that the note names every delivery behind the cell.
  const hits = refs.map(affected);
  if (!hits.includes(true)) return cell;
  if (column?.kind === "percent" || column?.kind === "verdict") {
    const { verdict: _verdict, ...rest } = cell;
    return { ...rest, value: null, symbol: ".", note: "levering onvolledig" };
  }
  if (cell.symbol || column?.flags?.includes("onvolledig") || cell.flags?.includes("onvolledig")) return cell;
  return { ...cell, flags: [...(cell.flags ?? []), "onvolledig"] };
}
