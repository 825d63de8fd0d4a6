import { compare, compareWithAverage, per1000, type Change } from "../../model/compare.ts";
import { shortMonthLabel } from "../../model/dutch-months.ts";
import { monthRange, yearOf, type Month } from "../../model/months.ts";
import { monthPeriod, periodLabel, shiftYears, type Period } from "../../model/periods.ts";
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
  const earlier = Array.from({ length: years }, (_, i) => shiftYears(current, i + 1));
  const { minBase, alpha } = ctx.comparison;
  const sameYear = yearOf(current.first) === yearOf(current.last);
  // "januari t/m juni" over the year columns of a year to date; "jaar" when the period is the whole year.
  const periodWords = sameYear ? periodLabel(current).replace(/ ?\d{4}$/, "") || "jaar" : "periode";
  const labelOf = (period: Period): string => (sameYear ? String(yearOf(period.last)) : periodLabel(period));
  // Rates are of the period itself: "2025" under a year to date, "2e halfjaar 2025" otherwise.
  const rateGroup = current.kind === "ytd" || current.kind === "year" ? String(yearOf(current.last)) : periodLabel(current);

  const flagsOf = (period: Period): Flag[] => {
    const flags: Flag[] = [];
    if (ctx.voorlopig.has(yearOf(period.last))) flags.push("voorlopig");
    if (period.last > ctx.lastCompleteMonth) flags.push("onvolledig");
    return flags;
  };
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
        makers.push((row) => [{ value: row.vsAverage().previous, sources: row.refs(earlier) }]);
        break;
      }
      case "change":
        columns.push({ id: "change", label: "verschil", kind: "change", group: "t.o.v. vorig jaar" });
        columns.push({ id: "percent", label: "%", kind: "percent", group: "t.o.v. vorig jaar" });
        makers.push((row) => changeCells(row.vsPrevious(), row.refs([current, previous])));
        break;
      case "change-average":
        columns.push({ id: "change-average", label: "verschil", kind: "change", group: "t.o.v. gemiddelde" });
        columns.push({ id: "percent-average", label: "%", kind: "percent", group: "t.o.v. gemiddelde" });
        makers.push((row) => changeCells(row.vsAverage(), row.refs([current, ...earlier])));
        break;
      case "verdict":
      case "verdict-words":
        columns.push({ id: "verdict", label: column === "verdict" ? "significant" : "betekenis", kind: "verdict", group: "t.o.v. vorig jaar", ...(column === "verdict-words" ? { words: true } : {}) });
        makers.push((row) => {
          const change = row.vsPrevious();
          return [{ value: change.pValue, verdict: change.verdict, sources: row.refs([current, previous]) }];
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
          if (!row.source.population) return [{ value: null, symbol: "–", note: "geen inwonertal" }];
          const inwoners = ctx.reference.population.of(row.area, yearOf(current.last));
          const rate = inwoners ? per1000(row.value(current), inwoners.inwoners) : null;
          if (rate === null) return [{ value: null, symbol: ".", note: "inwonertal onbekend" }];
          const cell: Cell = { value: rate, sources: row.refs([current]) };
          if (inwoners?.geschat) {
            cell.flags = ["geschat"];
            cell.note = `inwonertal van ${inwoners.jaar}`;
          }
          return [cell];
        });
        break;
    }
  }

  return {
    columns,
    cells(source) {
      const row = new RowData(source, current, previous, earlier, { minBase, alpha });
      return makers.flatMap((make) => make(row));
    },
  };
}

/** The counts and comparisons of one table row, each computed once. */
class RowData {
  #vsPrevious: Change | undefined;
  #vsAverage: Change | undefined;

  constructor(
    readonly source: RowSource,
    private readonly current: Period,
    private readonly previous: Period,
    private readonly earlier: readonly Period[],
    private readonly options: { minBase: number; alpha: number },
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

  count(period: Period): Cell {
    return { value: this.value(period), ref: this.ref(period) };
  }

  vsPrevious(): Change {
    this.#vsPrevious ??= compare(this.value(this.current), this.value(this.previous), this.options);
    return this.#vsPrevious;
  }

  vsAverage(): Change {
    this.#vsAverage ??= compareWithAverage(
      this.value(this.current),
      this.earlier.map((period) => this.value(period)),
      this.options,
    );
    return this.#vsAverage;
  }
}

function changeCells(change: Change, sources: CellRef[]): Cell[] {
  const percent: Cell = change.percent === null ? { value: null, symbol: "–", note: change.percentOmitted, sources } : { value: change.percent, sources };
  return [{ value: change.absolute, sources }, percent];
}
