import type { Classification } from "../../reference/classification.ts";
import { categoryKeys } from "../categories.ts";
import type { Month } from "../months.ts";
import type { CellRef } from "../table.ts";

/** One key per counted quantity: the same count in two tables is one variable. */
export function refKey(ref: CellRef): string {
  return `${ref.area}|${ref.category}|${ref.first}|${ref.last}`;
}

/** The CellRef a key stands for. */
export function refOf(key: string): CellRef {
  const [area = "", category = "", first = "0", last = "0"] = key.split("|");
  return { area, category, first: Number(first), last: Number(last) };
}

/** A count shown in the output. */
export interface ShownCount {
  ref: CellRef;
  value: number;
}

/**
 * A figure that reveals the sum of several counts (a rate over a region, a group total). It takes
 * part as a variable of its own, keyed `id`, so that it can be hidden like a count.
 */
export interface ShownSum {
  id: string;
  sources: readonly CellRef[];
}

/** Σ coefficient × variable = constant; variables are count keys (see refKey). */
export interface Relation {
  terms: [key: string, coefficient: number][];
  constant: number;
  /** What the relation says, for messages: "categorie", "periode", "gebied", "som". */
  kind: "categorie" | "periode" | "gebied" | "som";
}

/** The hierarchies that make counts add up. */
export interface Hierarchies {
  /** The categories that partition `category` exactly (each registration in exactly one), or none. */
  categoryChildren(category: string): readonly string[];
  /** The categories `category` is one of the parts of. */
  categoryParents(category: string): readonly string[];
  /** Areas whose counts add up to at most the count of `area` (wijken of a gemeente). */
  areaChildren(area: string): readonly string[];
}

/**
 * The category hierarchies of the classification: J = Σ J:niv1, J:niv1 = Σ J:niv2, … , J:niv3 =
 * Σ klasse; soort:0.0.0 = Σ soort, soort = Σ klasse. Every klasse lies in exactly one node of each
 * level, so these are exact partitions.
 */
export function classificationHierarchy(classification: Classification, areaChildren: (area: string) => readonly string[]): Hierarchies {
  const children = new Map<string, Set<string>>();
  const parents = new Map<string, Set<string>>();
  const link = (parent: string, child: string): void => {
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)?.add(child);
    if (!parents.has(child)) parents.set(child, new Set());
    parents.get(child)?.add(parent);
  };
  for (const code of classification.klasseCodes()) {
    const klasse = classification.klasse(code);
    if (!klasse) continue;
    if (klasse.unassigned) {
      // A part of both totals beside their INP nodes and soorten: J = Σ niv1 + it, soort:0.0.0 = Σ soort + it.
      link(klasse.misdrijf, `klasse:${klasse.code}`);
      link("soort:0.0.0", `klasse:${klasse.code}`);
      continue;
    }
    const [part, niv1, niv2, niv3, own] = categoryKeys(klasse) as [string, string, string, string, string];
    link(part, niv1);
    link(niv1, niv2);
    link(niv2, niv3);
    link(niv3, own);
    if (klasse.soort) {
      link("soort:0.0.0", `soort:${klasse.soort}`);
      link(`soort:${klasse.soort}`, own);
    }
  }
  const sorted = (set: Set<string> | undefined): string[] => (set ? [...set].sort() : []);
  return {
    categoryChildren: (category) => sorted(children.get(category)),
    categoryParents: (category) => sorted(parents.get(category)),
    areaChildren,
  };
}

/**
 * Every linear relation between the counts of one edition that a reader could use: category
 * hierarchies (a total is the sum of its parts, shown or not), periods (a year is the sum of the
 * half years shown within it and of the months between them), areas (a gemeente is at least the
 * sum of its wijken shown) and shown sums (a regional rate reveals the sum of its gemeenten).
 * Counts that are not shown take part as unknowns ≥ 0.
 */
