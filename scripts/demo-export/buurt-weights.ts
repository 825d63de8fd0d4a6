/**
 * Where in a gemeente a registration falls: buurten weighted by inhabitants (CBS, 2024).
 *
 * Buurten without inhabitants (industrial estates, parks, water) would never get a registration
 * under pure population weights, yet that is where many business burglaries happen. So every
 * buurt gets a floor weight, and business crime (soort 2.5.1) a much larger one.
 */
import { cumulativeWeights } from "./draws.ts";

/** Floor weight of any buurt, as a share of the gemeente's mean buurt population. */
export const RESIDENTIAL_FLOOR_SHARE = 0.02;
/** Weight every buurt gets on top of its inhabitants for business crime, as a share of the mean. */
export const BUSINESS_BASE_SHARE = 0.5;
/** Soort whose registrations use the business weights. */
export const BUSINESS_SOORT = "2.5.1";

export interface BuurtWeights {
  /** For every soort but business crime: max(inhabitants, floor). */
  readonly residential: Float64Array;
  /** For business crime: inhabitants + base. */
  readonly business: Float64Array;
}

/** Cumulative weights over the buurten of one gemeente, in the order of `inwoners`. */
export function buurtWeights(inwoners: readonly number[]): BuurtWeights {
  if (inwoners.length === 0) throw new Error("a gemeente without buurten cannot hold registrations");
  const mean = inwoners.reduce((sum, n) => sum + n, 0) / inwoners.length;
  // At least 1, so a gemeente whose buurten all lack figures still spreads evenly.
  const floor = Math.max(1, RESIDENTIAL_FLOOR_SHARE * mean);
  const base = Math.max(1, BUSINESS_BASE_SHARE * mean);
  return {
    residential: cumulativeWeights(inwoners.map((n) => Math.max(n, floor))),
    business: cumulativeWeights(inwoners.map((n) => n + base)),
  };
}
