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
  /**
   * Figures that reveal a sum of counts (a rate over the region); hidden under their id when they
   * must be. `range`: what a reader can work out of the sum from the figure as published (a rate
   * rounded to two decimals, times the known population); without one the sum counts as known exactly.
   */
  sums: readonly (ShownSum & { range?: readonly [number, number] })[];
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
 * Integer programs the trials for one count may take. A count no single figure or pair protects
 * (a tiny gemeente, where nearly everything is small) would otherwise try every option at every
 * radius; past this budget its whole row goes instead (see rowOf). The wider look before a costly
 * figure goes has a budget of its own.
 */
const TRIAL_BUDGET = 60;

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
  // A count revised into the small range since (published as 5, now 4) is hidden now like any
  // small count, and the reader knows it only as its old value give or take: judged as well.
  for (const [key, old] of input.known ?? new Map<string, number>()) {
    const current = input.counts.get(key);
    if (current && !hidden.has(key)) known.set(key, current.value);
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
  for (const key of revised.keys()) if (!everything.has(key)) everything.set(key, { ref: refOf(key), value: 0 });
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
  // A regional rate tells its sum only within its rounding: known roughly while it is shown.
  const ranged = new Map<string, readonly [number, number]>();
  for (const sum of input.sums) if (sum.range && sumIds.has(sum.id)) ranged.set(sum.id, sum.range);
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
    for (const [key, count] of values) if (!hidden.has(key) && !ranged.has(key)) shown.set(key, count);
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
  // Whether a reader knows a figure exactly while `extra` is hidden as well: shown, or published earlier.
  const isKnownNow = (key: string, extra: readonly string[]): boolean => known.has(key) || (values.has(key) && !hidden.has(key) && !ranged.has(key) && !extra.includes(key));
  const judged = (): string[] => [...hidden.keys()].filter((key) => !known.has(key) && !sumIds.has(key));
  const patternCells = (): Set<string> => new Set([...hidden].filter(([key, reason]) => reason !== "gevoelig" && !known.has(key)).map(([key]) => key));
  const ownGroups = (): string[][] => patternGroups(relations.filter(ownRelation), patternCells(), carried);

  // What a reader knows roughly: revised earlier figures, earlier regional figures, and this
  // edition's regional rates while they are shown.
  const shownRanges = (): [string, readonly [number, number]][] => [...ranged].filter(([key]) => !hidden.has(key));
  let roughly = new Map([...revised, ...sumBounds]);
  for (const [key, range] of shownRanges()) roughly.set(key, narrower(range, sumBounds.get(key)));
  // Without a regional rate of this edition, a reader still knows what an earlier one told of it.
  const roughlyWithout = (extra: readonly string[]): ReadonlyMap<string, readonly [number, number]> => {
    if (!extra.some((key) => ranged.has(key))) return roughly;
    const less = new Map(roughly);
    for (const key of extra) {
      if (!ranged.has(key)) continue;
      const earlier = sumBounds.get(key);
      if (earlier) less.set(key, earlier);
      else less.delete(key);
    }
    return less;
  };
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
      // What a trial proves holds only once its option is hidden: each trial starts from what is
      // proved now, and only the chosen option's proofs are kept.
      const before = certificates;
      const proved = new Map<readonly string[], Map<string, Certificate>>();
      let spent = programs;
      let exhausted = false;
      const trial = async (extra: readonly string[], radii: readonly number[]): Promise<boolean> => {
        if (programs - spent >= TRIAL_BUDGET) {
          exhausted = true;
          return false;
        }
        let without: ShownValues = shown;
        for (const candidate of extra) without = withoutKey(without, candidate);
        const result = await auditPattern({
          byKey: structure,
          shown: without,
          truth,
          judged: [finding.key],
          threshold: input.threshold,
          atLeastOne: { has: (key) => atLeastOne.has(key) || (extra.includes(key) && !sumIds.has(key)) },
          roughly: roughlyWithout(extra),
          groupsOf: groupsOf(index.with(extra)),
          certificates: before,
          radii,
          maxNeighbourhood: TRIAL_NEIGHBOURHOOD,
          prefer: extra,
        });
        programs += result.programs;
        if (result.findings.length > 0) return false;
        proved.set(extra, result.certificates);
        return true;
      };
      // Singles and pairs in order of what they cost readers: two counts on one page each before a
      // regional figure on every page.
      const few = candidates.filter((candidate) => cost(candidate) <= 1).slice(0, PAIRS_OF);
      // The regional figures always among them (they sort last, behind any number of counts).
      const singles = [...new Set([...candidates.slice(0, CANDIDATES), ...candidates.filter((candidate) => sumIds.has(candidate))])];
      const open = [...singles.map((candidate) => [candidate]), ...few.flatMap((a, i) => few.slice(i + 1).map((b) => [a, b]))];
      // Each option with what its own hiding then needs: a figure that one relation would give back
      // exactly (a half year under a shown year and a published half year) takes a partner along.
      const closed = open.map((option) => closure(option, byKey, (key) => isKnownNow(key, option), hideable, cost, value));
      const options = [...new Map(closed.map((option) => [option.join("\n"), option])).values()];
      const costOf = (option: readonly string[]): number => option.reduce((total, candidate) => total + cost(candidate), 0);
      options.sort((a, b) => costOf(a) - costOf(b) || a.length - b.length);
      let chosen: string[] | undefined;
      for (const option of options) {
        // A regional figure (on every page) only once every cheaper option was tried and failed.
        if (exhausted && option.some((candidate) => sumIds.has(candidate))) break;
        if (await trial(option, TRIAL_RADII)) {
          chosen = option;
          break;
        }
      }
      // Before a costly figure (a total, a regional figure) goes, the cheaper ones get a wider look.
      const costly = chosen ? costOf(chosen) : Infinity;
      if (costly > 2) {
        spent = programs;
        for (const option of options.filter((candidate) => costOf(candidate) < costly)) {
          if (await trial(option, WIDER_TRIAL_RADII)) {
            chosen = option;
            break;
          }
        }
      }
      if (chosen) certificates = proved.get(chosen) ?? before;
      // None protects it within the budget: the other parts of its own gemeente and period go
      // together (a page that is mostly x says so in words, and keeps its total), and the next
      // round judges them as a whole. When they are all hidden already, a count too small to show
      // under a small total (a tiny gemeente) gets room only when the total goes; failing that, the
      // nearest count goes, and a regional figure only when nothing else is left.
      if (!chosen) {
        const row = rowOf(finding.key, byKey, hideable, value);
        const above = finding.problem === "small" ? totalAbove(finding.key, byKey, hideable, value) : undefined;
        const nearest = candidates.find((candidate) => !sumIds.has(candidate)) ?? candidates[0];
        chosen = row.length > 0 ? row : above ? [above] : nearest ? [nearest] : [];
      }
      for (const candidate of chosen) {
        roughly = new Map(roughlyWithout([candidate]));
        hide(candidate, "afleidbaar");
        shown.delete(candidate);
        added++;
      }
    }
    if (added === 0) {
      // Rough knowledge of revised figures that contradicts this edition is dropped rather than failed on.
      if (revised.size > 0 && [...revised.keys()].some((key) => roughly.has(key))) {
        roughly = new Map(sumBounds);
        for (const [key, range] of shownRanges()) roughly.set(key, narrower(range, sumBounds.get(key)));
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
 * hideable figure on the other side (a total of its gemeente, never a regional figure) that is
 * more than zero.
 */
function totalAbove(key: string, byKey: ReadonlyMap<string, readonly Relation[]>, hideable: (key: string) => boolean, value: (key: string) => number): string | undefined {
  let best: string | undefined;
  for (const relation of byKey.get(key) ?? []) {
    const own = relation.terms.find(([name]) => name === key)?.[1] ?? 0;
    for (const [name, coefficient] of relation.terms) {
      if (Math.sign(coefficient) === Math.sign(own) || name.startsWith("Σ") || !hideable(name) || value(name) <= 0) continue;
      if (best === undefined || value(name) < value(best) || (value(name) === value(best) && compareKeys(name, best) < 0)) best = name;
    }
  }
  return best;
}

/** Partners closure adds to one option at most. */
const CLOSURE = 4;

/**
 * `option` with, for each figure in it that one relation would give back exactly (every other
 * figure in the relation known), the cheapest hideable other figure of that relation — one of the
 * same area before a regional figure — and so on for what that adds, up to CLOSURE more.
 */
function closure(
  option: readonly string[],
  byKey: ReadonlyMap<string, readonly Relation[]>,
  isKnown: (key: string) => boolean,
  hideable: (key: string) => boolean,
  cost: (key: string) => number,
  value: (key: string) => number,
): string[] {
  const closed = [...option];
  const queue = [...option];
  while (queue.length > 0 && closed.length < option.length + CLOSURE) {
    const at = queue.shift() as string;
    for (const relation of byKey.get(at) ?? []) {
      const others = relation.terms.map(([name]) => name).filter((name) => name !== at);
      if (others.some((name) => closed.includes(name) || !isKnown(name))) continue;
      const area = refOf(at).area;
      const partner = others
        .filter((name) => hideable(name) && value(name) > 0)
        .sort((a, b) => Number(a.startsWith("Σ")) - Number(b.startsWith("Σ")) || Number(refOf(b).area === area) - Number(refOf(a).area === area) || cost(a) - cost(b) || compareKeys(a, b))[0];
      if (!partner) continue;
      closed.push(partner);
      queue.push(partner);
      if (closed.length >= option.length + CLOSURE) break;
    }
  }
  return closed;
}

/**
 * The shown parts beside `key` in its own area: in each relation where `key` is a part, the
 * hideable figures on the same side of the same area (the other soorten of its gemeente and
 * period), more than zero. A regional figure is a relation across gemeenten and adds nothing.
 */
function rowOf(key: string, byKey: ReadonlyMap<string, readonly Relation[]>, hideable: (key: string) => boolean, value: (key: string) => number): string[] {
  const area = refOf(key).area;
  const row = new Set<string>();
  for (const relation of byKey.get(key) ?? []) {
    const own = relation.terms.find(([name]) => name === key)?.[1] ?? 0;
    for (const [name, coefficient] of relation.terms) {
      if (name === key || name.startsWith("Σ") || Math.sign(coefficient) !== Math.sign(own) || !hideable(name) || value(name) <= 0) continue;
      if (refOf(name).area === area) row.add(name);
    }
  }
  return [...row].sort(compareKeys);
}

/** What two ranges of one figure tell together; the first alone when they contradict (a revision). */
function narrower(range: readonly [number, number], other: readonly [number, number] | undefined): readonly [number, number] {
  if (!other) return range;
  const low = Math.max(range[0], other[0]);
  const high = Math.min(range[1], other[1]);
  return low <= high ? [low, high] : range;
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
