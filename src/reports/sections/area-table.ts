import { periodLabel, shiftYears } from "../../model/periods.ts";
import type { Row, Table } from "../../model/table.ts";
import { AREA_LEVEL_NAMES, type AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { AreaTableSpec } from "../definition.ts";
import { countsOf, planColumns, type RowSource } from "./columns.ts";
import { tableNotes } from "./notes.ts";
import { categoryLabel, namesOf } from "./reader-names.ts";

/**
 * One category for the areas inside a page's area: the wijken of a gemeente, the gemeenten of a
 * basisteam, or the top N buurten. A total row (the page's area) comes first; when the parts do
 * not add up to it (registrations without a wijk), a row "niet toe te delen" closes the gap.
 */
export function areaTable(spec: AreaTableSpec, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const { areas } = ctx.reference;
  const plan = planColumns(spec.columns, ctx);
  const current = ctx.edition.period;
  const children = childAreas(area, level, spec.childLevel, ctx);
  const childCounts = ctx.counts(spec.childLevel);
  let shown = children;
  if (spec.top !== undefined) {
    shown = [...children]
      .filter((child) => childCounts.sum(child, spec.category, current.first, current.last) > 0)
      .sort((a, b) => childCounts.sum(b, spec.category, current.first, current.last) - childCounts.sum(a, spec.category, current.first, current.last) || (a < b ? -1 : 1))
      .slice(0, spec.top);
  }

  const rows: Row[] = [];
  if (spec.top === undefined) {
    rows.push({ id: area, label: `Totaal ${areas.nameOf(area)}`, level: 0, role: "total", cells: plan.cells(countsOf(ctx, area, level, spec.category)) });
  }
  for (const child of shown) {
    rows.push({ id: child, label: `${areas.nameOf(child)}`, level: spec.top === undefined ? 1 : 0, role: "detail", cells: plan.cells(countsOf(ctx, child, spec.childLevel, spec.category)) });
  }
  if (spec.top === undefined) {
    const previous = shiftYears(current);
    const total = ctx.counts(level).sum(area, spec.category, previous.first, current.last);
    const parts = children.reduce((sum, child) => sum + childCounts.sum(child, spec.category, previous.first, current.last), 0);
    if (total !== parts) {
      rows.push({ id: `${area}:rest`, label: `Niet toe te delen aan een ${AREA_LEVEL_NAMES[spec.childLevel]}`, level: 1, role: "detail", cells: plan.cells(restSource(area, level, spec, ctx, children)) });
    }
  }

  const categoryName = categoryLabel(spec.category, namesOf(ctx));
  const caption = `${categoryName} per ${AREA_LEVEL_NAMES[spec.childLevel]} in ${areas.nameOf(area)}: ${periodLabel(current)} vergeleken met ${periodLabel(shiftYears(current))}`;
  return { id: spec.id, caption, rowHeading: capitalize(AREA_LEVEL_NAMES[spec.childLevel]), columns: plan.columns, rows, notes: tableNotes({ columns: plan.columns, rows }, ctx, level) };
}

/** Areas of `childLevel` in scope that lie wholly within `area`, sorted by code. */
export function childAreas(area: string, level: AreaLevel, childLevel: AreaLevel, ctx: ReportContext): string[] {
  return ctx.scope.areasAt(childLevel).filter((child) => ctx.reference.areas.ancestorAt(child, level) === area);
}

/** The remainder row: what the area counts that none of its child areas holds (no buurt known). */
function restSource(area: string, level: AreaLevel, spec: AreaTableSpec, ctx: ReportContext, children: readonly string[]): RowSource {
  const parent = ctx.counts(level);
  const childCounts = ctx.counts(spec.childLevel);
  return {
    area: `${area}:rest`,
    category: spec.category,
    population: false,
    value: (period) =>
      parent.sum(area, spec.category, period.first, period.last) -
      children.reduce((sum, child) => sum + childCounts.sum(child, spec.category, period.first, period.last), 0),
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
