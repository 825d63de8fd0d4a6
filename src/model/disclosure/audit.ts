import GLPK, { type LP } from "glpk.js/node";
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
 */
export async function auditSuppression(relations: readonly Relation[], shown: ReadonlyMap<string, number>, hidden: ReadonlySet<string>, threshold: number): Promise<AuditResult> {
  solver ??= await GLPK();
  const glpk = solver;
  const intervals = new Map<string, Interval>();
  const findings: AuditFinding[] = [];
  let programs = 0;

  // Unknowns are the counts not shown; relations between them form independent components.
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let node = key;
    while (node !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const unknownsOf = (relation: Relation): string[] => relation.terms.filter(([key]) => !shown.has(key)).map(([key]) => key);
  for (const relation of relations) {
    const unknowns = unknownsOf(relation);
    for (const key of unknowns) if (!parent.has(key)) parent.set(key, key);
    for (const key of unknowns.slice(1)) {
      const a = find(unknowns[0] as string);
      const b = find(key);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const components = new Map<string, Relation[]>();
  for (const relation of relations) {
    const [first] = unknownsOf(relation);
    if (first === undefined) continue;
    const root = find(first);
    const list = components.get(root) ?? [];
    list.push(relation);
    components.set(root, list);
  }

  for (const key of [...hidden].sort(compareKeys)) {
    const root = parent.has(key) ? find(key) : undefined;
    const component = root === undefined ? [] : (components.get(root) ?? []);
    if (component.length === 0) {
      // In no relation with anything shown: nothing narrows it down.
      intervals.set(key, { low: 0, high: Infinity });
      continue;
    }
    const bounds = [...new Set(component.flatMap(unknownsOf))].sort(compareKeys).map((name) => ({ name: variable(name), type: glpk.GLP_LO, lb: 0, ub: 0 }));
    const subjectTo = component.map((relation, index) => {
      const rest = relation.constant - relation.terms.reduce((sum, [name, coefficient]) => sum + (shown.has(name) ? coefficient * (shown.get(name) ?? 0) : 0), 0);
      return {
        name: `r${index}`,
        vars: relation.terms.filter(([name]) => !shown.has(name)).map(([name, coefficient]) => ({ name: variable(name), coef: coefficient })),
        bnds: { type: glpk.GLP_FX, lb: rest, ub: rest },
      };
    });
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

/** GLPK names may not hold "|" in the LP format; the key is kept readable otherwise. */
function variable(key: string): string {
  return key.replaceAll("|", "_");
}
