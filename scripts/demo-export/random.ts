/**
 * Seeded pseudo-random numbers (sfc32) for the demo export generator.
 *
 * Every independent piece of the data set (a stratum's month counts, one gemeente-month's rows)
 * gets its own stream, keyed by its labels. That keeps the output identical when the generator
 * writes files in another order or regenerates a month, and lets a national data set contain
 * the same planning per gemeente as the demo region.
 */
import { createHash } from "node:crypto";

/** A stream of uniform numbers in [0, 1). */
export interface Random {
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * 128 seed bits from the labels. A cryptographic hash, because streams whose labels differ in
 * one character (GM0307 vs GM0308) must be independent; a fast string hash (cyrb128) left
 * visible correlations between such streams. It runs once per stream, so its cost is nil.
 */
function seedWords(text: string): [number, number, number, number] {
  const digest = createHash("sha256").update(text).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

/** A stream seeded by the given labels, e.g. `createRandom(seed, "rows", "GM0344", "2025-03")`. */
export function createRandom(...labels: readonly (string | number)[]): Random {
  let [a, b, c, d] = seedWords(labels.join("\u0000"));
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed; discard them.
  for (let i = 0; i < 15; i++) next();
  return { next, int: (n: number) => Math.floor(next() * n) };
}
