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
  const parent = new Map<string, string>();
  for (const cell of cells) parent.set(cell, cell);
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
  for (const relation of relations) {
    const members = relation.terms.map(([key]) => key).filter((key) => cells.has(key));
    for (const key of members.slice(1)) {
      const a = find(members[0] as string);
      const b = find(key);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const groups = new Map<string, string[]>();
  for (const cell of [...cells].sort(compareKeys)) {
    const root = find(cell);
    const list = groups.get(root) ?? [];
    list.push(cell);
    groups.set(root, list);
  }
  return [...groups.values()].filter((group) => !group.some((key) => exempt.has(key))).sort((a, b) => compareKeys(a[0] as string, b[0] as string));
}
