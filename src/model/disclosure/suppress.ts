import { auditSuppression, type AuditResult } from "./audit.ts";
import { compareKeys, refOf, relationsOf, type Hierarchies, type Relation, type ShownCount, type ShownSum } from "./relations.ts";

/** Why a count is hidden. */
export type HiddenReason = "klein" | "gevoelig" | "afleidbaar";

export interface SuppressionInput {
  /** Every count the edition would show, by refKey. */
  counts: ReadonlyMap<string, ShownCount>;
  /** Figures that reveal a sum of counts (a rate over the region); hidden under their id when they must be. */
  sums: readonly ShownSum[];
  /** Counts the previous edition already published: known to every reader, never hidden now. */
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
  const known = input.known ?? new Map<string, number>();
  const everything = new Map(input.counts);
  for (const [key, value] of known) if (!everything.has(key)) everything.set(key, { ref: refOf(key), value });
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

  let rounds = 0;
  for (;;) {
    const shown = new Map<string, number>();
    for (const [key, count] of values) if (!hidden.has(key) && (everything.has(key) || sumIds.has(key))) shown.set(key, count);
    // A count known from the previous edition stays known even when it is hidden now.
    for (const [key, count] of known) shown.set(key, count);
    const audit = await auditSuppression(relations, shown, new Set([...hidden.keys()].filter((key) => !known.has(key))), input.threshold);
    const fixable = audit.findings.filter((finding) => finding.problem !== "inconsistent");
    if (fixable.length === 0 || rounds >= 50) return { hidden, audit, relations, rounds };
    rounds++;
    let added = 0;
    for (const finding of fixable) {
      const candidate = partnerFor(finding.key, byKey.get(finding.key) ?? [], (key) => isShown(key) && !hidden.has(key) && !known.has(key), value);
      if (candidate && !hidden.has(candidate)) {
        hidden.set(candidate, "afleidbaar");
        added++;
      }
    }
    if (added === 0) return { hidden, audit, relations, rounds };
  }
}

/**
 * The shown count to hide with `key`: in the relations of `key`, a part on the same side (a
 * sibling) before one on the other side (a total), then the smallest value, then the key.
 */
function partnerFor(key: string, relations: readonly Relation[], hideable: (key: string) => boolean, value: (key: string) => number): string | undefined {
  const candidates: { key: string; sibling: boolean; value: number }[] = [];
  for (const relation of relations) {
    const own = relation.terms.find(([name]) => name === key)?.[1] ?? 0;
    for (const [name, coefficient] of relation.terms) {
      if (name === key || !hideable(name)) continue;
      candidates.push({ key: name, sibling: Math.sign(coefficient) === Math.sign(own), value: value(name) });
    }
  }
  candidates.sort((a, b) => Number(b.sibling) - Number(a.sibling) || Number(b.value > 0) - Number(a.value > 0) || a.value - b.value || compareKeys(a.key, b.key));
  return candidates[0]?.key;
}
