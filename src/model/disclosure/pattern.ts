import { DisjointSets } from "./disjoint-sets.ts";
import { compareKeys, type Relation } from "./relations.ts";

/**
 * The groups of x's a reader who knows the rule reasons about: hidden cells are linked when they
 * occur together in one published relation (a total and its parts, a year and its half years, a
 * regional figure and its gemeenten), and a group is everything linked, directly or through other
 * x's. An x is either small or was hidden to protect one, through a chain of such relations, so
 * every group holds at least one small count — the pattern rule the audit assumes a reader applies
 * (an x in no relation with another x is a group of its own, and so is small).
 *
 * `cells` are the x's the rule is about (not the sensitive ones, which are hidden whatever their
 * size). A group that holds one of `exempt` is left out: an x an earlier edition already hid is
 * hidden again whatever it is now, so its group need not hold a small count. Groups are sorted, and
 * so are their members.
 */
export function patternGroups(relations: readonly Relation[], cells: ReadonlySet<string>, exempt: ReadonlySet<string> = new Set()): string[][] {
  const sets = new DisjointSets();
  for (const cell of cells) sets.add(cell);
  for (const relation of relations) {
    const members = relation.terms.map(([key]) => key).filter((key) => cells.has(key));
    for (const key of members.slice(1)) sets.union(members[0] as string, key);
  }
  const groups = new Map<string, string[]>();
  for (const cell of [...cells].sort(compareKeys)) {
    const root = sets.find(cell);
    const list = groups.get(root) ?? [];
    list.push(cell);
    groups.set(root, list);
  }
  return [...groups.values()].filter((group) => !group.some((key) => exempt.has(key))).sort((a, b) => compareKeys(a[0] as string, b[0] as string));
}

/** A group of x's as the audit reads it: its members, how many of them are truly small, and those without a true value (x's of earlier editions). */
export interface PatternGroup {
  members: readonly string[];
  small: number;
  unknown: readonly string[];
}

/** The groups of x's of an edition, kept up to date while secondary suppression adds x's one by one. */
export interface GroupIndex {
  /** Adds an x; `exempt` when an earlier edition hid it (its group is then left out). */
  add(key: string, exempt: boolean): void;
  /** The group of an x, or undefined when it has none (not an x, or an exempt group). */
  groupOf(key: string): PatternGroup | undefined;
  /** groupOf as it would be with `extra` added as well (for trials; nothing changes). */
  with(extra: readonly string[]): (key: string) => PatternGroup | undefined;
}

/**
 * The same groups as patternGroups, built incrementally: `linked` gives the figures that share a
 * relation with a key, `isSmall` whether a figure is truly small, `hasTruth` whether its true value
 * is known. Merges keep the larger member list (small-to-large), so adding n x's costs about n log n.
 */
export function groupIndex(linked: (key: string) => Iterable<string>, isSmall: (key: string) => boolean, hasTruth: (key: string) => boolean): GroupIndex {
  interface Node {
    members: string[];
    small: number;
    unknown: string[];
    exempt: boolean;
  }
  const nodeOf = new Map<string, Node>();
  const merge = (a: Node, b: Node): Node => {
    if (a === b) return a;
    const [big, little] = a.members.length >= b.members.length ? [a, b] : [b, a];
    for (const member of little.members) {
      big.members.push(member);
      nodeOf.set(member, big);
    }
    big.unknown.push(...little.unknown);
    big.small += little.small;
    big.exempt ||= little.exempt;
    return big;
  };
  const view = (node: Node | undefined): PatternGroup | undefined => (node && !node.exempt ? node : undefined);
  return {
    add(key, exempt) {
      if (nodeOf.has(key)) return;
      let node: Node = { members: [key], small: isSmall(key) ? 1 : 0, unknown: hasTruth(key) ? [] : [key], exempt };
      nodeOf.set(key, node);
      for (const other of linked(key)) {
        const theirs = nodeOf.get(other);
        if (theirs) node = merge(node, theirs);
      }
    },
    groupOf: (key) => view(nodeOf.get(key)),
    with(extra) {
      const fresh = extra.filter((key) => !nodeOf.has(key));
      if (fresh.length === 0) return (key) => view(nodeOf.get(key));
      // Each extra x with the groups it joins, as one view (without touching the index); two extra
      // x's share a view when they are linked, directly or through a group.
      const views = fresh.map((key) => ({ keys: [key], nodes: new Set([...linked(key)].filter((other) => nodeOf.has(other)).map((other) => nodeOf.get(other) as Node)) }));
      for (let i = views.length - 1; i > 0; i--) {
        const a = views[0] as (typeof views)[number];
        const b = views[i] as (typeof views)[number];
        const direct = [...linked(b.keys[0] as string)].some((other) => a.keys.includes(other));
        if (direct || [...b.nodes].some((node) => a.nodes.has(node))) {
          a.keys.push(...b.keys);
          for (const node of b.nodes) a.nodes.add(node);
          views.splice(i, 1);
        }
      }
      const groupOfView = new Map<string, PatternGroup | undefined>();
      const nodeView = new Map<Node, PatternGroup | undefined>();
      for (const { keys, nodes } of views) {
        const parts = [...nodes];
        const group = parts.some((part) => part.exempt)
          ? undefined
          : {
              members: [...keys, ...parts.flatMap((part) => part.members)],
              small: keys.filter(isSmall).length + parts.reduce((total, part) => total + part.small, 0),
              unknown: [...keys.filter((key) => !hasTruth(key)), ...parts.flatMap((part) => part.unknown)],
            };
        for (const key of keys) groupOfView.set(key, group);
        for (const part of parts) nodeView.set(part, group);
      }
      return (key) => {
        if (groupOfView.has(key)) return groupOfView.get(key);
        const node = nodeOf.get(key);
        return node && nodeView.has(node) ? nodeView.get(node) : view(node);
      };
    },
  };
}

/** An index of fixed groups (an earlier edition's): key → the groups it is in. */
export function listedGroups(groups: readonly (readonly string[])[], isSmall: (key: string) => boolean, hasTruth: (key: string) => boolean): Map<string, PatternGroup[]> {
  const index = new Map<string, PatternGroup[]>();
  for (const members of groups) {
    const group: PatternGroup = { members, small: members.filter(isSmall).length, unknown: members.filter((key) => !hasTruth(key)) };
    for (const key of members) index.set(key, [...(index.get(key) ?? []), group]);
  }
  return index;
}
