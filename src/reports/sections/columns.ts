import { per1000 } from "../../model/compare.ts";
import { shortMonthLabel } from "../../model/dutch-months.ts";
import { figureStatus } from "../../model/figure-status.ts";
import { measure, type Basis, type Comparison, type Measure } from "../../model/measure.ts";
import { monthRange, yearOf, type Month } from "../../model/months.ts";
import { monthPeriod, periodLabel, previousYears, shiftYears, type Period } from "../../model/periods.ts";
import type { Cell, CellRef, Column, Flag } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { TableColumn } from "../definition.ts";

/** What a table row counts: an area and category, and how to count them for a period. */
export interface RowSource {
  area: string;
  category: string;
  /** Registrations in the period. */
  value(period: Period): number;
  /** Whether a rate per 1.000 inwoners makes sense (not for a remainder row). */
  population: boolean;
}

/** A row source that counts the rolled-up cube of `level`. */
export function countsOf(ctx: ReportContext, area: string, level: AreaLevel, category: string): RowSource {
  const counts = ctx.counts(level);
  return { area, category, value: (period) => counts.sum(area, category, period.first, period.last), population: true };
}

/** The columns of a table and how to fill a row of them. */
export interface ColumnPlan {
  columns: Column[];
  cells(source: RowSource): Cell[];
}

/**
 * Plans the columns a definition asks for over the edition's period: each month, the period, the
 * same period a year earlier, the average of earlier years, changes, significance and the rate
 * per 1.000 inwoners. Every count cell carries its CellRef; every derived cell its sources.
 */
export function planColumns(wanted: readonly TableColumn[], ctx: ReportContext, current: Period = ctx.edition.period): ColumnPlan {
  const previous = shiftYears(current);
  const years = ctx.comparison.years;
  const earlier = previousYears(current, years);
  const sameYear = yearOf(current.first) === yearOf(current.last);
  // "januari t/m juni" over the year columns of a year to date; "jaar" when the period is the whole year.
  const periodWords = sameYear ? periodLabel(current).replace(/ ?\d{4}$/, "") || "jaar" : "periode";
  const labelOf = (period: Period): string => (sameYear ? String(yearOf(period.last)) : periodLabel(period));
  // Rates are of the period itself: "2025" under a year to date, "2e halfjaar 2025" otherwise.
  const rateGroup = current.kind === "ytd" || current.kind === "year" ? String(yearOf(current.last)) : periodLabel(current);

  // Marks that hold for every area (provisional year, running period) go on the column header.
  const flagsOf = (period: Period): Flag[] => figureStatus(ctx.dataStatus, period).flags;
  const flagged = (period: Period): { flags?: Flag[] } => {
    const flags = flagsOf(period);
    return flags.length > 0 ? { flags } : {};
  };

  const columns: Column[] = [];
  const makers: ((row: RowData) => Cell[])[] = [];
  for (const column of wanted) {
    switch (column) {
      case "months": {
        const months = monthRange(current.first, current.last);
        for (const month of months) {
          columns.push({ id: `m${month}`, label: shortMonthLabel(month, !sameYear), kind: "count", group: sameYear ? String(yearOf(month)) : "per maand", ...flagged(monthPeriod(month)) });
        }
        makers.push((row) => months.map((month: Month) => row.count(monthPeriod(month))));
        break;
      }
      case "current":
        columns.push({ id: "current", label: labelOf(current), kind: "count", group: periodWords, ...flagged(current) });
        makers.push((row) => [row.count(current)]);
        break;
      case "previous":
        columns.push({ id: "previous", label: labelOf(previous), kind: "count", group: periodWords, ...flagged(previous) });
        makers.push((row) => [row.count(previous)]);
        break;
      case "average": {
        const first = earlier[earlier.length - 1] as Period;
        const label = sameYear ? `gem. ${yearOf(first.last)}–${yearOf(previous.last)}` : `gemiddelde ${years} jaar`;
        columns.push({ id: "average", label, kind: "average", group: periodWords });
        makers.push((row) => {
          const average = row.vsAverage();
          return [withFlags({ value: average.base, sources: row.refs(earlier) }, deliveryFlags(average))];
        });
        break;
      }
      case "change":
        columns.push({ id: "change", label: "verschil", kind: "change", group: "t.o.v. vorig jaar" });
        columns.push({ id: "percent", label: "%", kind: "percent", group: "t.o.v. vorig jaar" });
        makers.push((row) => changeCells(row.vsPrevious()));
        break;
      case "change-average":
        columns.push({ id: "change-average", label: "verschil", kind: "change", group: "t.o.v. gemiddelde" });
        columns.push({ id: "percent-average", label: "%", kind: "percent", group: "t.o.v. gemiddelde" });
        makers.push((row) => changeCells(row.vsAverage()));
        break;
      case "verdict":
      case "verdict-words":
        columns.push({ id: "verdict", label: column === "verdict" ? "significant" : "betekenis", kind: "verdict", group: "t.o.v. vorig jaar", ...(column === "verdict-words" ? { words: true } : {}) });
        makers.push((row) => {
          const change = row.vsPrevious();
          if (!change.verdict) return [{ value: null, symbol: ".", note: change.verdictOmitted, sources: change.sources }];
          return [{ value: change.pValue ?? null, verdict: change.verdict, sources: change.sources }];
        });
        break;
      case "per1000-region": {
        const region = ctx.scope.gemeenten;
        const counts = ctx.counts("gemeente");
        const inwoners = region.reduce((sum, gemeente) => sum + (ctx.reference.population.of(gemeente, yearOf(current.last))?.inwoners ?? 0), 0);
        columns.push({ id: "per1000-region", label: `per 1.000 inw. ${ctx.scope.name}`, kind: "rate", group: rateGroup, ...flagged(current) });
        makers.push((row) => {
          const count = region.reduce((sum, gemeente) => sum + counts.sum(gemeente, row.source.category, current.first, current.last), 0);
          const rate = per1000(count, inwoners);
          return [rate === null ? { value: null, symbol: ".", note: "inwonertal onbekend" } : { value: rate, sources: region.map((gemeente) => ({ area: gemeente, category: row.source.category, first: current.first, last: current.last })) }];
        });
        break;
      }
      case "per1000":
        columns.push({ id: "per1000", label: "per 1.000 inw.", kind: "rate", group: rateGroup, ...flagged(current) });
        makers.push((row) => {
          const { rate, current: figure } = row.measured();
          // CBS: "." where a figure is missing or would mean nothing; "–" is nihil (0), never "no figure".
          if (rate.value === null) return [{ value: null, symbol: ".", note: rate.omitted }];
          const cell: Cell = withFlags({ value: rate.value, sources: rate.sources }, figure.status.leveringOnvolledig.length > 0 ? ["onvolledig"] : []);
          if (rate.geschat) {
            cell.flags = [...(cell.flags ?? []), "geschat"];
            cell.note = `inwonertal van ${rate.jaar}`;
          }
          return [cell];
        });
        break;
    }
  }

  const compareWith: Basis[] = [];
  if (wanted.some((column) => column === "change" || column === "verdict" || column === "verdict-words")) compareWith.push("vorig jaar");
  if (wanted.some((column) => column === "average" || column === "change-average")) compareWith.push("gemiddelde");
  return {
    columns,
    cells(source) {
      const row = new RowData(source, ctx, current, compareWith);
      return makers.flatMap((make) => make(row));
    },
  };
}

