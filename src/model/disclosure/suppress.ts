import { auditSuppression, type AuditResult } from "./audit.ts";
import { compareKeys, refOf, relationsOf, type Hierarchies, type Relation, type ShownCount, type ShownSum } from "./relations.ts";

/** Why a count is hidden. */
export type HiddenReason = "klein" | "gevoelig" | "afleidbaar";

export interface SuppressionInput {
  /** Every count the edition would show, by refKey. */
  counts: ReadonlyMap<string, ShownCount>;
  /** Figures that reveal a sum of counts (a rate over the region); hidden under their id when they must be. */
  sums: readonly ShownSum[];
  /** Counts the previous edition already published (with its values): known to every reader, never hidden now. */
  known?: ReadonlyMap<string, number>;
  threshold: number;
  /** Whether a category is sensitive at any size (see sensitivity()). */
  isSensitive: (category: string) => boolean;
  /** Whether an area is below gemeente level (wijk, buurt). */
  isBelowGemeente: (area: string) => boolean;
  hierarchies: Hierarchies;
}

export interface SuppressionResult {
  hidden: Map<string, HiddenReason>;
  audit: AuditResult;
  relations: Relation[];
  /** Rounds of secondary suppression until the audit passed. */
  rounds: number;
}

/** A sensitive category is shown for periods of at least a quarter only. */
const SHORTEST_SENSITIVE_PERIOD = 3;

/**
 * Disclosure control of one public edition. Primary: counts from 1 to threshold − 1, and sensitive
 * categories per month or below gemeente level, are hidden. Secondary: while the audit finds a
 * hidden count that the shown figures pin down (or narrow to 1 … threshold − 1), the smallest
 * shown part of a relation it is in is hidden as well — a sibling before a total. Counts the
 * previous edition published stay as they were known. Returns the hidden counts with their
 * reasons and the final audit, which has no findings unless the edition cannot be protected.
 */
