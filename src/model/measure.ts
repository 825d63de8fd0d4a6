import type { Inhabitants } from "../reference/population.ts";
import { compare, compareWithAverage, per1000, type Change, type PercentOmitted } from "./compare.ts";
import { figureStatus, type DataStatus, type FigureStatus } from "./figure-status.ts";
import { yearOf } from "./months.ts";
import { previousYears, shiftYears, type Period } from "./periods.ts";
import type { Verdict } from "./significance.ts";
import type { CellRef, Flag } from "./table.ts";

/** What a figure is compared with: the same period a year earlier, or the average of the previous N years. */
export type Basis = "vorig jaar" | "gemiddelde";

/** Why a change is not judged, or its percentage not given, beyond a too small base. */
export type Withheld = "levering onvolledig";

export interface MeasureInput {
  area: string;
  category: string;
  period: Period;
  /** Registrations of the area and category in a period (e.g. a Rollup sum). */
  count(period: Period): number;
  /** Inhabitants of the area in a year; leave out for a row without a population of its own. */
  inwoners?: (year: number) => Inhabitants | undefined;
  status: DataStatus;
  /** `minBase` (no % below it), `alpha` (significance level), `years` (of the average). */
  comparison: { minBase: number; alpha: number; years: number };
  /** The comparisons to make; both by default (the average costs `years` more sums and a test). */
  compareWith?: readonly Basis[];
}

/** The count of an area and category over one period, and how sure it is. */
export interface Figure {
  period: Period;
  count: number;
  status: FigureStatus;
  ref: CellRef;
}

/** A change between the period and its basis, and what it means. */
export interface Comparison {
  basis: Basis;
  /** The figures compared with: one year for "vorig jaar", the N previous years (most recent first) for "gemiddelde". */
  figures: Figure[];
  /** The count compared with: last year's, or the average (possibly fractional). */
  base: number;
  /** Current − base. */
  absolute: number;
  /** Relative change (0.125 = +12,5%), or null with the reason. */
  percent: number | null;
  percentOmitted: PercentOmitted | Withheld | undefined;
  /** Whether the change is more than count noise; undefined when it is not judged. */
  verdict: Verdict | undefined;
  pValue: number | undefined;
  /** Why no verdict: a compared period has a missing or partial delivery, so a fall may be a gap. */
  verdictOmitted: Withheld | undefined;
  /** Marks of the derived figures: voorlopig / onvolledig when any compared figure is. */
  flags: Flag[];
  /** The counts the comparison is computed from. */
  sources: CellRef[];
}

/** Registrations per 1.000 inwoners of the period. */
export interface Rate {
  /** Null when there is no population: `omitted` says why. */
  value: number | null;
  omitted: "inwonertal onbekend" | "geen inwonertal" | undefined;
  inwoners: number | undefined;
  /** The year the population is of: that of the period's last month, or the nearest known year. */
  jaar: number | undefined;
  /** The population is of another year than the period's (or estimated from buurt shares). */
  geschat: boolean;
  /** The period's own marks, plus `geschat`. */
  flags: Flag[];
  sources: CellRef[];
}

/**
 * Everything a report says about one count: this period, its comparison with the same period
 * last year and with the average of the previous N years, the change (absolute, in %, or why not),
 * whether it matters (significance), per 1.000 inwoners, and how sure we are of the data.
 */
export interface Measure {
  area: string;
  category: string;
  current: Figure;
  vsPreviousYear: Comparison | undefined;
  vsAverage: Comparison | undefined;
  rate: Rate;
}

/**
 * Measures one area and category over a period. Pure: counts, population and the data status
 * come in as arguments.
 *
 * When a compared period holds a month with a missing or partial delivery for the area, the
 * counts and the absolute change are still given (marked `onvolledig`), but the percentage and the
 * significance are withheld: a missing delivery must never read as a fall in crime.
 */
export function measure(input: MeasureInput): Measure {
  const { area, category, period, status } = input;
  const figure = (of: Period): Figure => ({
    period: of,
    count: input.count(of),
    status: figureStatus(status, of, area, category),
    ref: { area, category, first: of.first, last: of.last },
  });
  const current = figure(period);
  const wanted = input.compareWith ?? ["vorig jaar", "gemiddelde"];
  const options = { minBase: input.comparison.minBase, alpha: input.comparison.alpha };

  let vsPreviousYear: Comparison | undefined;
  if (wanted.includes("vorig jaar")) {
    const before = figure(shiftYears(period));
    vsPreviousYear = comparison("vorig jaar", current, [before], compare(current.count, before.count, options));
  }
  let vsAverage: Comparison | undefined;
  if (wanted.includes("gemiddelde") && input.comparison.years > 0) {
    const earlier = previousYears(period, input.comparison.years).map(figure);
    vsAverage = comparison("gemiddelde", current, earlier, compareWithAverage(current.count, earlier.map((item) => item.count), options));
  }
  return { area, category, current, vsPreviousYear, vsAverage, rate: rateOf(current, input.inwoners) };
}

function comparison(basis: Basis, current: Figure, figures: Figure[], change: Change): Comparison {
  const all = [current, ...figures];
  const incomplete = all.some((item) => item.status.leveringOnvolledig.length > 0);
  const flags: Flag[] = [];
  if (all.some((item) => item.status.voorlopig)) flags.push("voorlopig");
  if (all.some((item) => item.status.flags.includes("onvolledig"))) flags.push("onvolledig");
  return {
    basis,
    figures,
    base: change.previous,
    absolute: change.absolute,
    percent: incomplete ? null : change.percent,
    percentOmitted: incomplete ? "levering onvolledig" : change.percentOmitted,
    verdict: incomplete ? undefined : change.verdict,
    pValue: incomplete ? undefined : change.pValue,
    verdictOmitted: incomplete ? "levering onvolledig" : undefined,
    flags,
    sources: all.map((item) => item.ref),
  };
}

function rateOf(current: Figure, inwoners: MeasureInput["inwoners"]): Rate {
  const base = { flags: [...current.status.flags], sources: [current.ref] };
  if (!inwoners) return { ...base, value: null, omitted: "geen inwonertal", inwoners: undefined, jaar: undefined, geschat: false };
  const population = inwoners(yearOf(current.period.last));
  const value = population ? per1000(current.count, population.inwoners) : null;
  if (!population || value === null) return { ...base, value: null, omitted: "inwonertal onbekend", inwoners: undefined, jaar: undefined, geschat: false };
  if (population.geschat) base.flags.push("geschat");
  return { ...base, value, omitted: undefined, inwoners: population.inwoners, jaar: population.jaar, geschat: population.geschat };
}
