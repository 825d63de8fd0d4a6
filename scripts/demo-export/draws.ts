/** Draws from simple distributions on top of a seeded {@link Random}. */
import type { Random } from "./random.ts";

/** Running sums of `weights`, the form {@link pickIndex} searches. Throws on a negative or all-zero weight. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, i) => {
    if (!(weight >= 0)) throw new Error(`weight ${i} is not a non-negative number: ${weight}`);
    sum += weight;
    cumulative[i] = sum;
  });
  if (!(sum > 0)) throw new Error("weights sum to zero");
  return cumulative;
}

/** An index drawn with probability proportional to its weight (binary search over running sums). */
export function pickIndex(random: Random, cumulative: Float64Array): number {
  const target = random.next() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumulative[mid]! > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Splits `n` over the categories of `cumulative` as a multinomial draw: the result sums to
 * exactly `n`. One categorical draw per item keeps it exact and linear in `n`.
 */
export function multinomial(random: Random, n: number, cumulative: Float64Array): number[] {
  const counts = new Array<number>(cumulative.length).fill(0);
  for (let i = 0; i < n; i++) counts[pickIndex(random, cumulative)]!++;
  return counts;
}

/** A Poisson draw with mean `lambda`; a rounded normal approximation above 50, where it is close enough. */
export function poisson(random: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 50) {
    // Box–Muller; 1 - next() avoids log(0).
    const z = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let product = random.next();
  while (product > limit) {
    k++;
    product *= random.next();
  }
  return k;
}

/** `x` rounded down or up at random so that the expected value is `x` (keeps small rates unbiased). */
export function stochasticRound(random: Random, x: number): number {
  const floor = Math.floor(x);
  return floor + (random.next() < x - floor ? 1 : 0);
}

/** `k` distinct indices from [0, n), ascending (partial Fisher–Yates). */
export function chooseDistinct(random: Random, n: number, k: number): number[] {
  if (k > n) throw new Error(`cannot choose ${k} distinct items out of ${n}`);
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + random.int(n - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}