/** The counts and comparisons of one table row: one `measure` of the model, computed once. */
class RowData {
  #measure: Measure | undefined;

  constructor(
    readonly source: RowSource,
    private readonly ctx: ReportContext,
    private readonly current: Period,
    private readonly compareWith: readonly Basis[],
  ) {}

  get area(): string {
    return this.source.area;
  }

  ref(period: Period): CellRef {
    return { area: this.source.area, category: this.source.category, first: period.first, last: period.last };
  }

  refs(periods: readonly Period[]): CellRef[] {
    return periods.map((period) => this.ref(period));
  }

  value(period: Period): number {
    return this.source.value(period);
  }

  /** A count cell; marked onvolledig when a delivery of its months is missing for this area. */
  count(period: Period): Cell {
    const status = figureStatus(this.ctx.dataStatus, period, this.source.area, this.source.category);
    return withFlags({ value: this.value(period), ref: this.ref(period) }, status.leveringOnvolledig.length > 0 && !status.lopend ? ["onvolledig"] : []);
  }

  measured(): Measure {
    const { source, ctx } = this;
    this.#measure ??= measure({
      area: source.area,
      category: source.category,
      period: this.current,
      count: (period) => source.value(period),
      ...(source.population ? { inwoners: (year: number) => ctx.reference.population.of(source.area, year) } : {}),
      status: ctx.dataStatus,
      comparison: ctx.comparison,
      compareWith: this.compareWith,
    });
    return this.#measure;
  }

  vsPrevious(): Comparison {
    const comparison = this.measured().vsPreviousYear;
    if (!comparison) throw new Error("vsPrevious asked of a row planned without that comparison");
    return comparison;
  }

  vsAverage(): Comparison {
    const comparison = this.measured().vsAverage;
    if (!comparison) throw new Error("vsAverage asked of a row planned without that comparison");
    return comparison;
  }
}

/**
 * The absolute and relative change; "." where the base is too small (or a delivery incomplete): CBS
 * reads "–" as nihil, so a percentage that would mean nothing is "." with its reason in the note.
 */
function changeCells(change: Comparison): Cell[] {
  const { sources } = change;
  const absolute = withFlags({ value: change.absolute, sources }, deliveryFlags(change));
  const percent: Cell =
    change.percent === null ? { value: null, symbol: ".", note: change.percentOmitted, sources } : { value: change.percent, sources };
  return [absolute, percent];
}

/** `onvolledig` when a compared figure misses part of a delivery (a running period is marked on the column instead). */
function deliveryFlags(change: Comparison): Flag[] {
  return change.verdictOmitted === "levering onvolledig" ? ["onvolledig"] : [];
}

function withFlags(cell: Cell, flags: readonly Flag[]): Cell {
  return flags.length > 0 ? { ...cell, flags: [...(cell.flags ?? []), ...flags] } : cell;
}
