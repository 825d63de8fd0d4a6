/**
 * An attack on a published public site, independent of the tool's own disclosure code: it reads
 * only what a reader can download — each edition's open-data CSV (every figure the pages and
 * charts show) — and the public population table, and knows the method (docs/disclosure.md):
 *
 * - a hidden count is a whole number ≥ 1 (zeros are shown);
 * - the totaal of a gemeente and period is at least the sum of the soorten listed; a year is its
 *   two half years; the region's rate per 1.000 inwoners, times the region's population, is the sum
 *   of its gemeenten (to within the rate's rounding);
 * - the pattern rule: in each edition, every group of x's linked by that edition's relations holds
 *   at least one count from 1 to 4, unless the group holds an x an earlier edition already hid.
 *
 * For every hidden count it asks an integer program (glpk.js) whether the count can be 5 or more,
 * and what its smallest and largest values are. A count that cannot be 5 or more is placed in
 * 1 … 4; one whose smallest and largest values are equal is pinned. Exit code 1 when any is.
 *
 *   node --import tsx scripts/attack-disclosure.ts dist/halfjaarcijfers [--population data/reference/bevolking-gemeente.csv]
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import GLPK, { type LP } from "glpk.js/node";

export interface AttackResult {
  editions: string[];
  hidden: number;
  /** Hidden counts that cannot be 5 or more. */
  small: string[];
  /** Hidden counts with one possible value. */
  pinned: string[];
  /** Hidden counts the solver could not decide in time. */
  undecided: string[];
}

interface Edition {
  id: string;
  end: string;
  /** cell → "x" or a number, for the cells this edition shows. */
  cells: Map<string, string>;
  /** Relations: kind, terms, and for the regional ones the range of the sum or the x standing for it. */
  relations: Relation[];
  /** The x's standing for hidden regional rates (variables of their own). */
  hiddenRates: Set<string>;
}

/**
 * Σ sign × term (kind) a constant or range. `of`: the cells of the edition that published the
 * relation — its figures are the constants (a figure revised in a later edition was what it was
 * when this edition was made).
 */
interface Relation {
  terms: string[];
  sign: number[];
  kind: "ge" | "eq" | "range";
  range?: [number, number];
  of?: Map<string, string>;
}

const THRESHOLD = 5;

