import { compare, compareWithAverage, type Change } from "../../model/compare.ts";
import { dayPeriodLabel, periodDays, precedingPeriods, sameWeekLastYear, type DayPeriod } from "../../model/day-periods.ts";
import { calendarOf, monthOfDay, weekdayOf, type Day } from "../../model/days.ts";
import { isoWeekOf } from "../../model/iso-weeks.ts";
import type { Cell, CellRef, Column, Flag, Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { DayTableSpec } from "../definition.ts";
import { tableNotes } from "./notes.ts";
import { categoryLabel, crimeTotalLabel, isCrimeTotal, namesOf } from "./reader-names.ts";

const SHORT_WEEKDAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"];

/**
 * A period of days (a week, a fortnight, a day) for a list of categories: each day, the period,
 * the same ISO week a year earlier (for a day: the same weekday 52 weeks earlier), and the average
 * of the `weeks` periods right before it — the week against last year and the 4-week average.
 * Counted from the registrations by pleegdatum. A week 53 has no week a year earlier: its cells
 * say so (.) instead of comparing other days.
 */
export function dayTable(spec: DayTableSpec, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const current = ctx.edition.days;
  const days = ctx.days?.(level);
  if (!current || !days) throw new Error(`day-table ${spec.id} needs an edition of days and registrations (checked before)`);
  const previous = sameWeekLastYear(current);
  const earlier = precedingPeriods(current, spec.weeks);
  const lastComplete = ctx.lastCompleteDay;
  const running = (period: DayPeriod): Flag[] => (lastComplete !== undefined && period.last > lastComplete ? ["onvolledig"] : []);
  const names = namesOf(ctx);
  const unit = current.kind === "day" ? "dagen" : current.kind === "fortnight" ? "periodes van twee weken" : "weken";
  const columns: Column[] = [];
  const makers: ((category: string) => Cell[])[] = [];
  const ref = (category: string, period: DayPeriod): CellRef => ({ area, category, first: monthOfDay(period.first), last: monthOfDay(period.last) });
  const count = (category: string, period: DayPeriod): Cell => withFlags({ value: days.sum(area, category, period.first, period.last), ref: ref(category, period) }, running(period));
  const vsPrevious = (category: string): Change | undefined => (previous ? compare(days.sum(area, category, current.first, current.last), days.sum(area, category, previous.first, previous.last), ctx.comparison) : undefined);
  const vsAverage = (category: string): Change =>
    compareWithAverage(
      days.sum(area, category, current.first, current.last),
      earlier.map((period) => days.sum(area, category, period.first, period.last)),
      ctx.comparison,
    );
  const noPrevious = (): Cell => ({ value: null, symbol: ".", note: `geen week ${isoWeekOf(current.last).week} een jaar eerder` });
  const group = periodGroup(current);
  for (const column of spec.columns) {
    switch (column) {
      case "days": {
        const list = periodDays(current);
        for (const day of list) columns.push({ id: `d${day}`, label: dayHeading(day), kind: "count", group: "per dag", ...flagged(running({ kind: "day", first: day, last: day })) });
        makers.push((category) => list.map((day) => count(category, { kind: "day", first: day, last: day })));
        break;
      }
      case "current":
        columns.push({ id: "current", label: group, kind: "count", group: "aantal", ...flagged(running(current)) });
        makers.push((category) => [count(category, current)]);
        break;
      case "previous":
        columns.push({ id: "previous", label: previous ? periodGroup(previous, true) : "een jaar eerder", kind: "count", group: "aantal" });
        makers.push((category) => [previous ? count(category, previous) : noPrevious()]);
        break;
      case "average":
        columns.push({ id: "average", label: `gem. ${spec.weeks} ${spec.weeks === 1 ? unit.replace(/en$/, "") : unit} ervoor`, kind: "average", group: "aantal" });
        makers.push((category) => {
          const change = vsAverage(category);
          return [{ value: change.previous, sources: earlier.map((period) => ref(category, period)) }];
        });
        break;
      case "change":
        columns.push({ id: "change", label: "verschil", kind: "change", group: "t.o.v. een jaar eerder" }, { id: "percent", label: "%", kind: "percent", group: "t.o.v. een jaar eerder" });
        makers.push((category) => {
          const change = vsPrevious(category);
          return change ? changeCells(change) : [noPrevious(), noPrevious()];
        });
        break;
      case "change-average":
        columns.push({ id: "change-average", label: "verschil", kind: "change", group: `t.o.v. gem. ${spec.weeks} ${spec.weeks === 1 ? unit.replace(/en$/, "") : unit} ervoor` }, { id: "percent-average", label: "%", kind: "percent", group: `t.o.v. gem. ${spec.weeks} ${spec.weeks === 1 ? unit.replace(/en$/, "") : unit} ervoor` });
        makers.push((category) => changeCells(vsAverage(category)));
        break;
      case "verdict":
        columns.push({ id: "verdict", label: "significant", kind: "verdict", group: "t.o.v. een jaar eerder" });
        makers.push((category) => {
          const change = vsPrevious(category);
          return change ? [{ value: change.pValue, verdict: change.verdict }] : [noPrevious()];
        });
        break;
    }
  }
  const rows: Row[] = spec.categories.map((category) => ({
    id: category,
    label: isCrimeTotal(category) ? crimeTotalLabel(category, names) : categoryLabel(category, names),
    level: 0,
    role: isCrimeTotal(category) || category === "N" ? "total" : "detail",
    cells: makers.flatMap((make) => make(category)),
  }));
  const notes = tableNotes({ columns, rows }, ctx, level).filter((note) => !note.startsWith("Gemiddelde:"));
  if (columns.some((column) => column.kind === "average")) notes.push(`Gemiddelde: het gemiddelde van de ${spec.weeks} ${unit} vóór ${dayPeriodLabel(current)}.`);
  if (previous && spec.columns.some((column) => column === "previous" || column === "change")) {
    notes.push(current.kind === "day" ? "Een jaar eerder: dezelfde weekdag 52 weken eerder." : `Een jaar eerder: dezelfde ISO-week${current.kind === "fortnight" ? "en" : ""} van ${isoWeekOf(previous.last).year}.`);
  }
  notes.push("Geteld naar pleegdatum.");
  for (const category of spec.categories) {
    const note = ctx.fenomenen.get(category)?.note;
    if (note) notes.push(note);
  }
  return {
    id: spec.id,
    caption: `${spec.title}, ${ctx.reference.areas.nameOf(area)}: ${dayPeriodLabel(current)}`,
    rowHeading: "Categorie",
    columns,
    rows,
    notes,
  };
}

/** "week 50", "week 49 en 50", "ma 8 dec" — and with the year for the comparison a year earlier. */
function periodGroup(period: DayPeriod, withYear = false): string {
  const { year, week } = isoWeekOf(period.last);
  const suffix = withYear ? ` ${year}` : "";
  if (period.kind === "week") return `week ${week}${suffix}`;
  if (period.kind === "fortnight") return `week ${isoWeekOf(period.first).week} en ${week}${suffix}`;
  return withYear ? dayPeriodLabel(period) : dayHeading(period.first);
}

function dayHeading(day: Day): string {
  return `${SHORT_WEEKDAYS[weekdayOf(day) - 1]} ${calendarOf(day).day}`;
}

function changeCells(change: Change): Cell[] {
  return [{ value: change.absolute }, change.percent === null ? { value: null, symbol: ".", note: change.percentOmitted } : { value: change.percent }];
}

function flagged(flags: Flag[]): { flags?: Flag[] } {
  return flags.length > 0 ? { flags } : {};
}

function withFlags(cell: Cell, flags: readonly Flag[]): Cell {
  return flags.length > 0 ? { ...cell, flags: [...(cell.flags ?? []), ...flags] } : cell;
}