export function relationsOf(shown: ReadonlyMap<string, ShownCount>, sums: readonly ShownSum[], hierarchies: Hierarchies): Relation[] {
  const relations: Relation[] = [];
  const variables = new Set(shown.keys());

  // Categories: for every shown count and each of its ancestors, the parent is the sum of all its children.
  const done = new Set<string>();
  const addCategory = (ref: CellRef): void => {
    const key = refKey(ref);
    if (done.has(key)) return;
    done.add(key);
    const children = hierarchies.categoryChildren(ref.category);
    if (children.length > 0) {
      const terms: Relation["terms"] = [[key, 1]];
      for (const child of children) {
        const childKey = refKey({ ...ref, category: child });
        terms.push([childKey, -1]);
        variables.add(childKey);
      }
      variables.add(key);
      relations.push({ terms, constant: 0, kind: "categorie" });
    }
    for (const parent of hierarchies.categoryParents(ref.category)) addCategory({ ...ref, category: parent });
  };
  for (const { ref } of [...shown.values()].sort((a, b) => compareKeys(refKey(a.ref), refKey(b.ref)))) addCategory(ref);

  // Areas: a gemeente holds its wijken and the registrations without a wijk (a slack ≥ 0).
  for (const key of [...variables].sort(compareKeys)) {
    const ref = refOf(key);
    const children = hierarchies.areaChildren(ref.area).map((area) => refKey({ ...ref, area }));
    if (!children.some((child) => shown.has(child))) continue;
    relations.push({ terms: [[key, 1], ...children.map((child): [string, number] => [child, -1]), [`${key}|rest`, -1]], constant: 0, kind: "gebied" });
    for (const child of children) variables.add(child);
  }

  // Periods: a range is the sum of the shorter ranges within it, and of the gaps between them.
  const byCell = new Map<string, CellRef[]>();
  for (const key of variables) {
    if (key.endsWith("|rest")) continue;
    const ref = refOf(key);
    const group = `${ref.area}|${ref.category}`;
    const list = byCell.get(group) ?? [];
    list.push(ref);
    byCell.set(group, list);
  }
  for (const group of [...byCell.keys()].sort()) {
    const ranges = (byCell.get(group) ?? []).sort((a, b) => a.first - b.first || b.last - a.last);
    for (const whole of ranges) {
      if (whole.first === whole.last) continue;
      const parts = cover(whole, ranges);
      // A relation among counts that are all unshown adds (next to) nothing and makes the audit's programs large.
      if (!parts || ![whole, ...parts].some((part) => shown.has(refKey(part)))) continue;
      relations.push({ terms: [[refKey(whole), 1], ...parts.map((part): [string, number] => [refKey(part), -1])], constant: 0, kind: "periode" });
    }
  }

  // Shown sums: the sum of the sources is as good as known (a rate times the population).
  for (const sum of sums) relations.push({ terms: [[sum.id, 1], ...sum.sources.map((source): [string, number] => [refKey(source), -1])], constant: 0, kind: "som" });
  return relations;
}

/**
 * The ranges (from `ranges`, strictly shorter than `whole`) that cover `whole` left to right,
 * longest first, with the gaps between them as ranges of their own; undefined when none fits.
 */
function cover(whole: CellRef, ranges: readonly CellRef[]): CellRef[] | undefined {
  const parts: CellRef[] = [];
  let used = 0;
  let cursor: Month = whole.first;
  while (cursor <= whole.last) {
    const next = ranges
      .filter((range) => range.first === cursor && range.last <= whole.last && !(range.first === whole.first && range.last === whole.last))
      .sort((a, b) => b.last - a.last)[0];
    if (next) {
      parts.push(next);
      used++;
      cursor = next.last + 1;
      continue;
    }
    const following = ranges.filter((range) => range.first > cursor && range.first <= whole.last && range.last <= whole.last).map((range) => range.first);
    const gapEnd = following.length > 0 ? Math.min(...following) - 1 : whole.last;
    parts.push({ ...whole, first: cursor, last: gapEnd });
    cursor = gapEnd + 1;
  }
  return used > 0 ? parts : undefined;
}

/** Keys in a stable order: by area, category, first and last month. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
