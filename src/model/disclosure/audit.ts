import GLPK, { type LP } from "glpk.js/node";
import { DisjointSets } from "./disjoint-sets.ts";
import { compareKeys, type Relation } from "./relations.ts";

/** How far a reader can narrow down a hidden count from everything shown. */
export interface Interval {
  low: number;
  /** Infinity when nothing bounds the count from above. */
  high: number;
}

export interface AuditFinding {
  key: string;
  interval: Interval;
  /**
   * `pinned`: only one whole number is possible; `small`: every possible value lies from 1 to
   * threshold − 1, so the reader learns that a few registrations exist; `inconsistent`: the shown
   * figures contradict the relations (a bug, never published).
   */
  problem: "pinned" | "small" | "inconsistent";
}

export interface AuditResult {
  intervals: Map<string, Interval>;
  findings: AuditFinding[];
  /** Linear programs solved. */
  programs: number;
}

let solver: Awaited<ReturnType<typeof GLPK>> | undefined;

/**
 * Tries to break the suppression: for every hidden count, the smallest and largest value it can
 * have given all shown counts and all relations between counts (each count ≥ 0), by linear
 * programming (GLPK). The system is split into independent parts first, so each program is small.
 * A hidden count fails when its interval holds one whole number only, or only numbers from 1 to
 * threshold − 1.
 *
 * `atLeastOne` are the counts a reader knows to be 1 or more: zeros are shown as 0, so an `x` for a
 * small count (or one hidden to protect it) is not 0. Without that bound "5 = x + x" would pass
 * (each x in 0 … 5) while every reader knows each x is 1 … 4.
 */
export async function auditSuppression(
  relations: readonly Relation[],
  shown: Pick<ReadonlyMap<string, number>, "get" | "has">,
  hidden: ReadonlySet<string>,
  threshold: number,
  atLeastOne: ReadonlySet<string> = new Set(),
  /** Counts a reader knows roughly (published by an earlier edition, since revised): their range. */
  roughly: ReadonlyMap<string, readonly [number, number]> = new Map(),
): Promise<AuditResult> {
  solver ??= await GLPK();
  const glpk = solver;
  const intervals = new Map<string, Interval>();
  const findings: AuditFinding[] = [];
  let programs = 0;
  // A count known to be ≥ 1 is not a "free" unknown that may be dropped as ≥ 0.
  const reduced = reduce(relations, shown, new Set([...hidden, ...atLeastOne, ...roughly.keys()]));

  // Relations between the unknowns form independent components: one small program each.
  const sets = new DisjointSets();
  for (const relation of reduced) {
    const names = relation.terms.map(([key]) => key);
    for (const key of names) sets.add(key);
    for (const key of names.slice(1)) sets.union(names[0] as string, key);
  }
  const components = new Map<string, Reduced[]>();
  for (const relation of reduced) {
    const root = sets.find(relation.terms[0]?.[0] as string);
    const list = components.get(root) ?? [];
    list.push(relation);
    components.set(root, list);
  }

  for (const key of [...hidden].sort(compareKeys)) {
    const component = sets.has(key) ? (components.get(sets.find(key)) ?? []) : [];
    if (component.length === 0) {
      // In no relation with anything else: nothing narrows it down.
      intervals.set(key, { low: 0, high: Infinity });
      continue;
    }
    // GLPK names are short (at most 255 characters): the variables are numbered.
    const names = new Map([...new Set(component.flatMap((relation) => relation.terms.map(([name]) => name)))].sort(compareKeys).map((name, index) => [name, `v${index}`]));
    const variable = (name: string): string => names.get(name) as string;
    const bounds = [...names].map(([key, name]) => {
      const range = roughly.get(key);
      return range ? { name, type: glpk.GLP_DB, lb: range[0], ub: range[1] } : { name, type: glpk.GLP_LO, lb: atLeastOne.has(key) ? 1 : 0, ub: 0 };
    });
    const subjectTo = component.map((relation, index) => ({
      name: `r${index}`,
      vars: relation.terms.map(([name, coefficient]) => ({ name: variable(name), coef: coefficient })),
      bnds: relation.equal ? { type: glpk.GLP_FX, lb: relation.rest, ub: relation.rest } : { type: glpk.GLP_UP, lb: 0, ub: relation.rest },
    }));
    const solve = (direction: number): number | "unbounded" | "infeasible" => {
      programs++;
      const lp: LP = { name: "audit", objective: { direction, name: "x", vars: [{ name: variable(key), coef: 1 }] }, subjectTo, bounds };
      const { result } = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: false });
      if (result.status === glpk.GLP_OPT) return result.z;
      if (result.status === glpk.GLP_UNBND) return "unbounded";
      return "infeasible";
    };
    const low = solve(glpk.GLP_MIN);
    const high = low === "infeasible" ? "infeasible" : solve(glpk.GLP_MAX);
    if (low === "infeasible" || high === "infeasible" || low === "unbounded") {
      intervals.set(key, { low: 0, high: 0 });
      findings.push({ key, interval: { low: 0, high: 0 }, problem: "inconsistent" });
      continue;
    }
    const interval = { low, high: high === "unbounded" ? Infinity : high };
    intervals.set(key, interval);
    const problem = judge(interval, threshold);
    if (problem) findings.push({ key, interval, problem });
  }
  return { intervals, findings, programs };
}

