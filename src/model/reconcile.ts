import type { AreaIndex, AreaLevel } from "../reference/areas.ts";
import { UNASSIGNED_SOORT } from "../reference/classification.ts";
import type { Cube } from "./cube.ts";
import { formatMonth, type Month } from "./months.ts";
import { rollup, type Counts } from "./rollup.ts";

const PARTS = ["J", "N", "O"] as const;

/** A total that differs from the sum of its parts in some month. */
export interface Discrepancy {
  /** `categorie`: INP levels within an area; `gebied`: an area against its sub-areas; `regio`: basisteams against gemeenten. */
  check: "categorie" | "gebied" | "regio";
  area: string;
  /** What was summed, e.g. "J = Σ niv2", "GM0344 = Σ wijken + zonder wijk". */
  relation: string;
  month: Month;
  total: number;
  parts: number;
}

export interface ReconcileInput {
  cube: Cube;
  areas: AreaIndex;
  /** The rolled-up counts per area level, as the reports use them. */
  counts: (level: AreaLevel) => Counts;
  /** Category keys of a klasse (see categoryKeys), to count cells that no sub-area holds. */
  categoriesOf: (klasse: string) => readonly string[];
  /** The gemeenten in scope. */
  gemeenten: readonly string[];
}

/** At most this many discrepancies are listed: one is already a bug. */
const MAX_LISTED = 20;

/**
 * Checks that the rolled-up counts add up, month by month:
 * - per gemeente and part (J, N, O): total = Σ niv1 = Σ niv2 = Σ niv3, every INP node = Σ of its
 *   children (by code: 1.1 under 1, 1.1.1 under 1.1), and soort 0.0.0 = Σ soorten;
 * - every gemeente = Σ its wijken + registrations without a wijk; every district = Σ its
 *   basisteams + registrations without one; every eenheid likewise over its districten;
 * - over the region in scope, Σ basisteams + registrations without a basisteam = Σ gemeenten,
 *   when the basisteam mapping covers exactly the buurten of the gemeenten in scope.
 * Returns the discrepancies (empty when all holds). A discrepancy means a bug or a broken
 * mapping (the INP table, the area table or the basisteam mapping), never bad input data.
 */
export function reconcile(input: ReconcileInput): Discrepancy[] {
  const found: Discrepancy[] = [];
  const note = (discrepancy: Omit<Discrepancy, "month" | "total" | "parts">, total: Int32Array | Float64Array, parts: Int32Array | Float64Array, firstMonth: Month): boolean => {
    for (let i = 0; i < total.length; i++) {
      if ((total[i] ?? 0) !== (parts[i] ?? 0)) {
        found.push({ ...discrepancy, month: firstMonth + i, total: total[i] ?? 0, parts: parts[i] ?? 0 });
        return true;
      }
    }
    return false;
  };

  const gemeenten = input.counts("gemeente");
  for (const area of gemeenten.areas()) {
    if (found.length >= MAX_LISTED) break;
    checkCategories(gemeenten, area, (relation, total, parts) => note({ check: "categorie", area, relation }, total, parts, gemeenten.firstMonth));
  }

  const hierarchies: [AreaLevel, AreaLevel][] = [
    ["gemeente", "wijk"],
    ["district", "basisteam"],
    ["eenheid", "district"],
  ];
  for (const [parentLevel, childLevel] of hierarchies) {
    const parents = input.counts(parentLevel);
    const children = input.counts(childLevel);
    const unassigned = unassignedCounts(input, parentLevel, childLevel);
    for (const parent of parents.areas()) {
      if (found.length >= MAX_LISTED) break;
      const total = partsTotal(parents, parent);
      const sum = new Float64Array(total.length);
      for (const child of input.areas.childrenOf(parent)) {
        if (input.areas.get(child)?.level === childLevel) addInto(sum, partsTotal(children, child));
      }
      addInto(sum, unassigned.get(parent));
      note({ check: "gebied", area: parent, relation: `${parent} = Σ ${plural(childLevel)} + zonder ${childLevel}` }, total, sum, parents.firstMonth);
    }
  }

  const region = regionCoveredByBasisteams(input);
  if (region) {
    const gemeenteSum = new Float64Array(gemeenten.lastMonth - gemeenten.firstMonth + 1);
    for (const gemeente of input.gemeenten) addInto(gemeenteSum, partsTotal(gemeenten, gemeente));
    const basisteams = input.counts("basisteam");
    const basisteamSum = new Float64Array(gemeenteSum.length);
    for (const basisteam of region) addInto(basisteamSum, partsTotal(basisteams, basisteam));
    const withoutBasisteam = unassignedCounts(input, "gemeente", "basisteam");
    for (const gemeente of input.gemeenten) addInto(basisteamSum, withoutBasisteam.get(gemeente));
    note({ check: "regio", area: input.gemeenten.join(","), relation: "Σ gemeenten = Σ basisteams + zonder basisteam" }, gemeenteSum, basisteamSum, gemeenten.firstMonth);
  }
  return found.slice(0, MAX_LISTED);
}

