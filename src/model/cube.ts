import type { Month } from "./months.ts";

/**
 * Registered counts by area × month × maatschappelijke klasse at the finest area an input gives
 * (a buurt for incident-level exports, a gemeente or wijk for aggregated ones). Everything a report
 * shows is a sum over cells of this cube; it holds no registration and nothing that identifies one.
 *
 * Cells are stored as four parallel arrays sorted by (area, klasse, month), so the same inputs
 * give the same cube, byte for byte, and it serialises without a schema.
 */
export interface Cube {
  areas: string[];
  klassen: string[];
  /** Index into `areas` per cell. */
  cellArea: Int32Array;
  /** Index into `klassen` per cell. */
  cellKlasse: Int32Array;
  cellMonth: Int32Array;
  cellCount: Int32Array;
  firstMonth: Month;
  lastMonth: Month;
}

// Cells are keyed by one safe integer: area index × 2^24 + klasse index × 2^12 + month offset.
// Months are offset from year 1900 so 4,096 of them (341 years) fit; klassen fit in 4,096 too.
const MONTH_BITS = 4096;
const KLASSE_BITS = 4096;
const MONTH_BASE = 1900 * 12;

/**
 * Accumulates the cube. `add` takes a signed delta so that a revised registration can be moved
 * from its old cell to its new one.
 */
export class CubeBuilder {
  readonly #areaIndex = new Map<string, number>();
  readonly #areas: string[] = [];
  readonly #klasseIndex = new Map<string, number>();
  readonly #klassen: string[] = [];
  readonly #cells = new Map<number, number>();

  /** The key of a cell, to be kept (e.g. per registratienummer) and passed to `addAt`. */
  key(area: string, month: Month, klasse: string): number {
    const offset = month - MONTH_BASE;
    if (offset < 0 || offset >= MONTH_BITS) throw new RangeError(`month out of range: ${month}`);
    return (this.#index(this.#areaIndex, this.#areas, area) * KLASSE_BITS + this.#klasseIndexOf(klasse)) * MONTH_BITS + offset;
  }

  add(area: string, month: Month, klasse: string, delta: number): void {
    this.addAt(this.key(area, month, klasse), delta);
  }

  addAt(key: number, delta: number): void {
    const count = (this.#cells.get(key) ?? 0) + delta;
    if (count === 0) this.#cells.delete(key);
    else this.#cells.set(key, count);
  }

  /** The count of one cell, as accumulated so far. */
  countAt(key: number): number {
    return this.#cells.get(key) ?? 0;
  }

  /** Area, month and klasse of a key. */
  describe(key: number): { area: string; month: Month; klasse: string } {
    const offset = key % MONTH_BITS;
    const klasse = Math.floor(key / MONTH_BITS) % KLASSE_BITS;
    const area = Math.floor(key / (MONTH_BITS * KLASSE_BITS));
    return { area: this.#areas[area] ?? "", month: offset + MONTH_BASE, klasse: this.#klassen[klasse] ?? "" };
  }

  #klasseIndexOf(klasse: string): number {
    const index = this.#index(this.#klasseIndex, this.#klassen, klasse);
    if (index >= KLASSE_BITS) throw new RangeError("more than 4,096 distinct maatschappelijke klassen");
    return index;
  }

  #index(map: Map<string, number>, list: string[], value: string): number {
    let index = map.get(value);
    if (index === undefined) {
      index = list.length;
      list.push(value);
      map.set(value, index);
    }
    return index;
  }

  /** The finished cube with sorted dictionaries and cells. Cells that went to zero are dropped. */
  build(): Cube {
    const usedAreas = new Set<string>();
    const usedKlassen = new Set<string>();
    for (const [key, count] of this.#cells) {
      if (count === 0) continue;
      const { area, klasse } = this.describe(key);
      usedAreas.add(area);
      usedKlassen.add(klasse);
    }
    const areas = [...usedAreas].sort();
    const klassen = [...usedKlassen].sort();
    const areaRank = new Map(areas.map((code, i) => [code, i]));
    const klasseRank = new Map(klassen.map((code, i) => [code, i]));
    const entries: [number, number, number, number][] = [];
    let firstMonth = Infinity;
    let lastMonth = -Infinity;
    for (const [key, count] of this.#cells) {
      const { area, month, klasse } = this.describe(key);
      if (count < 0) throw new Error(`negative count in cube cell ${area} ${month} ${klasse}`);
      entries.push([areaRank.get(area) ?? -1, klasseRank.get(klasse) ?? -1, month, count]);
      firstMonth = Math.min(firstMonth, month);
      lastMonth = Math.max(lastMonth, month);
    }
    entries.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    const n = entries.length;
    const cube: Cube = {
      areas,
      klassen,
      cellArea: new Int32Array(n),
      cellKlasse: new Int32Array(n),
      cellMonth: new Int32Array(n),
      cellCount: new Int32Array(n),
      firstMonth: n > 0 ? firstMonth : 0,
      lastMonth: n > 0 ? lastMonth : -1,
    };
    entries.forEach(([area, klasse, month, count], i) => {
      cube.cellArea[i] = area;
      cube.cellKlasse[i] = klasse;
      cube.cellMonth[i] = month;
      cube.cellCount[i] = count;
    });
    return cube;
  }
}

/** Sum of all cells, for checks and summaries. */
export function cubeTotal(cube: Cube): number {
  let total = 0;
  for (const count of cube.cellCount) total += count;
  return total;
}