export async function suppress(input: SuppressionInput): Promise<SuppressionResult> {
  const hidden = new Map<string, HiddenReason>();
  for (const [key, { ref, value }] of [...input.counts].sort(([a], [b]) => compareKeys(a, b))) {
    if (input.isSensitive(ref.category) && (ref.last - ref.first + 1 < SHORTEST_SENSITIVE_PERIOD || input.isBelowGemeente(ref.area))) hidden.set(key, "gevoelig");
    else if (value >= 1 && value < input.threshold) hidden.set(key, "klein");
  }
  // What the previous edition published is known to every reader. A count this edition shows again
  // is taken as known with its current value (the reader knows the old one, which differs at most
  // by revisions: assuming the exact value is the safe side and keeps the relations consistent).
  // One it does not show is known roughly: its old value give or take what revisions usually change
  // (5 %, at least 1), so that an old half year still narrows down a hidden new one. Should a
  // revision have moved it further, that range contradicts this edition's figures; the audit then
  // drops this rough knowledge rather than fail.
  const known = new Map<string, number>();
  const roughly = new Map<string, readonly [number, number]>();
  for (const [key, old] of input.known ?? new Map<string, number>()) {
    const current = input.counts.get(key);
    if (current) known.set(key, current.value);
    else {
      const margin = Math.max(1, Math.ceil(old * 0.05));
      roughly.set(key, [Math.max(0, old - margin), old + margin]);
    }
  }
  const roughKeys = new Set(roughly.keys());
  const everything = new Map(input.counts);
  for (const key of roughKeys) everything.set(key, { ref: refOf(key), value: 0 });
  const relations = relationsOf(everything, input.sums, input.hierarchies);
  // A shown sum is a figure of its own (the region's rate): shown, and hideable, like a count.
  const values = new Map([...everything].map(([key, count]) => [key, count.value]));
  const sumIds = new Set<string>();
  for (const sum of input.sums) {
    const keys = sum.sources.map((source) => `${source.area}|${source.category}|${source.first}|${source.last}`);
    // A sum of counts that are not all in this edition is not known exactly: it stays an unknown.
    if (!keys.every((key) => values.has(key))) continue;
    values.set(sum.id, keys.reduce((total, key) => total + (values.get(key) ?? 0), 0));
    sumIds.add(sum.id);
  }
  const byKey = new Map<string, Relation[]>();
  for (const relation of relations) {
    for (const [key] of relation.terms) {
      const list = byKey.get(key) ?? [];
      list.push(relation);
      byKey.set(key, list);
    }
  }
  const value = (key: string): number => values.get(key) ?? 0;
  const isShown = (key: string): boolean => input.counts.has(key) || sumIds.has(key);

  const hideable = (key: string): boolean => isShown(key) && !hidden.has(key) && !known.has(key);
  const shownNow = (): Map<string, number> => {
    const shown = new Map<string, number>();
    for (const [key, count] of values) if (!hidden.has(key) && !roughKeys.has(key) && (everything.has(key) || sumIds.has(key))) shown.set(key, count);
    // A count known from the previous edition stays known even when it is hidden now.
    for (const [key, count] of known) shown.set(key, count);
    return shown;
  };

  // Zeros are shown, so a reader knows that an x hidden for being small (or to protect one) is ≥ 1.
  const atLeastOne = (): Set<string> =>
    new Set([...hidden].filter(([key, reason]) => reason !== "gevoelig" && !sumIds.has(key) && value(key) >= 1).map(([key]) => key));

  // The relations a hidden count's interval depends on: those reachable from it through figures
  // that are not shown (shown ones are constants). Trials audit only these, which keeps a
  // national edition tractable.
  const componentOf = (key: string, shown: ShownValues, alsoUnknown?: string): Relation[] => {
    const relationsSeen = new Set<Relation>();
    const visited = new Set([key]);
    const queue = [key];
    while (queue.length > 0) {
      const at = queue.pop() as string;
      for (const relation of byKey.get(at) ?? []) {
        if (relationsSeen.has(relation)) continue;
        relationsSeen.add(relation);
        for (const [name] of relation.terms) {
          if (visited.has(name) || (shown.has(name) && name !== alsoUnknown)) continue;
          visited.add(name);
          queue.push(name);
        }
      }
    }
    return [...relationsSeen];
  };

  let rounds = 0;
  for (;;) {
    const shown = shownNow();
    // Only counts are judged: a hidden sum (the region's rate) is hidden to protect its parts, not for itself.
    const audit = await auditSuppression(relations, shown, new Set([...hidden.keys()].filter((key) => !known.has(key) && !sumIds.has(key))), input.threshold, atLeastOne(), roughly);
    if (roughly.size > 0 && audit.findings.some((finding) => finding.problem === "inconsistent")) {
      roughly.clear();
      continue;
    }
    const fixable = audit.findings.filter((finding) => finding.problem !== "inconsistent");
    if (fixable.length === 0 || rounds >= 50) return { hidden, audit, relations, rounds };
    rounds++;
    let added = 0;
    for (const finding of fixable) {
      // Another hide of this round may have fixed it already.
      const lowerBounds = atLeastOne();
      const again = await auditSuppression(componentOf(finding.key, shown), shown, new Set([finding.key]), input.threshold, lowerBounds, roughly);
      if (again.findings.length === 0) continue;
      const candidates = partnersOf(finding.key, byKey, hideable, value, (key) => sumIds.has(key), hidden);
      // Look ahead: the first candidate (in order of preference) that protects the cell on its own;
      // failing that, the one that widens its range the most, so that every round makes progress.
      let chosen: string | undefined;
      let widest = width(again.findings[0]?.interval);
      let widening: string | undefined;
      for (const candidate of candidates.slice(0, 40)) {
        const without = withoutKey(shown, candidate);
        const trial = await auditSuppression(componentOf(finding.key, shown, candidate), without, new Set([finding.key]), input.threshold, value(candidate) >= 1 ? new Set([...lowerBounds, candidate]) : lowerBounds, roughly);
        if (trial.findings.length === 0) {
          chosen = candidate;
          break;
        }
        const trialWidth = width(trial.findings[0]?.interval);
        if (trialWidth > widest) {
          widest = trialWidth;
          widening = candidate;
        }
      }
      // A count too small to show whose range no single hide widens (a small total over a few small
      // parts): the total above it goes, and the next round protects that total in turn.
      chosen ??= widening ?? (finding.problem === "small" ? totalAbove(finding.key, byKey, hideable, value) : undefined) ?? candidates[0];
      if (chosen !== undefined) {
        hidden.set(chosen, "afleidbaar");
        shown.delete(chosen);
        added++;
      }
    }
    if (added === 0) return { hidden, audit, relations, rounds };
  }
}

