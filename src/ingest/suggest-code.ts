/**
 * The known code closest to a mistyped one, for hints like `did you mean B70?`. Confusions of the
 * letter O with zero and I/l with one cost half an edit, as they are the common typing errors.
 * Returns undefined when nothing is within two edits.
 */
export function suggestCode(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toUpperCase();
  let best: string | undefined;
  let bestDistance = 2.01;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - wanted.length) > 2) continue;
    const distance = editDistance(wanted, candidate.toUpperCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

const LOOKALIKES = new Set(["O0", "0O", "I1", "1I", "L1", "1L"]);

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const ca = a[i - 1] ?? "";
      const cb = b[j - 1] ?? "";
      const substitution = ca === cb ? 0 : LOOKALIKES.has(ca + cb) ? 0.5 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? Infinity;
}
