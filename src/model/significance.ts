/**
 * Is a change between two counts more than count noise? Registered crime counts behave like
 * Poisson counts, so we use the exact conditional test of equal Poisson rates: given the total
 * n = x1 + x0, x1 follows Bin(n, t1 / (t1 + t0)) under "no change", where t1 and t0 are the
 * exposures (1 and 1 for this year against last year; 1 and 3 against the sum of three years).
 * The two-sided p-value sums the probabilities of all outcomes no more likely than the observed
 * one (as R's binom.test and poisson.test do).
 */
export type Verdict = "stijging" | "daling" | "geen significante verandering";

export interface Significance {
  verdict: Verdict;
  pValue: number;
}

/**
 * Tests `current` against `previous` counts. `previousExposure` is the number of periods the
 * previous count covers relative to the current one (3 when `previous` is the sum of three years).
 */
export function poissonTest(current: number, previous: number, alpha = 0.05, previousExposure = 1): Significance {
  if (!Number.isInteger(current) || !Number.isInteger(previous) || current < 0 || previous < 0) {
    throw new RangeError(`counts must be whole numbers ≥ 0: ${current}, ${previous}`);
  }
  const n = current + previous;
  if (n === 0) return { verdict: "geen significante verandering", pValue: 1 };
  const p = 1 / (1 + previousExposure);
  const pValue = binomialTwoSided(current, n, p);
  const expected = n * p;
  const verdict: Verdict = pValue >= alpha || current === expected ? "geen significante verandering" : current > expected ? "stijging" : "daling";
  return { verdict, pValue };
}

/**
 * Two-sided exact binomial p-value of observing `x` successes in `n` trials with probability `p`.
 * The distribution is unimodal, so the outcomes no more likely than `x` form two tails: the one
 * beyond `x` and the one beyond the first outcome on the other side of the mode that is no more
 * likely. Tails are summed outward until their terms no longer matter, which keeps the test cheap
 * for counts in the tens of thousands.
 */
export function binomialTwoSided(x: number, n: number, p: number): number {
  const logObserved = logBinomialPmf(x, n, p);
  // Outcomes within a relative 1e-7 of the observed probability count as "as likely" (R's relErr).
  const threshold = logObserved + Math.log1p(1e-7);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  if (x === mode) return 1;
  const below = x < mode;
  // The other tail starts at the outcome nearest the mode whose probability is ≤ the observed one.
  let lo = below ? mode : 0;
  let hi = below ? n + 1 : mode;
  if (below) {
    // Smallest y in (mode, n] with pmf(y) <= threshold; n + 1 when none.
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (logBinomialPmf(mid, n, p) <= threshold) hi = mid;
      else lo = mid + 1;
    }
  } else {
    // Largest y in [0, mode) with pmf(y) <= threshold; -1 when none.
    lo = -1;
    hi = mode - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (logBinomialPmf(mid, n, p) <= threshold) lo = mid;
      else hi = mid - 1;
    }
  }
  const other = below ? hi : lo;
  const total = tail(x, below ? -1 : 1, n, p) + (other >= 0 && other <= n ? tail(other, below ? 1 : -1, n, p) : 0);
  return Math.min(1, total);
}

/**
 * One-sided exact binomial probability P(X ≤ x) for X ~ Bin(n, p): how likely a count this low or
 * lower is when nothing changed (used to tell a missing delivery from count noise).
 */
export function binomialLowerTail(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  return Math.min(1, tail(x, -1, n, p));
}

/** Sum of pmf from `start` outward in `step` direction, stopping when terms are negligible. */
function tail(start: number, step: 1 | -1, n: number, p: number): number {
  let sum = 0;
  for (let k = start; k >= 0 && k <= n; k += step) {
    const term = Math.exp(logBinomialPmf(k, n, p));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function logBinomialPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

const smallLogFactorials: number[] = [0];
for (let i = 1; i < 256; i++) smallLogFactorials[i] = (smallLogFactorials[i - 1] ?? 0) + Math.log(i);

/** ln(n!) exactly by summation for small n, by Stirling's series (error < 1e-12) above. */
function logFactorial(n: number): number {
  if (n < 256) return smallLogFactorials[n] ?? 0;
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}