/** Attacks the site in `site` (a folder with one folder per edition, each with `<kind>-<edition>.csv`). */
export async function attack(site: string, populationCsv: string): Promise<AttackResult> {
  const kind = path.basename(path.resolve(site));
  const population = readPopulation(populationCsv);
  const editions: Edition[] = [];
  for (const id of readdirSync(site).sort()) {
    const file = path.join(site, id, `${kind}-${id}.csv`);
    if (!existsSync(file)) continue;
    editions.push(readEdition(id, readFileSync(file, "utf8"), population));
  }
  editions.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));

  // What a reader knows of each cell: the latest number any edition shows, else unknown (x).
  const value = new Map<string, number>();
  const everHidden = new Set<string>();
  for (const edition of editions) {
    for (const [cell, shown] of edition.cells) {
      if (shown === "x") everHidden.add(cell);
      else value.set(cell, Number(shown));
    }
  }
  const unknown = new Set([...everHidden].filter((cell) => !value.has(cell)));
  for (const edition of editions) for (const rate of edition.hiddenRates) unknown.add(rate);

  // Year = H1 + H2 wherever all three are cells of some edition.
  const allCells = new Set([...value.keys(), ...unknown]);
  const years: Edition["relations"] = [];
  for (const cell of allCells) {
    const [area, soort, first, last] = cell.split("|") as [string, string, string, string];
    if (!first.endsWith("-01") || !last.endsWith("-12") || first.slice(0, 4) !== last.slice(0, 4)) continue;
    const y = first.slice(0, 4);
    const h1 = `${area}|${soort}|${y}-01|${y}-06`;
    const h2 = `${area}|${soort}|${y}-07|${y}-12`;
    if (!allCells.has(h1) || !allCells.has(h2)) continue;
    // With the figures of the latest edition that shows all three, where one does.
    const of = [...editions].reverse().find((edition) => [cell, h1, h2].every((term) => edition.cells.has(term)))?.cells;
    years.push({ terms: [cell, h1, h2], sign: [1, -1, -1], kind: "eq", ...(of ? { of } : {}) });
  }
  const relations = [...editions.flatMap((edition) => edition.relations.map((relation) => ({ ...relation, of: edition.cells }))), ...years];
  /** A known figure as a relation's edition showed it, else as the latest edition showing it did. */
  const constantOf = (relation: Relation, term: string): number => {
    const own = relation.of?.get(term);
    return own !== undefined && own !== "x" ? Number(own) : (value.get(term) ?? Number.NaN);
  };

  // The pattern rule per edition: groups of its x's linked by its own relations.
  const groups: string[][] = [];
  const earlierHidden = new Set<string>();
  for (const edition of editions) {
    const xs = new Set([...[...edition.cells].filter(([, shown]) => shown === "x").map(([cell]) => cell), ...edition.hiddenRates]);
    const own = [...edition.relations, ...years.filter((relation) => relation.terms.every((term) => edition.cells.has(term)))];
    const parent = new Map([...xs].map((x) => [x, x]));
    const find = (x: string): string => {
      while (parent.get(x) !== x) x = parent.get(x) as string;
      return x;
    };
    for (const relation of own) {
      const members = relation.terms.filter((term) => xs.has(term));
      for (const member of members.slice(1)) parent.set(find(member), find(members[0] as string));
    }
    const byRoot = new Map<string, string[]>();
    for (const x of xs) byRoot.set(find(x), [...(byRoot.get(find(x)) ?? []), x]);
    for (const group of byRoot.values()) if (!group.some((x) => earlierHidden.has(x))) groups.push(group);
    for (const x of xs) earlierHidden.add(x);
  }

  // Connected parts: variables linked by relations or groups.
  const parent = new Map([...unknown].map((x) => [x, x]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x) as string;
    return x;
  };
  const link = (terms: readonly string[]): void => {
    const vars = terms.filter((term) => unknown.has(term));
    for (const term of vars.slice(1)) {
      const a = find(term);
      const b = find(vars[0] as string);
      if (a !== b) parent.set(a, b);
    }
  };
  for (const relation of relations) link(relation.terms);
  for (const group of groups) link(group);

  const glpk = await GLPK();
  const solve = (root: string, target: string, bounds: { low?: number; high?: number }, direction: "min" | "max" | "feasible"): number | "infeasible" | "unbounded" | "undecided" => {
    const vars = [...unknown].filter((x) => find(x) === root).sort();
    const id = new Map(vars.map((x, i) => [x, `v${i}`]));
    const isRate = (x: string): boolean => x.startsWith("rate|");
    const subjectTo: LP["subjectTo"] = [];
    relations.forEach((relation, r) => {
      if (!relation.terms.some((term) => id.has(term))) return;
      let constant = 0;
      const terms: { name: string; coef: number }[] = [];
      relation.terms.forEach((term, i) => {
        const coef = relation.sign[i] as number;
        if (id.has(term)) terms.push({ name: id.get(term) as string, coef });
        else constant += coef * constantOf(relation, term);
      });
      if (Number.isNaN(constant)) return;
      if (relation.kind === "eq") subjectTo.push({ name: `r${r}`, vars: terms, bnds: { type: glpk.GLP_FX, lb: -constant, ub: -constant } });
      else if (relation.kind === "ge") subjectTo.push({ name: `r${r}`, vars: terms, bnds: { type: glpk.GLP_LO, lb: -constant, ub: 0 } });
      else {
        const [low, high] = relation.range as [number, number];
        subjectTo.push({ name: `r${r}`, vars: terms, bnds: { type: glpk.GLP_DB, lb: low - constant, ub: high - constant } });
      }
    });
    const binaries: string[] = [];
    groups.forEach((group, g) => {
      if (!group.some((x) => id.has(x))) return;
      if (group.some((x) => !id.has(x) && (value.get(x) ?? 0) >= 1 && (value.get(x) ?? 0) < THRESHOLD)) return;
      const smalls: { name: string; coef: number }[] = [];
      for (const x of group) {
        if (!id.has(x)) continue;
        const b = `b${binaries.length}`;
        binaries.push(b);
        const v = id.get(x) as string;
        subjectTo.push({ name: `${b}u`, vars: [{ name: v, coef: 1 }, { name: b, coef: 1e6 }], bnds: { type: glpk.GLP_UP, lb: 0, ub: THRESHOLD - 1 + 1e6 } });
        subjectTo.push({ name: `${b}p`, vars: [{ name: v, coef: 1 }, { name: b, coef: -1 }], bnds: { type: glpk.GLP_LO, lb: 0, ub: 0 } });
        smalls.push({ name: b, coef: 1 });
      }
      subjectTo.push({ name: `g${g}`, vars: smalls, bnds: { type: glpk.GLP_LO, lb: 1, ub: 0 } });
    });
    const lp: LP = {
      name: "attack",
      objective: { direction: direction === "min" ? glpk.GLP_MIN : glpk.GLP_MAX, name: "z", vars: [{ name: id.get(target) as string, coef: direction === "feasible" ? 0 : 1 }] },
      subjectTo,
      bounds: vars.map((x) => {
        const low = Math.max(isRate(x) ? 0 : 1, x === target ? (bounds.low ?? 0) : 0);
        const high = x === target ? (bounds.high ?? Infinity) : Infinity;
        return high === Infinity ? { name: id.get(x) as string, type: glpk.GLP_LO, lb: low, ub: 0 } : { name: id.get(x) as string, type: glpk.GLP_DB, lb: low, ub: high };
      }),
      binaries,
      generals: vars.map((x) => id.get(x) as string),
    };
    const { result } = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: true, tmlim: 30 });
    if (result.status === glpk.GLP_OPT) return Math.round(result.z);
    if (result.status === glpk.GLP_FEAS) return direction === "feasible" ? 0 : "undecided";
    if (result.status === glpk.GLP_UNBND) return "unbounded";
    if (result.status === glpk.GLP_NOFEAS || result.status === glpk.GLP_INFEAS) return "infeasible";
    return "undecided";
  };

  const small: string[] = [];
  const pinned: string[] = [];
  const undecided: string[] = [];
  const counts = [...unknown].filter((x) => !x.startsWith("rate|")).sort();
  for (const cell of counts) {
    const root = find(cell);
    const high = solve(root, cell, { low: THRESHOLD }, "feasible");
    if (high === "infeasible") {
      const low = solve(root, cell, {}, "min");
      const top = solve(root, cell, {}, "max");
      if (low === "infeasible") undecided.push(`${cell}: the published figures contradict the rules`);
      else if (low === top) pinned.push(`${cell} = ${low}`);
      else small.push(`${cell} in ${low} … ${top}`);
      continue;
    }
    if (high === "undecided") {
      undecided.push(cell);
      continue;
    }
    // It can be 5 or more; pinned only when a value of 1 … 4 is impossible too and min = max.
    const low = solve(root, cell, {}, "min");
    const top = solve(root, cell, {}, "max");
    if (typeof low === "number" && low === top) pinned.push(`${cell} = ${low}`);
  }
  return { editions: editions.map((edition) => edition.id), hidden: counts.length, small, pinned, undecided };
}

