import { compare } from "../../model/compare.ts";
import { shortMonthLabel } from "../../model/dutch-months.ts";
import { monthRange, yearOf } from "../../model/months.ts";
import { monthRangePeriod, periodLabel } from "../../model/periods.ts";
import type { Cell, CellRef, Column, Flag, Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { MonthSeriesSpec } from "../definition.ts";
import { categoryLabel, namesOf } from "./reader-names.ts";
import { tableNotes } from "./notes.ts";

/**
 * One category month by month for the last N months up to the edition month, each against the
 * same month a year earlier: the woninginbrakenmonitor's 24 months.
 */
export function monthSeries(spec: MonthSeriesSpec, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const counts = ctx.counts(level);
  const last = ctx.edition.month;
  const months = monthRange(last - spec.months + 1, last);
  const columns: Column[] = [
    { id: "count", label: "aantal", kind: "count" },
    { id: "previous", label: "zelfde maand vorig jaar", kind: "count" },
    { id: "change", label: "verschil", kind: "change" },
  ];
  const flagsOf = (month: number): Flag[] => {
    const flags: Flag[] = [];
    if (ctx.voorlopig.has(yearOf(month))) flags.push("voorlopig");
    if (month > ctx.lastCompleteMonth) flags.push("onvolledig");
    return flags;
  };
  const countCell = (month: number): Cell => {
    const ref: CellRef = { area, category: spec.category, first: month, last: month };
    const cell: Cell = { value: counts.count(area, spec.category, month), ref };
    const flags = flagsOf(month);
    if (flags.length > 0) cell.flags = flags;
    return cell;
  };
  const rows: Row[] = months.map((month) => {
    const now = countCell(month);
    const before = countCell(month - 12);
    const change = compare(now.value ?? 0, before.value ?? 0, ctx.comparison);
    const sources = [now.ref, before.ref].filter((ref): ref is CellRef => ref !== undefined);
    return { id: `m${month}`, label: shortMonthLabel(month, true), level: 0, role: "detail", cells: [now, before, { value: change.absolute, sources }] };
  });
  const name = categoryLabel(spec.category, namesOf(ctx));
  const period = monthRangePeriod(months[0] ?? last, last);
  const caption = `${name} in ${ctx.reference.areas.nameOf(area)} per maand, ${periodLabel(period)}, met dezelfde maand een jaar eerder`;
  return { id: spec.id, caption, rowHeading: "Maand", columns, rows, notes: tableNotes({ columns, rows }, ctx, level) };
}
