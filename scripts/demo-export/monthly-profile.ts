/** Seasonality of a soort: the share of a year's registrations that falls in each month. */
import type { MonthlyCount } from "./read-demo-inputs.ts";

export interface MonthlyProfile {
  /** Twelve shares summing to 1, January first. */
  readonly shares: readonly number[];
  /** The years averaged, ascending. */
  readonly years: readonly number[];
}

/** The number of most recent years averaged into a profile. */
export const PROFILE_YEARS = 2;

/**
 * The average monthly profile of `soort` over the latest {@link PROFILE_YEARS} complete years in
 * `monthly`. The national monthly table (CBS 47022NED) stops at 2023, so for the demo this is
 * the 2022–2023 average, applied to every year 2020–2026: seasonality is stable enough that
 * the latest known pattern is a better guess for 2024–2026 than any extrapolation.
 * Each year's shares are computed first and then averaged, so a high-crime year does not
 * dominate the shape. Throws when fewer complete years exist.
 */
export function monthlyProfile(monthly: readonly MonthlyCount[], soort: string): MonthlyProfile {
  const byYear = new Map<number, number[]>();
  for (const row of monthly) {
    if (row.soort !== soort) continue;
    const months = byYear.get(row.year) ?? new Array<number>(12).fill(Number.NaN);
    months[row.month - 1] = row.aantal;
    byYear.set(row.year, months);
  }
  const complete = [...byYear.entries()]
    .filter(([, months]) => months.every((n) => Number.isFinite(n)) && months.some((n) => n > 0))
    .sort(([a], [b]) => b - a)
    .slice(0, PROFILE_YEARS);
  if (complete.length < PROFILE_YEARS) {
    throw new Error(`soort ${soort}: fewer than ${PROFILE_YEARS} complete years in the national monthly table`);
  }
  const shares = new Array<number>(12).fill(0);
  for (const [, months] of complete) {
    const total = months.reduce((sum, n) => sum + n, 0);
    months.forEach((n, i) => (shares[i]! += n / total / complete.length));
  }
  return { shares, years: complete.map(([year]) => year).sort((a, b) => a - b) };
}
