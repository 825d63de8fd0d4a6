import type { AreaIndex } from "./areas.ts";

/** Inhabitants of an area in a year, and how the figure was obtained. */
export interface Inhabitants {
  inwoners: number;
  /** The year the figure is from; differs from the year asked when that year is not known. */
  jaar: number;
  /** True when the figure is not of the year asked (nearest known year) or estimated from buurt shares. */
  geschat: boolean;
}

export interface GemeentePopulationRow {
  gemeentecode: string;
  jaar: string;
  inwoners: string;
}

export interface BuurtPopulationRow {
  buurtcode: string;
  inwoners: string;
}

/**
 * Population per area and year. Gemeenten come from CBS per year; buurten and wijken only for
 * 2024. Police areas have no population of their own: a basisteam is the sum of the gemeenten it
 * covers, and where it covers part of a gemeente (Utrecht's three basisteams) that part is
 * estimated by the 2024 buurt share of the gemeente's inhabitants.
 */
export class Population {
  readonly #gemeente = new Map<string, Map<number, number>>();
  readonly #buurt = new Map<string, number>();
  readonly #buurtYear: number;
  readonly #areas: AreaIndex;
  readonly #cache = new Map<string, Inhabitants | undefined>();

  constructor(areas: AreaIndex, gemeenteRows: readonly GemeentePopulationRow[], buurtRows: readonly BuurtPopulationRow[], buurtYear = 2024) {
    this.#areas = areas;
    this.#buurtYear = buurtYear;
    for (const row of gemeenteRows) {
      const inwoners = Number(row.inwoners);
      if (!Number.isFinite(inwoners)) continue;
      const byYear = this.#gemeente.get(row.gemeentecode) ?? new Map<number, number>();
      byYear.set(Number(row.jaar), inwoners);
      this.#gemeente.set(row.gemeentecode, byYear);
    }
    for (const row of buurtRows) {
      const inwoners = Number(row.inwoners);
      if (Number.isFinite(inwoners)) this.#buurt.set(row.buurtcode, inwoners);
    }
  }

  /** Inhabitants of `code` in `year`, or undefined when nothing is known for the area. */
  of(code: string, year: number): Inhabitants | undefined {
    const key = `${code}|${year}`;
    if (!this.#cache.has(key)) this.#cache.set(key, this.#compute(code, year));
    return this.#cache.get(key);
  }

  #compute(code: string, year: number): Inhabitants | undefined {
    const area = this.#areas.get(code);
    if (!area) return undefined;
    switch (area.level) {
      case "gemeente":
        return this.#gemeenteOf(code, year);
      case "buurt":
      case "wijk":
        return this.#fromBuurten(this.#areas.buurtenOf(code), year);
      default:
        return this.#policeArea(code, year);
    }
  }

  #gemeenteOf(code: string, year: number): Inhabitants | undefined {
    const byYear = this.#gemeente.get(code);
    if (!byYear || byYear.size === 0) return undefined;
    const exact = byYear.get(year);
    if (exact !== undefined) return { inwoners: exact, jaar: year, geschat: false };
    const nearest = nearestYear([...byYear.keys()], year);
    return { inwoners: byYear.get(nearest) ?? 0, jaar: nearest, geschat: true };
  }

  #fromBuurten(buurten: readonly string[], year: number): Inhabitants | undefined {
    let sum = 0;
    let known = false;
    for (const buurt of buurten) {
      const inwoners = this.#buurt.get(buurt);
      if (inwoners !== undefined) {
        sum += inwoners;
        known = true;
      }
    }
    if (!known) return undefined;
    return { inwoners: sum, jaar: this.#buurtYear, geschat: year !== this.#buurtYear };
  }

  /** Sum over the gemeenten (or gemeente parts) the police area covers. */
  #policeArea(code: string, year: number): Inhabitants | undefined {
    const buurtenPerGemeente = new Map<string, string[]>();
    for (const buurt of this.#areas.buurtenOf(code)) {
      const gemeente = this.#areas.ancestorAt(buurt, "gemeente");
      if (!gemeente) continue;
      const list = buurtenPerGemeente.get(gemeente) ?? [];
      list.push(buurt);
      buurtenPerGemeente.set(gemeente, list);
    }
    if (buurtenPerGemeente.size === 0) return undefined;
    let sum = 0;
    let geschat = false;
    let jaar = year;
    for (const [gemeente, buurten] of buurtenPerGemeente) {
      const whole = this.#gemeenteOf(gemeente, year);
      if (!whole) return undefined;
      geschat ||= whole.geschat;
      jaar = whole.jaar;
      const all = this.#areas.buurtenOf(gemeente);
      if (buurten.length === all.length) {
        sum += whole.inwoners;
        continue;
      }
      const part = this.#fromBuurten(buurten, this.#buurtYear)?.inwoners ?? 0;
      const total = this.#fromBuurten(all, this.#buurtYear)?.inwoners ?? 0;
      sum += total > 0 ? (whole.inwoners * part) / total : 0;
      geschat = true;
    }
    return { inwoners: Math.round(sum), jaar, geschat };
  }
}

function nearestYear(years: readonly number[], year: number): number {
  let best = years[0] ?? year;
  for (const candidate of years) {
    const better = Math.abs(candidate - year) < Math.abs(best - year);
    const tieLater = Math.abs(candidate - year) === Math.abs(best - year) && candidate > best;
    if (better || tieLater) best = candidate;
  }
  return best;
}
