import GLPK, { type LP } from "glpk.js/node";
import { reduce, type AuditFinding, type Interval, type Reduced } from "./audit.ts";
import type { PatternGroup } from "./pattern.ts";
import { compareKeys, type Relation } from "./relations.ts";

/** The shown values as the audit reads them. */
export type ShownValues = Pick<ReadonlyMap<string, number>, "get" | "has">;

/**
 * What the audit has proved about a hidden count: `high`, a table consistent with everything
 * published (and with the pattern rule) exists in which it is threshold or more; `other`, one in
 * which it differs from its true value. Proofs stay valid when more cells are hidden later (a
 * table that fits more constants fits fewer), so they are carried from round to round.
 */
export interface Certificate {
  high: boolean;
  other: boolean;
}

export interface PatternAuditInput {
  /** The relations between the published figures (see structureOf), indexed by the keys in them. */
  byKey: ReadonlyMap<string, readonly Reduced[]>;
  /** The figures a reader knows exactly: constants. */
  shown: ShownValues;
  /** The true values of the hidden figures that have them (this edition's); the others are unknowns to solve for. */
  truth: ShownValues;
  /** The hidden counts to certify. */
  judged: Iterable<string>;
  threshold: number;
  /** Figures a reader knows to be at least 1 (an x where zeros are shown). */
  atLeastOne: Pick<ReadonlySet<string>, "has">;
  /** Figures a reader knows roughly (from an earlier edition, since revised; a rounded rate): their range. */
  roughly: ReadonlyMap<string, readonly [number, number]>;
  /** The pattern rule: each group holds at least one count from 1 to threshold − 1 (see patternGroups): the groups of a figure. */
  groupsOf: (key: string) => readonly PatternGroup[];
  /** What earlier rounds proved. */
  certificates?: ReadonlyMap<string, Certificate>;
  /** How far to look around a count for a table that protects it: relation hops, then the whole connected part. */
  radii?: readonly number[];
  /** For findings, also the range a reader can narrow the count to (two more programs each). */
  intervals?: boolean;
  /** Figures the search should free when it reaches them (the ones a trial would hide). */
  prefer?: readonly string[];
  /** More unknowns than this in one neighbourhood and the search stops widening (default 4000). */
  maxNeighbourhood?: number;
}

export interface PatternAuditResult {
  findings: AuditFinding[];
  certificates: Map<string, Certificate>;
  /** Integer programs solved. */
  programs: number;
}

/** More unknowns than this in one neighbourhood and the search stops widening (the count stays uncertified). */
const MAX_NEIGHBOURHOOD = 4000;
/**
 * Seconds one integer program may take; a program that runs out proves nothing (the count gets
 * more protection). Short, so that a signal waits at most this long (see breathe).
 */
const TIME_LIMIT = 1;
const BIG = 1e7;
/** The box tables are looked for in: every unknown at most this many times the largest figure around, and at least BOX_FLOOR. */
const BOX_FACTOR = 4;
const BOX_FLOOR = 100;
/** Unknowns of one relation that join a neighbourhood at most (besides those that must). */
const WIDE = 6;

let solver: Awaited<ReturnType<typeof GLPK>> | undefined;

/** How long the solver runs before the event loop gets a turn (so Ctrl-C and SIGTERM are honoured). */
const SLICE_MS = 100;
let sliceStarted = performance.now();

/** Lets the event loop run (signal handlers, timers) once the solver has had its slice. */
async function breathe(): Promise<void> {
  if (performance.now() - sliceStarted < SLICE_MS) return;
  await new Promise((resolve) => setImmediate(resolve));
  sliceStarted = performance.now();
}

/**
 * The relations between published figures only: the parts no edition publishes (soorten outside
 * the selection, klassen) take any value ≥ 0 and are eliminated once (an equation with such a part
 * becomes an inequality), whatever is later shown or hidden. `published` are the figures that may
 * be shown or hidden; each relation is then indexed by them.
 */
