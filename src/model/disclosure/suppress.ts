import type { CellRef } from "../table.ts";
import type { AuditFinding } from "./audit.ts";
import { auditPattern, structureOf, type Certificate, type ShownValues } from "./pattern-audit.ts";
import { groupIndex, listedGroups, patternGroups, type PatternGroup } from "./pattern.ts";
import { compareKeys, refOf, relationsOf, type Hierarchies, type Relation, type ShownCount, type ShownSum } from "./relations.ts";

/** Why a count is hidden. */
export type HiddenReason = "klein" | "gevoelig" | "afleidbaar";

/** A regional figure an earlier edition published: the sum of `sources` lies in low … high (a rounded rate), or is unknown when it was hidden. */
export interface KnownSum {
  id: string;
  sources: readonly CellRef[];
  range?: readonly [number, number];
}

export interface SuppressionInput {
  /** Every count the edition would show, by refKey. */
  counts: ReadonlyMap<string, ShownCount>;
  /** Figures that reveal a sum of counts (a rate over the region); hidden under their id when they must be. */
  sums: readonly ShownSum[];
  /** Counts earlier editions already published (with their values): known to every reader, never hidden now. */
  known?: ReadonlyMap<string, number>;
  /** Counts and regional figures earlier editions hid (x): hidden again now, whatever they are now. */
  priorHidden?: ReadonlySet<string>;
  /** The groups of x's of earlier editions (see patternGroups): each still holds a small one. */
  priorGroups?: readonly (readonly string[])[];
  /** Regional figures of earlier editions. */
  knownSums?: readonly KnownSum[];
  /**
   * What hiding a figure costs readers: the number of pages it is shown on (default 1). A regional
   * figure on every gemeente page costs more than a count on one page.
   */
  cost?: (key: string) => number;
  threshold: number;
  /** Whether a category is sensitive at any size (see sensitivity()). */
  isSensitive: (category: string) => boolean;
  /** Whether an area is below gemeente level (wijk, buurt). */
  isBelowGemeente: (area: string) => boolean;
  hierarchies: Hierarchies;
}

export interface SuppressionResult {
  hidden: Map<string, HiddenReason>;
  audit: { findings: AuditFinding[]; programs: number };
  relations: Relation[];
  /** The groups of x's of this edition, for the editions after it. */
  groups: string[][];
  /** Rounds of secondary suppression until the audit passed. */
  rounds: number;
}

/** A sensitive category is shown for periods of at least a quarter only. */
const SHORTEST_SENSITIVE_PERIOD = 3;
/** Candidates tried, cheapest first, for one count the audit cannot yet certify. */
const CANDIDATES = 40;
/** Of the cheapest this many candidates, pairs are tried when no single one protects a count. */
const PAIRS_OF = 6;
/** How far trials look for a table that protects a count (relation hops); the final audit looks further. */
const TRIAL_RADII = [1, 2];
const WIDER_TRIAL_RADII = [3];
/** Trials look at neighbourhoods of at most this many unknowns (the final audit goes further). */
const TRIAL_NEIGHBOURHOOD = 2500;

/**
 * Disclosure control of one public edition. Primary: counts from 1 to threshold − 1, and sensitive
 * categories per month or below gemeente level, are hidden; so is every figure an earlier edition
 * hid. Secondary: while the audit (auditPattern: a reader who knows the method and reasons about
 * the pattern of x's) cannot prove a hidden count safe, a figure related to it is hidden as well —
 * the cheapest for readers first (one page before every page, the same gemeente before another),
 * the first whose hiding lets the audit prove it. Counts earlier editions published stay as they
 * were known. Returns the hidden counts with their reasons and the final audit, which has no
 * findings unless the edition cannot be protected.
 */
