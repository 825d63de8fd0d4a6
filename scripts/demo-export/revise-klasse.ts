/**
 * Revisions: the klasse a registration carries in one delivery and no longer in the next.
 * In practice a first registration is often reclassified once the case is clearer — a
 * 'ruzie' becomes a mishandeling, a bedreiging turns out to be a mishandeling, a theft from a
 * car turns out to be vandalism. Half the revisions stay within the soort, half cross to a
 * related soort, so that published figures visibly change.
 */
import { pickIndex } from "./draws.ts";
import type { KlasseCatalog } from "./klasse-catalog.ts";
import { INCIDENT_GROUP } from "./klasse-catalog.ts";
import type { Random } from "./random.ts";

/** Related groups a klasse of a group may be reclassified into (or from). */
export const REVISION_NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  "1.1.1": ["1.1.2", "2.5.1"],
  "1.1.2": ["1.1.1"],
  "1.2.1": ["2.2.1", "1.2.2"],
  "1.2.2": ["1.2.1"],
  "1.2.3": ["1.2.2"],
  "1.4.2": ["1.4.5"],
  "1.4.4": ["1.4.5"],
  "1.4.5": ["1.4.4", INCIDENT_GROUP],
  "2.2.1": ["1.2.1"],
  "2.5.1": ["1.1.1"],
  "3.1.1": ["3.1.3"],
  "3.1.3": ["3.1.1"],
  [INCIDENT_GROUP]: ["1.4.5", "1.4.4", "2.2.1"],
};

/** Share of revisions that move a registration to another soort (or between crime and incident). */
export const CROSS_SOORT_SHARE = 0.5;

/** A klasse other than `code`: of the same group, or of a related group (weighted as generated). */
export function reviseKlasse(random: Random, catalog: KlasseCatalog, code: string): string {
  const own = catalog.groupIndex.get(code);
  if (own === undefined) throw new Error(`cannot revise unknown klasse ${code}`);
  const group = catalog.groups[own]!;
  const neighbours = (REVISION_NEIGHBOURS[group.id] ?? []).flatMap((id) => {
    const found = catalog.groups.find((g) => g.id === id);
    return found ? [found] : [];
  });
  if (neighbours.length === 0 && group.klassen.length < 2) {
    throw new Error(`klasse ${code} has nothing to be revised into: give group ${group.id} a neighbour`);
  }
  const cross = neighbours.length > 0 && (group.klassen.length < 2 || random.next() < CROSS_SOORT_SHARE);
  const target = cross ? neighbours[random.int(neighbours.length)]! : group;
  // Redraw until different; every group with a same-group revision has at least two klassen.
  for (;;) {
    const candidate = target.klassen[pickIndex(random, target.cumulative)]!;
    if (candidate !== code) return candidate;
  }
}