export function structureOf(relations: readonly Relation[], published: ReadonlySet<string>): Map<string, Reduced[]> {
  const reduced = reduce(relations, new Map(), published);
  const byKey = new Map<string, Reduced[]>();
  for (const relation of reduced) {
    for (const [key] of relation.terms) {
      const list = byKey.get(key) ?? [];
      list.push(relation);
      byKey.set(key, list);
    }
  }
  return byKey;
}

/**
 * The audit against a reader who knows the method (docs/disclosure.md): for every judged hidden
 * count it looks for an explicit table of whole numbers that fits every published figure and
 * relation, every x ≥ 1, the ranges known roughly and the pattern rule (each group of linked x's
 * holds a small one) — one in which the count is threshold or more when it is small, or one in
 * which it has another value when it is not. Such a table proves that no reader can place the count
 * in 1 … threshold − 1 or pin it; no such table means a finding.
 *
 * The search is local: around the count, up to a number of relation hops, every unknown is free and
 * everything further away keeps its true value (the true table fits everything, so the combination
 * fits every relation that touches no free unknown). A table found this way is a table of the whole
 * edition, so the proof is exact; when none is found the search widens, up to the whole connected
 * part. Each table found also certifies every other count in it that it shows at threshold or more.
 */
export async function auditPattern(input: PatternAuditInput): Promise<PatternAuditResult> {
  solver ??= await GLPK();
  const glpk = solver;
  const t = input.threshold;
  const certificates = new Map(input.certificates ?? []);
  const findings: AuditFinding[] = [];
  let programs = 0;
  const radii = input.radii ?? [1, 2, 3, Infinity];
  const maxNeighbourhood = input.maxNeighbourhood ?? MAX_NEIGHBOURHOOD;
  const prefer = new Set(input.prefer ?? []);
  const isUnknown = (key: string): boolean => !input.shown.has(key);
  const hasTruth = (key: string): boolean => input.truth.has(key);
  const truthOf = (key: string): number | undefined => input.truth.get(key);
  const groupsOf = input.groupsOf;
  const isSmall = (value: number | undefined): boolean => value !== undefined && value >= 1 && value < t;

  const needs = (key: string): "high" | "other" | undefined => {
    const have = certificates.get(key);
    if (isSmall(truthOf(key)) || !hasTruth(key)) return have?.high ? undefined : "high";
    return have?.other ? undefined : "other";
  };
  const record = (values: ReadonlyMap<string, number>): void => {
    for (const [key, value] of values) {
      const truth = truthOf(key);
      const have = certificates.get(key) ?? { high: false, other: false };
      const high = have.high || value >= t;
      const other = have.other || (truth !== undefined && value !== truth);
      if (high !== have.high || other !== have.other) certificates.set(key, { high, other });
    }
  };

  /** The unknowns within `radius` relation hops of `key`, and every unknown without a true value they touch. */
  const neighbourhood = (key: string, radius: number): Set<string> | undefined => {
    const near = new Set([key]);
    // From a relation with many unknowns (a regional figure over every gemeente) only a few join:
    // those without a true value (they must), the ones asked for, and those with the most room (the
    // largest true values); the rest keep their true values, which only makes the search stricter.
    const reach = (from: string, add: (name: string) => void): void => {
      for (const relation of input.byKey.get(from) ?? []) {
        const unknown = relation.terms.map(([name]) => name).filter((name) => isUnknown(name) && !near.has(name));
        if (unknown.length <= WIDE) {
          for (const name of unknown) add(name);
          continue;
        }
        const must = unknown.filter((name) => !hasTruth(name) || prefer.has(name));
        const roomy = unknown.filter((name) => hasTruth(name) && !prefer.has(name)).sort((a, b) => (truthOf(b) ?? 0) - (truthOf(a) ?? 0) || compareKeys(a, b));
        for (const name of [...must, ...roomy.slice(0, WIDE)]) add(name);
      }
      for (const group of groupsOf(from)) for (const name of group.unknown) if (!near.has(name)) add(name);
    };
    let frontier = [key];
    for (let hop = 0; hop < radius && frontier.length > 0; hop++) {
      const next: string[] = [];
      for (const at of frontier) {
        reach(at, (name) => {
          near.add(name);
          next.push(name);
        });
      }
      if (near.size > maxNeighbourhood) return undefined;
      frontier = next;
    }
    // Unknowns without a true value cannot be held fixed: they and what they touch join in.
    const queue = [...near];
    while (queue.length > 0) {
      const at = queue.pop() as string;
      reach(at, (name) => {
        if (hasTruth(name)) return;
        near.add(name);
        queue.push(name);
      });
      if (near.size > maxNeighbourhood) return undefined;
    }
    return near;
  };

  /**
   * An integer program over the unknowns in `near` (the rest at their true values): a table with
   * `target` on `key`, preferring one that shows the other small counts nearby at threshold or more.
   * Returns its values, or undefined when there is none (or it took too long).
   */
  const solve = (key: string, near: ReadonlySet<string>, target: { low?: number; high?: number }, objective?: "min" | "max"): Map<string, number> | undefined => {
    const touched = new Set<Reduced>();
    for (const name of near) for (const relation of input.byKey.get(name) ?? []) touched.add(relation);
    // Everything outside the neighbourhood is a constant: shown, or held at its true value.
    const local: Reduced[] = [];
    for (const relation of touched) {
      let rest = relation.rest;
      const terms: Reduced["terms"] = [];
      for (const [name, coefficient] of relation.terms) {
        if (near.has(name)) {
          terms.push([name, coefficient]);
          continue;
        }
        const value = input.shown.get(name) ?? input.truth.get(name);
        if (value === undefined) return undefined;
        rest -= coefficient * value;
      }
      local.push({ terms, rest, equal: relation.equal });
    }
    const sorted = [...near].sort(compareKeys);
    // The groups nearby, with their members in the neighbourhood; a group with a small count outside
    // it (held at its true value) holds its small one already.
    const inside = new Map<PatternGroup, string[]>();
    for (const name of sorted) {
      for (const group of groupsOf(name)) {
        const list = inside.get(group);
        if (list) list.push(name);
        else inside.set(group, [name]);
      }
    }
    const open = [...inside].filter(([group, members]) => group.small - members.filter((name) => isSmall(truthOf(name))).length <= 0);
    const id = new Map(sorted.map((name, index) => [name, `v${index}`]));
    const lowOf = (name: string): number => Math.max(input.roughly.get(name)?.[0] ?? 0, input.atLeastOne.has(name) ? 1 : 0, name === key ? (target.low ?? 0) : 0);
    // Tables are looked for within a box a few times the size of the figures around: a table in it
    // is as good a proof as any (the box only leaves tables out), and it keeps the big-M rows of
    // the small binaries tight, so the solver does not wander through counts of millions.
    let largest = 0;
    for (const relation of local) largest = Math.max(largest, Math.abs(relation.rest));
    for (const name of near) largest = Math.max(largest, input.truth.get(name) ?? 0, input.roughly.get(name)?.[1] ?? 0);
    const ceiling = Math.min(BIG, Math.max(BOX_FLOOR, BOX_FACTOR * largest));
    const highOf = (name: string): number => Math.min(input.roughly.get(name)?.[1] ?? Infinity, name === key ? (target.high ?? Infinity) : Infinity, ceiling);
    const bounds: NonNullable<LP["bounds"]> = [];
    for (const name of sorted) {
      const low = lowOf(name);
      const high = highOf(name);
      if (high < low) return undefined;
      const v = id.get(name) as string;
      bounds.push(high === Infinity ? { name: v, type: glpk.GLP_LO, lb: low, ub: 0 } : { name: v, type: low === high ? glpk.GLP_FX : glpk.GLP_DB, lb: low, ub: high });
    }
    const subjectTo: LP["subjectTo"] = local.map((relation, index) => ({
      name: `r${index}`,
      vars: relation.terms.map(([name, coefficient]) => ({ name: id.get(name) as string, coef: coefficient })),
      bnds: relation.equal ? { type: glpk.GLP_FX, lb: relation.rest, ub: relation.rest } : { type: glpk.GLP_UP, lb: 0, ub: relation.rest },
    }));
    // small_v = 1 exactly when 1 ≤ v ≤ t − 1 (only for the counts of groups that still need their small one).
    const small = new Map<string, string>();
    const binaries: string[] = [];
    for (const [, members] of open) {
      for (const name of members) {
        if (small.has(name)) continue;
        const b = `b${small.size}`;
        small.set(name, b);
        binaries.push(b);
        const v = id.get(name) as string;
        const big = Math.min(BIG, highOf(name));
        subjectTo.push({ name: `${b}u`, vars: [{ name: v, coef: 1 }, { name: b, coef: big }], bnds: { type: glpk.GLP_UP, lb: 0, ub: t - 1 + big } });
        subjectTo.push({ name: `${b}l`, vars: [{ name: v, coef: 1 }, { name: b, coef: t }], bnds: { type: glpk.GLP_LO, lb: t, ub: 0 } });
        subjectTo.push({ name: `${b}p`, vars: [{ name: v, coef: 1 }, { name: b, coef: -1 }], bnds: { type: glpk.GLP_LO, lb: 0, ub: 0 } });
      }
    }
    open.forEach(([, members], index) => {
      subjectTo.push({ name: `g${index}`, vars: members.map((name) => ({ name: small.get(name) as string, coef: 1 })), bnds: { type: glpk.GLP_LO, lb: 1, ub: 0 } });
    });
    const lp: LP = {
      name: "pattern",
      objective: { direction: objective === "min" ? glpk.GLP_MIN : glpk.GLP_MAX, name: "z", vars: [{ name: id.get(key) as string, coef: objective ? 1 : 0 }] },
      subjectTo,
      bounds,
      binaries,
      generals: sorted.map((name) => id.get(name) as string),
    };
    programs++;
    const { result } = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: true, tmlim: TIME_LIMIT });
    if (result.status !== glpk.GLP_OPT && result.status !== glpk.GLP_FEAS) return undefined;
    const table = new Map(sorted.map((name) => [name, Math.round(result.vars[id.get(name) as string] ?? 0)]));
    // The solver works in floating point; only a table that checks out exactly in whole numbers counts.
    const fits =
      sorted.every((name) => (table.get(name) as number) >= lowOf(name) && (table.get(name) as number) <= highOf(name)) &&
      local.every((relation) => {
        const sum = relation.terms.reduce((total, [name, coefficient]) => total + coefficient * (table.get(name) as number), 0);
        return relation.equal ? sum === relation.rest : sum <= relation.rest;
      }) &&
      open.every(([, members]) => members.some((name) => isSmall(table.get(name))));
    return fits ? table : undefined;
  };

  for (const key of [...new Set(input.judged)].sort(compareKeys)) {
    await breathe();
    let need = needs(key);
    if (!need) continue;
    let last: Set<string> | undefined;
    for (const radius of radii) {
      const near = neighbourhood(key, radius);
      if (!near) break;
      last = near;
      const truth = truthOf(key);
      const targets = need === "high" ? [{ low: t }] : [{ low: (truth ?? 0) + 1 }, ...(truth !== undefined && truth > 0 ? [{ high: truth - 1 }] : [])];
      for (const target of targets) {
        const table = solve(key, near, target);
        if (table) {
          record(table);
          break;
        }
      }
      need = needs(key);
      if (!need) break;
      // The whole connected part was searched: wider cannot help.
      if (!Number.isFinite(radius)) break;
    }
    if (!need) continue;
    let interval: Interval = { low: 0, high: Infinity };
    let problem: AuditFinding["problem"] = need === "high" ? "small" : "pinned";
    if (input.intervals && last) {
      const low = solve(key, last, {}, "min");
      const high = solve(key, last, {}, "max");
      if (!low) problem = "inconsistent";
      interval = { low: low?.get(key) ?? 0, high: high?.get(key) ?? Infinity };
    }
    findings.push({ key, interval, problem });
  }
  return { findings, certificates, programs };
}
