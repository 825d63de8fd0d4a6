import { periodLabel, shiftYears, type Period } from "../../model/periods.ts";
import type { Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { SelectionTableSpec } from "../definition.ts";
import { countsOf, planColumns } from "./columns.ts";
import { tableNotes } from "./notes.ts";
import { categoryLabel, crimeTotalLabel, isCrimeTotal, namesOf } from "./reader-names.ts";
import { totalNote } from "./total-note.ts";

/**
 * A chosen list of categories for one area — the halfjaarcijfers' selection of misdrijven — each
 * against the same period a year earlier. With `presentOnly`, categories that the whole region
 * did not register in either period are left out (a soort the export does not hold).
 */
export function selectionTable(spec: SelectionTableSpec, area: string, level: AreaLevel, ctx: ReportContext, period: Period = ctx.edition.period): Table {
  const plan = planColumns(spec.columns, ctx, period);
  const categories = spec.presentOnly ? presentCategories(spec.categories, ctx, period) : spec.categories;
  const names = namesOf(ctx);
  const rows: Row[] = categories.map((category) => ({
    id: category,
    label: isCrimeTotal(category) ? crimeTotalLabel(category, names) : categoryLabel(category, names),
    level: 0,
    role: isCrimeTotal(category) ? "total" : "detail",
    cells: plan.cells(countsOf(ctx, area, level, category)),
  }));
  const caption = `${spec.title}, ${ctx.reference.areas.nameOf(area)}: ${periodLabel(period)} vergeleken met ${periodLabel(shiftYears(period))}`;
  const notes = tableNotes({ columns: plan.columns, rows }, ctx, level);
  const note = totalNote(categories, names);
  if (note) notes.unshift(note);
  // A list of fenomenen (or of fenomenen and soorten) is not a list of soorten misdrijf.
  const fenomenen = categories.filter((category) => category.startsWith("fenomeen:")).length;
  const rowHeading = fenomenen === 0 ? "Soort misdrijf" : fenomenen === categories.length ? "Fenomeen" : "Categorie";
  for (const category of categories) {
    const fenomeenNote = ctx.fenomenen.get(category)?.note;
    if (fenomeenNote) notes.push(fenomeenNote);
  }
  return { id: spec.id, caption, rowHeading, columns: plan.columns, rows, notes };
}

/** The categories with registrations anywhere in the region in the period or a year earlier. */
export function presentCategories(categories: readonly string[], ctx: ReportContext, period: Period): string[] {
  const counts = ctx.counts("gemeente");
  const previous = shiftYears(period);
  return categories.filter((category) => ctx.scope.gemeenten.some((gemeente) => counts.sum(gemeente, category, previous.first, period.last) > 0));
}