export async function suppress(input: SuppressionInput): Promise<SuppressionResult> {
  const hidden = new Map<string, HiddenReason>();
  for (const [key, { ref, value }] of [...input.counts].sort(([a], [b]) => compareKeys(a, b))) {
    if (input.isSensitive(ref.category) && (ref.last - ref.first + 1 < SHORTEST_SENSITIVE_PERIOD || input.isBelowGemeente(ref.area))) hidden.set(key, "gevoelig");
    else if (value >= 1 && value < input.threshold) hidden.set(key, "klein");
  }
  // What earlier editions published is known to every reader. A count this edition shows again
  // is taken as known with its current value (the reader knows the old one, which differs at most
  // by revisions: assuming the exact value is the safe side and keeps the relations consistent).
  // One it does not show is known roughly: its old value give or take what revisions usually change
  // (5 %, at least 1), so that an old half year still narrows down a hidden new one. Should a
  // revision have moved it further, that range contradicts this edition's figures; the audit then
  // drops this rough knowledge rather than fail.
  const known = new Map<string, number>();
  const revised = new Map<string, readonly [number, number]>();
  for (const [key, old] of input.known ?? new Map<string, number>()) {
    const current = input.counts.get(key);
    if (current) known.set(key, current.value);
    else {
      const margin = Math.max(1, Math.ceil(old * 0.05));
      revised.set(key, [Math.max(0, old - margin), old + margin]);
    }
  }
  // An x stays an x: an edition that showed what an earlier one hid would tell what the pattern of
  // the earlier one meant.
  const carried = new Set<string>();
  for (const key of input.priorHidden ?? new Set<string>()) {
    if (known.has(key) || !input.counts.has(key)) continue;
    carried.add(key);
    if (!hidden.has(key)) hidden.set(key, "afleidbaar");
  }
  const sumBounds = new Map<string, readonly [number, number]>();
  for (const sum of input.knownSums ?? []) if (sum.range) sumBounds.set(sum.id, sum.range);
  const everything = new Map(input.counts);
  for (const key of revised.keys()) everything.set(key, { ref: refOf(key), value: 0 });
  // Earlier x's outside this edition are unknowns of the system too (their relations with this one's).
  for (const key of input.priorHidden ?? new Set<string>()) if (!everything.has(key) && !key.startsWith("Σ")) everything.set(key, { ref: refOf(key), value: 0 });
  const currentSumIds = new Set(input.sums.map((sum) => sum.id));
  const allSums = [...input.sums, ...(input.knownSums ?? []).filter((sum) => !currentSumIds.has(sum.id))];
  const relations = relationsOf(everything, allSums, input.hierarchies);
  // A shown sum is a figure of its own (the region's rate): shown, and hideable, like a count.
  const values = new Map([...input.counts].map(([key, count]) => [key, count.value]));
  const sumIds = new Set<string>();
  for (const sum of input.sums) {
    const keys = sum.sources.map((source) => `${source.area}|${source.category}|${source.first}|${source.last}`);
    // A sum of counts that are not all in this edition is not known exactly: it stays an unknown.
    if (!keys.every((key) => values.has(key))) continue;
    values.set(sum.id, keys.reduce((total, key) => total + (values.get(key) ?? 0), 0));
    sumIds.add(sum.id);
  }
  for (const key of input.priorHidden ?? new Set<string>()) {
    if (!sumIds.has(key) || known.has(key)) continue;
    carried.add(key);
    hidden.set(key, "afleidbaar");
  }
  const byKey = new Map<string, Relation[]>();
  for (const relation of relations) {
    for (const [key] of relation.terms) {
      const list = byKey.get(key) ?? [];
      list.push(relation);
      byKey.set(key, list);
    }
  }
  const published = new Set([...everything.keys(), ...allSums.map((sum) => sum.id)]);
  const structure = structureOf(relations, published);
  const value = (key: string): number => values.get(key) ?? 0;
  const isShown = (key: string): boolean => input.counts.has(key) || sumIds.has(key);
  const cost = input.cost ?? (() => 1);

  // Zeros are shown, so a reader knows that an x is ≥ 1; a zero is never hidden to protect another count.
  const hideable = (key: string): boolean => isShown(key) && !hidden.has(key) && !known.has(key) && value(key) > 0;
  const shownNow = (): Map<string, number> => {
    const shown = new Map<string, number>();
    for (const [key, count] of values) if (!hidden.has(key)) shown.set(key, count);
    // A count known from an earlier edition stays known even when it is hidden now.
    for (const [key, count] of known) shown.set(key, count);
    return shown;
  };
  // The true values of what is hidden (the audit holds far-away figures at them); earlier figures not in this edition have none.
  const truth: ShownValues = { get: (key) => values.get(key), has: (key) => values.has(key) };
  // A reader knows an x is ≥ 1 (zeros are shown), except a sensitive one (hidden whatever its size).
  const atLeastOne = new Set<string>();
  for (const key of input.priorHidden ?? new Set<string>()) if (!values.has(key) && !key.startsWith("Σ")) atLeastOne.add(key);
  const isSmall = (key: string): boolean => values.has(key) && value(key) >= 1 && value(key) < input.threshold;
  // The groups of x's, linked by this edition's own relations (not by an earlier edition's regional figures).
  const ownRelation = (relation: Relation): boolean => relation.kind !== "som" || currentSumIds.has(relation.terms[0]?.[0] ?? "");
  const index = groupIndex(
    (key) => (byKey.get(key) ?? []).filter(ownRelation).flatMap((relation) => relation.terms.map(([name]) => name)).filter((name) => name !== key),
    isSmall,
    (key) => values.has(key),
  );
  const prior = listedGroups(input.priorGroups ?? [], isSmall, (key) => values.has(key));
  const groupsOf = (groupOf: (key: string) => PatternGroup | undefined) => (key: string): PatternGroup[] => {
    const own = groupOf(key);
    const earlier = prior.get(key) ?? [];
    return own ? [own, ...earlier] : earlier;
  };
  const hide = (key: string, reason: HiddenReason): void => {
    hidden.set(key, reason);
    if (reason !== "gevoelig" && !sumIds.has(key) && value(key) >= 1) atLeastOne.add(key);
    if (reason !== "gevoelig" && !known.has(key)) index.add(key, carried.has(key));
  };
  for (const [key, reason] of [...hidden]) hide(key, reason);
  const judged = (): string[] => [...hidden.keys()].filter((key) => !known.has(key) && !sumIds.has(key));
  const patternCells = (): Set<string> => new Set([...hidden].filter(([key, reason]) => reason !== "gevoelig" && !known.has(key)).map(([key]) => key));
  const ownGroups = (): string[][] => patternGroups(relations.filter(ownRelation), patternCells(), carried);

  let roughly = new Map([...revised, ...sumBounds]);
  let certificates = new Map<string, Certificate>();
  let programs = 0;
  let rounds = 0;
  for (;;) {
    const shown = shownNow();
    const audit = await auditPattern({ byKey: structure, shown, truth, judged: judged(), threshold: input.threshold, atLeastOne, roughly, groupsOf: groupsOf(index.groupOf), certificates });
    programs += audit.programs;
    certificates = audit.certificates;
    if (audit.findings.length === 0) return { hidden, audit: { findings: [], programs }, relations, groups: ownGroups(), rounds };
    if (rounds >= 50) break;
    rounds++;
    let added = 0;
    for (const finding of audit.findings) {
      // Another hide of this round may have settled it already.
      const again = await auditPattern({ byKey: structure, shown, truth, judged: [finding.key], threshold: input.threshold, atLeastOne, roughly, groupsOf: groupsOf(index.groupOf), certificates, radii: TRIAL_RADII });
      programs += again.programs;
      certificates = again.certificates;
      if (again.findings.length === 0) continue;
      const candidates = partnersOf(finding.key, byKey, hideable, value, cost, (key) => sumIds.has(key), hidden);
      // Look ahead: the first candidate (cheapest first) whose hiding lets the audit prove the count
      // safe; failing that, the first pair of the cheapest few (a 2 × 2 core needs two more at once).
      const trial = async (extra: readonly string[], radii: readonly number[]): Promise<boolean> => {
        let without: ShownValues = shown;
        for (const candidate of extra) without = withoutKey(without, candidate);
        const result = await auditPattern({
          byKey: structure,
          shown: without,
          truth,
          judged: [finding.key],
          threshold: input.threshold,
          atLeastOne: { has: (key) => atLeastOne.has(key) || (extra.includes(key) && !sumIds.has(key)) },
          roughly,
          groupsOf: groupsOf(index.with(extra)),
          certificates,
          radii,
          maxNeighbourhood: TRIAL_NEIGHBOURHOOD,
          prefer: extra,
        });
        programs += result.programs;
        if (result.findings.length > 0) return false;
        certificates = result.certificates;
        return true;
      };
      // Singles and pairs in order of what they cost readers: two counts on one page each before a
      // regional figure on every page.
      const few = candidates.filter((candidate) => cost(candidate) <= 1).slice(0, PAIRS_OF);
      // The regional figures always among them (they sort last, behind any number of counts).
      const singles = [...new Set([...candidates.slice(0, CANDIDATES), ...candidates.filter((candidate) => sumIds.has(candidate))])];
      const options = [...singles.map((candidate) => [candidate]), ...few.flatMap((a, i) => few.slice(i + 1).map((b) => [a, b]))];
      const costOf = (option: readonly string[]): number => option.reduce((total, candidate) => total + cost(candidate), 0);
      options.sort((a, b) => costOf(a) - costOf(b) || a.length - b.length);
      let chosen: string[] | undefined;
      for (const option of options) {
        if (await trial(option, TRIAL_RADII)) {
          chosen = option;
          break;
        }
      }
      // Before a costly figure (a total, a regional figure) goes, the cheaper ones get a wider look.
      const costly = chosen ? costOf(chosen) : Infinity;
      if (costly > 2) {
        for (const option of options.filter((candidate) => costOf(candidate) < costly)) {
          if (await trial(option, WIDER_TRIAL_RADII)) {
            chosen = option;
            break;
          }
        }
      }
      // None protects it on its own: the cheapest goes, and the next round looks again.
      // A count too small to show under a small total (a tiny gemeente): no part can give it room
      // while the total stands, so the total goes, and the next round protects that in turn.
      const above = finding.problem === "small" ? totalAbove(finding.key, byKey, hideable, value) : undefined;
      chosen ??= above ? [above] : candidates.slice(0, 1);
      for (const candidate of chosen) {
        hide(candidate, "afleidbaar");
        shown.delete(candidate);
        added++;
      }
    }
    if (added === 0) {
      // Rough knowledge of revised figures that contradicts this edition is dropped rather than failed on.
      if (revised.size > 0 && roughly.size > sumBounds.size) {
        roughly = new Map(sumBounds);
        certificates = new Map();
        continue;
      }
      break;
    }
  }
  const shown = shownNow();
  const final = await auditPattern({ byKey: structure, shown, truth, judged: judged(), threshold: input.threshold, atLeastOne, roughly, groupsOf: groupsOf(index.groupOf), certificates, intervals: true });
  return { hidden, audit: { findings: final.findings, programs: programs + final.programs }, relations, groups: ownGroups(), rounds };
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

/** `shown` without `key`, without copying it. */
function withoutKey(shown: ShownValues, key: string): ShownValues {
  return { get: (name) => (name === key ? undefined : shown.get(name)), has: (name) => name !== key && shown.has(name) };
}

/**
 * The shown figures that could protect `key`, best first: those in its own relations, then those
 * in the relations of the hidden figures it is related to (the year that gives a hidden half year
 * back may itself be pinned by a regional total). Within each: the cheapest for readers (shown on
 * the fewest pages: a count of one gemeente before a regional figure on every page), one of the
 * same gemeente, a part on the same side (a sibling) before a total, the smallest value, the key.
 */
function partnersOf(
  key: string,
  byKey: ReadonlyMap<string, readonly Relation[]>,
  hideable: (key: string) => boolean,
  value: (key: string) => number,
  cost: (key: string) => number,
  isSum: (key: string) => boolean,
  hidden: ReadonlyMap<string, unknown>,
): string[] {
  const area = refOf(key).area;
  interface Candidate {
    key: string;
    hop: number;
    cost: number;
    sameArea: boolean;
    sibling: boolean;
    value: number;
  }
  const ranked = (of: string, hop: number): Candidate[] => {
    const list: Candidate[] = [];
    for (const relation of byKey.get(of) ?? []) {
      const own = relation.terms.find(([name]) => name === of)?.[1] ?? 0;
      for (const [name, coefficient] of relation.terms) {
        if (name === key || !hideable(name)) continue;
        list.push({ key: name, hop, cost: cost(name), sameArea: !isSum(name) && refOf(name).area === area, sibling: Math.sign(coefficient) === Math.sign(own), value: value(name) });
      }
    }
    return list;
  };
  const near = ranked(key, 0);
  const related = new Set<string>();
  for (const relation of byKey.get(key) ?? []) for (const [name] of relation.terms) if (name !== key && hidden.has(name)) related.add(name);
  const far = [...related].sort(compareKeys).flatMap((name) => ranked(name, 1));
  const all = [...near, ...far].sort(
    (a, b) => a.hop - b.hop || a.cost - b.cost || Number(b.sameArea) - Number(a.sameArea) || Number(b.sibling) - Number(a.sibling) || a.value - b.value || compareKeys(a.key, b.key),
  );
  return [...new Set(all.map((candidate) => candidate.key))];
}
