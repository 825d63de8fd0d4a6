import { inpKey } from "../../model/categories.ts";
import { UNASSIGNED_SOORT } from "../../reference/classification.ts";
import { compareInpCodes } from "../../reference/inp-order.ts";
import { periodLabel, shiftYears } from "../../model/periods.ts";
import type { Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { CategoryTableSpec } from "../definition.ts";
import { countsOf, planColumns } from "./columns.ts";
import { tableNotes } from "./notes.ts";
import { categoryTitle, crimeTotalLabel, namesOf } from "./reader-names.ts";


/**
 * The INP table of one area: a total row, then niv1 → niv2 → niv3 with subtotals, for the
 * categories that had registrations in the period or the same period a year earlier.
 */
export function categoryTable(spec: CategoryTableSpec, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const counts = ctx.counts(level);
  const current = ctx.edition.period;
  const previous = shiftYears(current);
  const plan = planColumns(spec.columns, ctx);

  const present = (category: string): boolean => counts.sum(area, category, previous.first, current.last) > 0;
  const codes = counts
    .categories(area)
    .filter((key) => key.startsWith(`${spec.part}:`) && present(key))
    .map((key) => key.slice(spec.part.length + 1))
    .filter((code) => code.split(".").length <= spec.depth)
    .sort(compareInpCodes);

  const rowFor = (category: string, label: string, depth: number): Row => ({
    id: category,
    label,
    level: depth,
    role: depth === 0 ? "total" : depth < spec.depth ? "subtotal" : "detail",
    cells: plan.cells(countsOf(ctx, area, level, category)),
  });
  const names = namesOf(ctx);
  const total = spec.part === "J" ? crimeTotalLabel("J", names) : "Totaal incidenten en overlast";
  const rows: Row[] = [rowFor(inpKey(spec.part), total, 0)];
  // "1 Veiligheid", or over soort-level input that lacks some of its soorten "1 Veiligheid (1 van de 15 soorten in de gegevens)".
  for (const code of codes) rows.push(rowFor(inpKey(spec.part, code), categoryTitle(inpKey(spec.part, code), names), code.split(".").length));
  // A CBS table's "Totaal misdrijven" counts some misdrijven under none of its soorten: their own row,
  // so that the INP rows and it add up to the total.
  const unassigned = `klasse:${UNASSIGNED_SOORT}`;
  if (spec.part === "J" && present(unassigned)) rows.push({ ...rowFor(unassigned, "Niet naar soort verdeeld", 1), role: spec.depth > 1 ? "subtotal" : "detail" });

  const caption = `${spec.title} in ${ctx.reference.areas.nameOf(area)} per INP-categorie: ${periodLabel(current)} vergeleken met ${periodLabel(previous)}`;
  return { id: spec.id, caption, rowHeading: "Categorie", columns: plan.columns, rows, notes: tableNotes({ columns: plan.columns, rows }, ctx, level) };
}
