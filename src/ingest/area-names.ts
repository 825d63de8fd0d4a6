import type { AreaIndex, AreaLevel } from "../reference/areas.ts";
import { normalizeAreaCode } from "./row-conversions.ts";

/** What an area value in a table can stand for. */
export type AreaMatch =
  /** One area (a code, or a name only one area in view has). */
  | { kind: "area"; code: string }
  /** Several areas of that name: the hierarchy or the file has to decide (see `decideAreas`). */
  | { kind: "ambiguous"; candidates: string[]; byBareName: string[] }
  /** Nederland, a provincie or another region above the gemeente: not an area of the model. */
  | { kind: "above-gemeente" }
  | { kind: "unknown"; suggestion?: string };

const LEVEL_RANK: Partial<Record<AreaLevel, number>> = { gemeente: 0, wijk: 1, buurt: 2 };
const AREA_CODE = /^(BU|WK|GM)\d[0-9A-Z]*$/;
const ABOVE_GEMEENTE = /^(NL\d{0,2}|PV\d{2}|LD\d{2}|RE\d{2}|CR\d{2}|Nederland)$/i;

function add(index: Map<string, string[]>, name: string, code: string): void {
  const list = index.get(name);
  if (list) list.push(code);
  else index.set(name, [code]);
}

/** Names compared without case, accents, spaces and punctuation: "Wijk 00 Annen" → "wijk 00 annen". */
function key(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Area values as open-data tables write them — codes (`BU03630000`, `WK036300`, `GM0363`, `NL01`)
 * or names (`Amsterdam`, `Haarlemmerbuurt`, `Wijk 00 Annen`, `Utrecht (gemeente)`) — looked up
 * against the area table. A name several areas share is narrowed to the scope's gemeenten first.
 */
export class AreaNames {
  readonly #areas: AreaIndex;
  readonly #byName = new Map<string, string[]>();
  /** Wijken by their name without CBS's "Wijk 00 " prefix: looked at only when no area has the name as such. */
  readonly #byBareName = new Map<string, string[]>();
  readonly #scope: ReadonlySet<string> | undefined;

  constructor(areas: AreaIndex, scopeGemeenten?: readonly string[]) {
    this.#areas = areas;
    this.#scope = scopeGemeenten && scopeGemeenten.length > 0 ? new Set(scopeGemeenten) : undefined;
    for (const level of ["gemeente", "wijk", "buurt"] as const) {
      for (const area of areas.areasAt(level)) {
        add(this.#byName, key(area.naam), area.code);
        // CBS names wijken "Wijk 00 Annen"; the police portal sometimes just "Annen".
        const bare = area.naam.replace(/^wijk\s+\d+\s+/i, "");
        if (bare !== area.naam) add(this.#byBareName, key(bare), area.code);
      }
    }
  }

  match(raw: string): AreaMatch {
    const value = raw.trim();
    const upper = value.toUpperCase().replace(/\s+/g, "");
    if (ABOVE_GEMEENTE.test(value)) return { kind: "above-gemeente" };
    if (AREA_CODE.test(upper)) {
      const prefix = upper.slice(0, 2);
      const code = normalizeAreaCode(upper, prefix, prefix === "BU" ? 8 : prefix === "WK" ? 6 : 4);
      return this.#areas.has(code) ? { kind: "area", code } : { kind: "unknown" };
    }
    const gemeenteOnly = /\s*\(gemeente\)$/i.test(value);
    const name = key(value.replace(/\s*\(gemeente\)$/i, ""));
    const exact = this.#byName.get(name) ?? [];
    const bare = (this.#byBareName.get(name) ?? []).filter((code) => !exact.includes(code));
    let candidates = [...exact, ...bare];
    if (gemeenteOnly) candidates = candidates.filter((code) => this.#areas.get(code)?.level === "gemeente");
    // StatLine marks regions above the gemeente: "Utrecht (PV)", "Noord-Nederland (LD)", "Groot-Amsterdam (CR)".
    if (candidates.length === 0) return /^(provincie|landsdeel|regionale eenheid|politie)\b|\((PV|LD|CR|RE)\)$/i.test(value) ? { kind: "above-gemeente" } : { kind: "unknown" };
    if (candidates.length > 1 && this.#scope) {
      const inScope = candidates.filter((code) => this.#scope?.has(this.#areas.ancestorAt(code, "gemeente") ?? ""));
      if (inScope.length > 0) candidates = inScope;
    }
    if (candidates.length === 1) return { kind: "area", code: candidates[0] as string };
    return { kind: "ambiguous", candidates: [...candidates].sort(), byBareName: bare.filter((code) => candidates.includes(code)) };
  }

  /** "WK0363MM (wijk Frankendael, Amsterdam)". */
  describe(code: string): string {
    const area = this.#areas.get(code);
    if (!area) return code;
    const gemeente = area.level === "gemeente" ? "" : `, ${this.#areas.nameOf(area.within.gemeente ?? "")}`;
    return `${code} (${area.level} ${area.naam}${gemeente})`;
  }

  /** Whether `candidates` form one line of the hierarchy (a gemeente, a wijk in it, a buurt in that), coarsest first; undefined otherwise. */
  chain(candidates: readonly string[]): string[] | undefined {
    const sorted = [...candidates].sort((a, b) => (LEVEL_RANK[this.#areas.get(a)?.level ?? "buurt"] ?? 9) - (LEVEL_RANK[this.#areas.get(b)?.level ?? "buurt"] ?? 9));
    for (let i = 1; i < sorted.length; i++) {
      const coarse = this.#areas.get(sorted[i - 1] as string);
      const fine = this.#areas.get(sorted[i] as string);
      if (!coarse || !fine || coarse.level === fine.level || this.#areas.ancestorAt(fine.code, coarse.level) !== coarse.code) return undefined;
    }
    return sorted;
  }

  gemeenteOf(code: string): string | undefined {
    return this.#areas.ancestorAt(code, "gemeente");
  }

  levelOf(code: string): AreaLevel | undefined {
    return this.#areas.get(code)?.level;
  }
}
