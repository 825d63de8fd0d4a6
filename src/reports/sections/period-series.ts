import { periodLabel } from "../../model/periods.ts";
import type { Column, Row, Table } from "../../model/table.ts";
import { formatMonth, yearOf } from "../../model/months.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { PeriodSeriesSpec } from "../definition.ts";
import { editionOf, type Edition } from "../edition.ts";
import { presentCategories } from "./selection-table.ts";
import { tableNotes } from "./notes.ts";
import { categoryLabel, crimeTotalLabel, isCrimeTotal, namesOf } from "./reader-names.ts";
import { totalNote } from "./total-note.ts";

/**
 * The categories over the last N periods of the report's kind (the last 6 half years, say), oldest
 * first: the numbers behind a small trend chart.
 */
export function periodSeries(spec: PeriodSeriesSpec, area: string, level: AreaLevel, ctx: ReportContext, kind: Parameters<typeof editionOf>[0]): Table {
  const counts = ctx.counts(level);
  const periods: Edition[] = [];
  let edition = ctx.edition;
  for (let i = 0; i < spec.count; i++) {
    periods.unshift(edition);
    edition = editionOf(kind, formatMonth(edition.period.first - 1), "period-series");
  }
  const columns: Column[] = periods.map((item) => ({
    id: item.id,
    label: item.label,
    kind: "count",
    ...(ctx.voorlopig.has(yearOf(item.period.last)) ? { flags: ["voorlopig" as const] } : {}),
  }));
  const categories = spec.presentOnly ? presentCategories(spec.categories, ctx, ctx.edition.period) : spec.categories;
  const names = namesOf(ctx);
  const rows: Row[] = categories.map((category) => ({
    id: category,
    label: isCrimeTotal(category) ? crimeTotalLabel(category, names) : categoryLabel(category, names),
    level: 0,
    role: "detail",
    cells: periods.map((item) => ({
      value: counts.sum(area, category, item.period.first, item.period.last),
      ref: { area, category, first: item.period.first, last: item.period.last },
    })),
  }));
  const first = periods[0];
  const caption = `${spec.title}, ${ctx.reference.areas.nameOf(area)}: ${first ? periodLabel(first.period) : ""} t/m ${periodLabel(ctx.edition.period)}`;
  const notes = tableNotes({ columns, rows }, ctx, level);
  const note = totalNote(categories, names);
  if (note) notes.unshift(note);
  return { id: spec.id, caption, rowHeading: "Soort misdrijf", columns, rows, notes };
}
