import { poissonTest, type Verdict } from "./significance.ts";

/** Why a percentage change is not shown. */
export type PercentOmitted = "basis nul" | "basis te klein";

export interface Change {
  current: number;
  /** The count compared with: last year's, or the average over earlier years. */
  previous: number;
  /** current − previous (not rounded: an average can be fractional). */
  absolute: number;
  /** Relative change (0.125 = +12,5%), or null when the base is too small to mean something. */
  percent: number | null;
  percentOmitted: PercentOmitted | undefined;
  verdict: Verdict;
  pValue: number;
}

export interface CompareOptions {
  /** A percentage is shown only when the previous count is at least this (default 20). */
  minBase?: number;
  /** Significance level (default 0.05). */
  alpha?: number;
}

/**
 * Compares a period's count with the same period a year earlier. A percentage is left out when
 * the base is zero or below `minBase`: +100% for 6 → 12 says more than the data does.
 */
export function compare(current: number, previous: number, options: CompareOptions = {}): Change {
  const { minBase = 20, alpha = 0.05 } = options;
  const { verdict, pValue } = poissonTest(current, previous, alpha);
  return { current, previous, absolute: current - previous, ...percentChange(current, previous, minBase), verdict, pValue };
}

/**
 * Compares a count with the average of the same period over `counts.length` earlier years. The
 * significance test uses the sum of those years with its exposure, not the rounded average.
 */
export function compareWithAverage(current: number, earlier: readonly number[], options: CompareOptions = {}): Change {
  const { minBase = 20, alpha = 0.05 } = options;
  if (earlier.length === 0) throw new RangeError("compareWithAverage needs at least one earlier count");
  const sum = earlier.reduce((a, b) => a + b, 0);
  const average = sum / earlier.length;
  const { verdict, pValue } = poissonTest(current, sum, alpha, earlier.length);
  return { current, previous: average, absolute: current - average, ...percentChange(current, average, minBase), verdict, pValue };
}

function percentChange(current: number, base: number, minBase: number): Pick<Change, "percent" | "percentOmitted"> {
  if (base === 0) return { percent: null, percentOmitted: "basis nul" };
  if (base < minBase) return { percent: null, percentOmitted: "basis te klein" };
  return { percent: (current - base) / base, percentOmitted: undefined };
}

/** Registrations per 1.000 inwoners. */
export function per1000(count: number, inwoners: number): number | null {
  return inwoners > 0 ? (count / inwoners) * 1000 : null;
}
