import type { AreaIndex } from "../reference/areas.ts";
import type { CompletenessFinding } from "./completeness.ts";
import type { Month } from "./months.ts";

/**
 * The incomplete deliveries an analyst accepted (`--allow-incomplete`), indexed by every area
 * whose figures they touch: a gemeente's finding affects the gemeente, its wijken and buurten,
 * and every basisteam, district and eenheid that covers one of its buurten; a region finding
 * affects every area. A finding of one soort affects only the categories that count some of its
 * registrations (the soort, its klassen, and every total above them); asked without a category,
 * every finding of the area counts.
 */
export interface IncompleteDeliveries {
  findings: readonly CompletenessFinding[];
  /** The affected months of an area (any level), sorted; of one category when given. */
  monthsOf(area: string, category?: string): readonly Month[];
  /** The findings behind those months. */
  findingsOf(area: string, category?: string): readonly CompletenessFinding[];
}

/**
 * Indexes `findings` (missing or partial deliveries) by the areas they affect. `categoriesOfSoort`
 * gives the category keys that count registrations of a soort (see categoryKeys); without it a
 * soort's finding affects every category.
 */
export function incompleteDeliveries(findings: readonly CompletenessFinding[], areas: AreaIndex, categoriesOfSoort?: (soort: string) => ReadonlySet<string>): IncompleteDeliveries {
  const byArea = new Map<string, CompletenessFinding[]>();
  const everywhere: CompletenessFinding[] = [];
  for (const finding of findings) {
    if (finding.area === undefined) {
      everywhere.push(finding);
      continue;
    }
    const affected = new Set<string>([finding.area]);
    for (const buurt of areas.buurtenOf(finding.area)) {
      for (const level of ["buurt", "wijk", "basisteam", "district", "eenheid"] as const) {
        const code = areas.ancestorAt(buurt, level);
        if (code) affected.add(code);
      }
    }
    for (const code of affected) {
      const list = byArea.get(code) ?? [];
      list.push(finding);
      byArea.set(code, list);
    }
  }
  const cache = new Map<string, { months: Month[]; findings: CompletenessFinding[] }>();
  const lookup = (area: string) => {
    // Derived rows ("GM0344:rest", registrations without a wijk) are parts of their area.
    const code = area.split(":")[0] ?? area;
    let entry = cache.get(code);
    if (!entry) {
      const list = [...everywhere, ...(byArea.get(code) ?? [])];
      entry = { months: [...new Set(list.map((finding) => finding.month))].sort((a, b) => a - b), findings: list };
      cache.set(code, entry);
    }
    return entry;
  };
  const byCategory = new Map<string, { months: Month[]; findings: CompletenessFinding[] }>();
  const lookupIn = (area: string, category: string | undefined) => {
    const all = lookup(area);
    if (category === undefined || !categoriesOfSoort || all.findings.every((finding) => finding.soort === undefined)) return all;
    const key = `${area}\u0000${category}`;
    let entry = byCategory.get(key);
    if (!entry) {
      const list = all.findings.filter((finding) => finding.soort === undefined || categoriesOfSoort(finding.soort).has(category));
      entry = { months: [...new Set(list.map((finding) => finding.month))].sort((a, b) => a - b), findings: list };
      byCategory.set(key, entry);
    }
    return entry;
  };
  return {
    findings,
    monthsOf: (area, category) => lookupIn(area, category).months,
    findingsOf: (area, category) => lookupIn(area, category).findings,
  };
}
