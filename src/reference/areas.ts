/**
 * The areas a report can be about, in two hierarchies that meet at the buurt:
 * CBS (buurt → wijk → gemeente) and police (buurt → basisteam → district → eenheid).
 * A big city has several basisteams and a basisteam may cover several gemeenten, so
 * every roll-up goes through the buurt; a coarser area belongs to another area only
 * when all of its buurten do.
 */
export type AreaLevel = "buurt" | "wijk" | "gemeente" | "basisteam" | "district" | "eenheid";

export const AREA_LEVELS: readonly AreaLevel[] = ["buurt", "wijk", "gemeente", "basisteam", "district", "eenheid"];

/** Dutch name of each area level, for headings. */
export const AREA_LEVEL_NAMES: Record<AreaLevel, string> = {
  buurt: "buurt",
  wijk: "wijk",
  gemeente: "gemeente",
  basisteam: "basisteam",
  district: "district",
  eenheid: "eenheid",
};

export interface Area {
  code: string;
  naam: string;
  level: AreaLevel;
  /**
   * The area at each coarser level that wholly contains this one. A buurt knows all of them;
   * Utrecht (GM0344) has no basisteam here because it is split over three.
   */
  within: Partial<Record<AreaLevel, string>>;
}

/** A row of the CBS code list (gebieden-2024.csv). */
export interface GebiedRow {
  code: string;
  naam: string;
  soort: string;
  gemeentecode: string;
  bovenliggend: string;
}

/** A row of the police mapping (basisteams.csv): one per buurt. */
export interface BasisteamRow {
  buurtcode: string;
  basisteamcode: string;
  basisteam: string;
  districtcode: string;
  district: string;
  eenheidcode: string;
  eenheid: string;
}

/**
 * Every area by code, with lookups by level and parent. Built once per build from the reference
 * tables; immutable afterwards.
 */
export class AreaIndex {
  readonly #areas = new Map<string, Area>();
  readonly #children = new Map<string, string[]>();
  readonly #buurten = new Map<string, string[]>();

  constructor(gebieden: readonly GebiedRow[], basisteams: readonly BasisteamRow[]) {
    for (const row of gebieden) {
      const level = row.soort as AreaLevel;
      if (level !== "gemeente" && level !== "wijk" && level !== "buurt") continue;
      const within: Area["within"] = {};
      if (level === "buurt") {
        within.wijk = row.bovenliggend;
        within.gemeente = row.gemeentecode;
      } else if (level === "wijk") {
        within.gemeente = row.gemeentecode;
      }
      this.#areas.set(row.code, { code: row.code, naam: row.naam, level, within });
    }
    for (const row of basisteams) {
      const buurt = this.#areas.get(row.buurtcode);
      if (!buurt) continue; // reported by the loader, which knows the file and line
      buurt.within.basisteam = row.basisteamcode;
      buurt.within.district = row.districtcode;
      buurt.within.eenheid = row.eenheidcode;
      this.#ensure(row.basisteamcode, row.basisteam, "basisteam", { district: row.districtcode, eenheid: row.eenheidcode });
      this.#ensure(row.districtcode, row.district, "district", { eenheid: row.eenheidcode });
      this.#ensure(row.eenheidcode, row.eenheid, "eenheid", {});
    }
    this.#inferContainment();
    for (const area of this.#areas.values()) {
      const parent = this.parentOf(area.code);
      if (parent) {
        const siblings = this.#children.get(parent) ?? [];
        siblings.push(area.code);
        this.#children.set(parent, siblings);
      }
    }
    for (const list of this.#children.values()) list.sort();
    for (const area of this.#areas.values()) {
      if (area.level !== "buurt") continue;
      for (const coarse of Object.values(area.within)) {
        const list = this.#buurten.get(coarse) ?? [];
        list.push(area.code);
        this.#buurten.set(coarse, list);
      }
    }
    for (const list of this.#buurten.values()) list.sort();
  }

  #ensure(code: string, naam: string, level: AreaLevel, within: Area["within"]): void {
    if (!this.#areas.has(code)) this.#areas.set(code, { code, naam, level, within });
  }

  /**
   * A wijk or gemeente lies within a basisteam (district, eenheid) when all its buurten do.
   * Areas whose buurten are split over several police areas get no entry for that level.
   */
  #inferContainment(): void {
    const seen = new Map<string, Map<AreaLevel, Set<string>>>();
    for (const buurt of this.#areas.values()) {
      if (buurt.level !== "buurt") continue;
      for (const coarse of [buurt.within.wijk, buurt.within.gemeente]) {
        if (!coarse) continue;
        const byLevel = seen.get(coarse) ?? new Map<AreaLevel, Set<string>>();
        seen.set(coarse, byLevel);
        for (const level of ["basisteam", "district", "eenheid"] as const) {
          const set = byLevel.get(level) ?? new Set<string>();
          set.add(buurt.within[level] ?? "");
          byLevel.set(level, set);
        }
      }
    }
    for (const [code, byLevel] of seen) {
      const area = this.#areas.get(code);
      if (!area) continue;
      for (const [level, codes] of byLevel) {
        const [only] = codes;
        if (codes.size === 1 && only) area.within[level] = only;
      }
    }
  }

  get(code: string): Area | undefined {
    return this.#areas.get(code);
  }

  has(code: string): boolean {
    return this.#areas.has(code);
  }

  /** The area of `level` that wholly contains `code` (the area itself when it is of that level). */
  ancestorAt(code: string, level: AreaLevel): string | undefined {
    const area = this.#areas.get(code);
    if (!area) return undefined;
    return area.level === level ? code : area.within[level];
  }

  /** The direct parent in the hierarchy an area belongs to: CBS for buurt/wijk, police above. */
  parentOf(code: string): string | undefined {
    const area = this.#areas.get(code);
    if (!area) return undefined;
    switch (area.level) {
      case "buurt":
        return area.within.wijk;
      case "wijk":
        return area.within.gemeente;
      case "basisteam":
        return area.within.district;
      case "district":
        return area.within.eenheid;
      default:
        return undefined;
    }
  }

  /** Direct children (wijken of a gemeente, buurten of a wijk, basisteams of a district, …), sorted by code. */
  childrenOf(code: string): readonly string[] {
    return this.#children.get(code) ?? [];
  }

  /** Buurten that lie in `code` (of any level), sorted by code. */
  buurtenOf(code: string): readonly string[] {
    const area = this.#areas.get(code);
    if (!area) return [];
    if (area.level === "buurt") return [code];
    return this.#buurten.get(code) ?? [];
  }

  /** All areas of one level, sorted by code. */
  areasAt(level: AreaLevel): Area[] {
    return [...this.#areas.values()].filter((area) => area.level === level).sort((a, b) => compareCodes(a.code, b.code));
  }

  /** Display name, e.g. "Utrecht" or "Utrecht-West". */
  nameOf(code: string): string {
    return this.#areas.get(code)?.naam ?? code;
  }
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