/** gemeentecode → year → inwoners (CBS); a year not in the table takes the nearest known year. */
function readPopulation(file: string): (gemeente: string, year: number) => number | undefined {
  const rows = parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  const table = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const code = row.gemeentecode ?? "";
    if (!table.has(code)) table.set(code, new Map());
    table.get(code)?.set(Number(row.jaar), Number(row.inwoners));
  }
  return (gemeente, year) => {
    const years = table.get(gemeente);
    if (!years) return undefined;
    const exact = years.get(year);
    if (exact !== undefined) return exact;
    const nearest = [...years.keys()].sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a)[0];
    return nearest === undefined ? undefined : years.get(nearest);
  };
}

function readEdition(id: string, text: string, population: (gemeente: string, year: number) => number | undefined): Edition {
  const rows = parse(text.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  const cells = new Map<string, string>();
  const shift = (month: string): string => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
  const rates = new Map<string, { soort: string; first: string; last: string; rate: string; gemeenten: string[] }>();
  const soortenOf = new Map<string, string[]>();
  let end = "";
  for (const row of rows) {
    const g = row.gemeentecode as string;
    const soort = row.soort_code as string;
    const first = row.periode_begin as string;
    const last = row.periode_eind as string;
    if (last > end) end = last;
    const cell = `${g}|${soort}|${first}|${last}`;
    if (row.aantal) cells.set(cell, row.aantal);
    if (row.aantal_vorig_jaar) cells.set(`${g}|${soort}|${shift(first)}|${shift(last)}`, row.aantal_vorig_jaar);
    const period = `${g}|${first}|${last}`;
    soortenOf.set(period, [...(soortenOf.get(period) ?? []), soort]);
    if (row.aantal_vorig_jaar) {
      const previous = `${g}|${shift(first)}|${shift(last)}`;
      soortenOf.set(previous, [...(soortenOf.get(previous) ?? []), soort]);
    }
    if (row.per_1000_inwoners_regio) {
      const key = `${soort}|${first}|${last}`;
      const entry = rates.get(key) ?? { soort, first, last, rate: row.per_1000_inwoners_regio, gemeenten: [] };
      entry.gemeenten.push(g);
      rates.set(key, entry);
    }
  }
  const relations: Edition["relations"] = [];
  // The totaal is at least the sum of the soorten listed.
  for (const [period, soorten] of soortenOf) {
    const [g, first, last] = period.split("|") as [string, string, string];
    const parts = [...new Set(soorten)].filter((soort) => soort !== "0.0.0");
    if (!soorten.includes("0.0.0") || parts.length === 0) continue;
    relations.push({ terms: [`${g}|0.0.0|${first}|${last}`, ...parts.map((soort) => `${g}|${soort}|${first}|${last}`)], sign: [1, ...parts.map(() => -1)], kind: "ge" });
  }
  const hiddenRates = new Set<string>();
  for (const { soort, first, last, rate, gemeenten } of rates.values()) {
    const sources = gemeenten.map((g) => `${g}|${soort}|${first}|${last}`);
    if (rate === "x") {
      const x = `rate|${id}|${soort}|${first}|${last}`;
      hiddenRates.add(x);
      relations.push({ terms: [x, ...sources], sign: [1, ...sources.map(() => -1)], kind: "eq" });
      continue;
    }
    // As the page computes the rate: a gemeente without a known population adds none.
    const inwoners = gemeenten.reduce((total, g) => total + (population(g, Number(last.slice(0, 4))) ?? 0), 0);
    if (inwoners === 0) continue;
    const r = Number(rate);
    relations.push({ terms: sources, sign: sources.map(() => 1), kind: "range", range: [Math.ceil(((r - 0.005) * inwoners) / 1000 - 1e-9), Math.floor(((r + 0.005) * inwoners) / 1000 + 1e-9)] });
  }
  return { id, end, cells, relations, hiddenRates };
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { population: { type: "string" } } });
  const site = positionals[0] ?? "dist/halfjaarcijfers";
  const started = performance.now();
  const result = await attack(site, values.population ?? "data/reference/bevolking-gemeente.csv");
  console.log(`attack on ${site}: editions ${result.editions.join(", ")}; ${result.hidden} hidden counts (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  placed in 1 … 4: ${result.small.length}`);
  for (const line of result.small) console.log(`    ${line}`);
  console.log(`  pinned: ${result.pinned.length}`);
  for (const line of result.pinned) console.log(`    ${line}`);
  console.log(`  undecided: ${result.undecided.length}`);
  for (const line of result.undecided) console.log(`    ${line}`);
  process.exitCode = result.small.length + result.pinned.length > 0 ? 1 : 0;
}