/** A relation over unknowns only: Σ terms = rest, or Σ terms ≤ rest. */
export interface Reduced {
  terms: [key: string, coefficient: number][];
  rest: number;
  equal: boolean;
}

/**
 * The relations with every shown count filled in, and without the unknowns that tell nothing: an
 * unknown (not hidden) that occurs in one relation only can take any value ≥ 0, so it turns its
 * equation into an inequality (Σ others ≤ rest when it is added, nothing at all when such unknowns
 * occur with both signs). Repeated until nothing changes; what remains is usually small.
 */
export function reduce(relations: readonly Relation[], shown: Pick<ReadonlyMap<string, number>, "get" | "has">, hidden: ReadonlySet<string>): Reduced[] {
  let reduced: Reduced[] = [];
  for (const relation of relations) {
    let rest = relation.constant;
    const terms: Reduced["terms"] = [];
    for (const [key, coefficient] of relation.terms) {
      const value = shown.get(key);
      if (value === undefined) terms.push([key, coefficient]);
      else rest -= coefficient * value;
    }
    if (terms.length > 0) reduced.push({ terms, rest, equal: true });
  }
  for (let changed = true; changed; ) {
    changed = false;
    const occurrences = new Map<string, number>();
    for (const relation of reduced) for (const [key] of relation.terms) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
    const next: Reduced[] = [];
    for (const relation of reduced) {
      const free = relation.terms.filter(([key]) => !hidden.has(key) && occurrences.get(key) === 1);
      if (free.length === 0) {
        next.push(relation);
        continue;
      }
      changed = true;
      const signs = new Set(free.map(([, coefficient]) => Math.sign(coefficient)));
      const others = relation.terms.filter(([key]) => hidden.has(key) || occurrences.get(key) !== 1);
      // Free unknowns of both signs, or nothing else in it: the relation says nothing more.
      if (signs.size > 1 || others.length === 0) continue;
      if (!relation.equal) {
        // Σ others + c × free ≤ rest: with c < 0 the free unknown absorbs anything; with c > 0 it is at best 0.
        if (signs.has(1)) next.push({ terms: others, rest: relation.rest, equal: false });
        continue;
      }
      // Σ others + sign × (free ≥ 0) = rest, so sign × (rest − Σ others) ≥ 0.
      const sign = [...signs][0] as number;
      next.push(sign > 0 ? { terms: others, rest: relation.rest, equal: false } : { terms: others.map(([key, coefficient]) => [key, -coefficient]), rest: -relation.rest, equal: false });
    }
    reduced = next;
  }
  return reduced;
}

/**
 * The protection rule: a hidden count must keep at least two whole values possible, and at least
 * one of them must be 0 or threshold or more — otherwise the reader learns the count, or learns
 * that a handful of registrations exist.
 */
export function judge(interval: Interval, threshold: number): AuditFinding["problem"] | undefined {
  const low = Math.ceil(interval.low - 1e-6);
  const high = interval.high === Infinity ? Infinity : Math.floor(interval.high + 1e-6);
  if (high - low < 1) return "pinned";
  if (low >= 1 && high <= threshold - 1) return "small";
  return undefined;
}