/** A discrepancy in words: "GM0344 · J = Σ niv2: 2025-03 total 1240, parts 1234". */
export function describeDiscrepancy(discrepancy: Discrepancy): string {
  const area = discrepancy.check === "regio" ? "regio" : discrepancy.area;
  return `${area} · ${discrepancy.relation}: ${formatMonth(discrepancy.month)} totaal ${discrepancy.total}, som van de delen ${discrepancy.parts}`;
}

function checkCategories(counts: Counts, area: string, check: (relation: string, total: Int32Array | Float64Array, parts: Float64Array) => boolean): void {
  const length = counts.lastMonth - counts.firstMonth + 1;
  const categories = counts.categories(area);
  // Misdrijven a table's total counts under no soort are a part of J and of soort:0.0.0 of their own.
  const unassigned = counts.series(area, `klasse:${UNASSIGNED_SOORT}`);
  for (const part of PARTS) {
    const total = counts.series(area, part);
    const nodes = categories.filter((key) => key.startsWith(`${part}:`)).map((key) => key.slice(part.length + 1));
    if (!total && nodes.length === 0) continue;
    const totalSeries = total ?? new Int32Array(length);
    for (const depth of [1, 2, 3]) {
      const sum = new Float64Array(length);
      if (part === "J") addInto(sum, unassigned);
      for (const code of nodes) if (code.split(".").length === depth) addInto(sum, counts.series(area, `${part}:${code}`));
      if (check(`${part} = Σ niv${depth}`, totalSeries, sum)) return;
    }
    for (const code of nodes) {
      if (code.split(".").length === 3) continue;
      const children = nodes.filter((child) => child.startsWith(`${code}.`) && child.split(".").length === code.split(".").length + 1);
      const sum = new Float64Array(length);
      for (const child of children) addInto(sum, counts.series(area, `${part}:${child}`));
      if (check(`${part}:${code} = Σ ${code}.x`, counts.series(area, `${part}:${code}`) ?? new Int32Array(length), sum)) return;
    }
  }
  const soorten = categories.filter((key) => key.startsWith("soort:") && key !== "soort:0.0.0");
  const sum = new Float64Array(length);
  addInto(sum, unassigned);
  for (const key of soorten) addInto(sum, counts.series(area, key));
  check("soort:0.0.0 = Σ soorten", counts.series(area, "soort:0.0.0") ?? new Int32Array(length), sum);
}

/** J + N + O of an area, month by month. */
function partsTotal(counts: Counts, area: string): Float64Array {
  const total = new Float64Array(counts.lastMonth - counts.firstMonth + 1);
  for (const part of PARTS) addInto(total, counts.series(area, part));
  return total;
}

/** Per area of `parentLevel`: cube cells inside it that no area of `childLevel` holds (a row without wijk, say). */
function unassignedCounts(input: ReconcileInput, parentLevel: AreaLevel, childLevel: AreaLevel): Map<string, Float64Array> {
  const { areas } = input;
  const counted = rollup(
    input.cube,
    (area) => (areas.ancestorAt(area, childLevel) ? undefined : areas.ancestorAt(area, parentLevel)),
    (klasse) => input.categoriesOf(klasse).filter((key) => (PARTS as readonly string[]).includes(key)),
  );
  // Every roll-up of one cube spans the same months, so the series line up index by index.
  const result = new Map<string, Float64Array>();
  for (const area of counted.areas()) result.set(area, partsTotal(counted, area));
  return result;
}

/**
 * The basisteams of the region when they cover exactly its buurten: every buurt of a gemeente in
 * scope has a basisteam, and every buurt of those basisteams lies in a gemeente in scope.
 * Undefined otherwise (the check does not apply).
 */
function regionCoveredByBasisteams(input: ReconcileInput): string[] | undefined {
  const { areas } = input;
  const inScope = new Set(input.gemeenten);
  const basisteams = new Set<string>();
  for (const gemeente of input.gemeenten) {
    for (const buurt of areas.buurtenOf(gemeente)) {
      const basisteam = areas.ancestorAt(buurt, "basisteam");
      if (!basisteam) return undefined;
      basisteams.add(basisteam);
    }
  }
  for (const basisteam of basisteams) {
    for (const buurt of areas.buurtenOf(basisteam)) {
      const gemeente = areas.ancestorAt(buurt, "gemeente");
      if (!gemeente || !inScope.has(gemeente)) return undefined;
    }
  }
  return basisteams.size > 0 ? [...basisteams].sort() : undefined;
}

function addInto(target: Float64Array, values: Int32Array | Float64Array | undefined): void {
  if (!values) return;
  for (let i = 0; i < target.length; i++) target[i] = (target[i] ?? 0) + (values[i] ?? 0);
}

function plural(level: AreaLevel): string {
  return level === "wijk" ? "wijken" : level === "district" ? "districten" : `${level}s`;
}