/**
 * The shown total that bounds `key` from above: in a relation where `key` is a part, the smallest
 * hideable figure on the other side (a total) that is more than zero.
 */
function totalAbove(key: string, byKey: ReadonlyMap<string, readonly Relation[]>, hideable: (key: string) => boolean, value: (key: string) => number): string | undefined {
  let best: string | undefined;
  for (const relation of byKey.get(key) ?? []) {
    const own = relation.terms.find(([name]) => name === key)?.[1] ?? 0;
    for (const [name, coefficient] of relation.terms) {
      if (Math.sign(coefficient) === Math.sign(own) || !hideable(name) || value(name) <= 0) continue;
      if (best === undefined || value(name) < value(best) || (value(name) === value(best) && compareKeys(name, best) < 0)) best = name;
    }
  }
  return best;
}

/** How wide an audited range is (a range without an upper end counts as infinitely wide). */
function width(interval: { low: number; high: number } | undefined): number {
  return interval ? interval.high - interval.low : 0;
}

/** The shown values as the audit reads them. */
type ShownValues = Pick<ReadonlyMap<string, number>, "get" | "has">;

/** `shown` without `key`, without copying it. */
function withoutKey(shown: ShownValues, key: string): ShownValues {
  return { get: (name) => (name === key ? undefined : shown.get(name)), has: (name) => name !== key && shown.has(name) };
}

/**
 * The shown figures that could protect `key`, best first: those in its own relations, then those
 * in the relations of the hidden figures it is related to (the year that gives a hidden half year
 * back may itself be pinned by a regional total). Within each: a shown sum (one regional figure
 * protects every gemeente in it), a part on the same side (a sibling) before a total, the smallest
 * non-zero value, the key.
 */
function partnersOf(
  key: string,
  byKey: ReadonlyMap<string, readonly Relation[]>,
  hideable: (key: string) => boolean,
  value: (key: string) => number,
  isSum: (key: string) => boolean,
  hidden: ReadonlyMap<string, unknown>,
): string[] {
  const ranked = (of: string, hop: number): { key: string; hop: number; sum: boolean; sibling: boolean; value: number }[] => {
    const list: { key: string; hop: number; sum: boolean; sibling: boolean; value: number }[] = [];
    for (const relation of byKey.get(of) ?? []) {
      const own = relation.terms.find(([name]) => name === of)?.[1] ?? 0;
      for (const [name, coefficient] of relation.terms) {
        if (name === key || !hideable(name)) continue;
        list.push({ key: name, hop, sum: isSum(name), sibling: Math.sign(coefficient) === Math.sign(own), value: value(name) });
      }
    }
    return list;
  };
  const near = ranked(key, 0);
  const related = new Set<string>();
  for (const relation of byKey.get(key) ?? []) for (const [name] of relation.terms) if (name !== key && hidden.has(name)) related.add(name);
  const far = [...related].sort(compareKeys).flatMap((name) => ranked(name, 1));
  const all = [...near, ...far].sort(
    (a, b) => a.hop - b.hop || Number(b.sum) - Number(a.sum) || Number(b.sibling) - Number(a.sibling) || Number(b.value > 0) - Number(a.value > 0) || a.value - b.value || compareKeys(a.key, b.key),
  );
  return [...new Set(all.map((candidate) => candidate.key))];
}
