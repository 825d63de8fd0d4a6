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
  /**
   * The finest period the input gives counts for. Counts of a quarter or a year are kept in its
   * first month: sums over whole quarters or years are right, a single month is not (see
   * `coverageOf`, which reports and sections consult before they show months).
   */
  granularity: Granularity;
  /**
   * Soort codes the input has rows for, even rows of 0 (published tables list every soort they
   * cover, a zero included). Empty when the input holds registrations or klassen: the soorten are
   * then those of the klassen in the cube.
   */
  declaredSoorten: string[];
}

/** How fine the input's periods are: months (BVH, monthly tables), quarters or whole years. */
export type Granularity = "month" | "quarter" | "year";

const GRANULARITY_RANK: Record<Granularity, number> = { month: 0, quarter: 1, year: 2 };

/** The coarser of two granularities (a cube holding both can only answer the coarser). */
export function coarser(a: Granularity, b: Granularity): Granularity {
  return GRANULARITY_RANK[a] >= GRANULARITY_RANK[b] ? a : b;
}

// Cells are keyed by one safe integer: area index × 2^24 + klasse index × 2^12 + month offset.
// Months are offset from year 1900 so 4,096 of them (341 years) fit; klassen fit in 4,096 too.
const MONTH_BITS = 4096;
const KLASSE_BITS = 4096;
const MONTH_BASE = 1900 * 12;

/**
 * Accumulates the cube. `add` takes a signed delta so that a revised registration can be moved
 * from its old cell to its new one.
 *
 * Counts are kept per (area, klasse) in a run of consecutive months, cut from large Int32Array
 * chunks (a run that must hold an earlier or later month moves to a longer stretch): a row is
 * found by a small-integer key, and the memory grows with the areas and klassen, not with the
 * registrations.
 */
export class CubeBuilder {
  readonly #areaIndex = new Map<string, number>();
  readonly #areas: string[] = [];
  readonly #klasseIndex = new Map<string, number>();
  readonly #klassen: string[] = [];
  /** area index × 4,096 + klasse index → that row's run of months in the arena. */
  readonly #rows = new Map<number, number>();
  /** Per run: the month offset of its first count, where it starts in the arena, its length. */
  readonly #runFrom: number[] = [];
  readonly #runStart: number[] = [];
  readonly #runLength: number[] = [];
  /** The counts of all runs, in chunks of 2^20 (a run never straddles two). */
  readonly #chunks: Int32Array[] = [];
  #used = CHUNK;
  #granularity: Granularity = "month";
  readonly #declaredSoorten = new Set<string>();

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
    const offset = key % MONTH_BITS;
    const rowKey = (key - offset) / MONTH_BITS;
    let run = this.#rows.get(rowKey);
    if (run === undefined) {
      run = this.#runFrom.length;
      this.#rows.set(rowKey, run);
      this.#runFrom.push(Math.max(0, offset - RUN_BEFORE));
      this.#runStart.push(this.#allocate(RUN_LENGTH));
      this.#runLength.push(RUN_LENGTH);
    }
    let at = offset - (this.#runFrom[run] as number);
    if (at < 0 || at >= (this.#runLength[run] as number)) at = this.#grow(run, offset);
    const position = (this.#runStart[run] as number) + at;
    const chunk = this.#chunks[position >>> CHUNK_BITS] as Int32Array;
    chunk[position & (CHUNK - 1)] = (chunk[position & (CHUNK - 1)] as number) + delta;
  }

  /** The count of one cell, as accumulated so far. */
  countAt(key: number): number {
    const offset = key % MONTH_BITS;
    const run = this.#rows.get((key - offset) / MONTH_BITS);
    if (run === undefined) return 0;
    const at = offset - (this.#runFrom[run] as number);
    return at < 0 || at >= (this.#runLength[run] as number) ? 0 : this.#count(run, at);
  }

  #count(run: number, at: number): number {
    const position = (this.#runStart[run] as number) + at;
    return (this.#chunks[position >>> CHUNK_BITS] as Int32Array)[position & (CHUNK - 1)] as number;
  }

  /** Room for `length` counts in the arena (zeros); their position. */
  #allocate(length: number): number {
    if (this.#used + length > CHUNK) {
      this.#chunks.push(new Int32Array(CHUNK));
      this.#used = 0;
    }
    const position = (this.#chunks.length - 1) * CHUNK + this.#used;
    this.#used += length;
    return position;
  }

  /** Moves run `run` to a longer stretch (at least double) that holds month offset `offset`; the index of `offset` in it. */
  #grow(run: number, offset: number): number {
    const from = this.#runFrom[run] as number;
    const length = this.#runLength[run] as number;
    const newFrom = Math.max(0, offset < from ? offset - length : from);
    const newTo = Math.min(MONTH_BITS, offset >= from + length ? offset + length : from + length);
    const start = this.#allocate(newTo - newFrom);
    const old = this.#runStart[run] as number;
    const target = this.#chunks[start >>> CHUNK_BITS] as Int32Array;
    target.set((this.#chunks[old >>> CHUNK_BITS] as Int32Array).subarray(old & (CHUNK - 1), (old & (CHUNK - 1)) + length), (start & (CHUNK - 1)) + from - newFrom);
    this.#runFrom[run] = newFrom;
    this.#runStart[run] = start;
    this.#runLength[run] = newTo - newFrom;
    return offset - newFrom;
  }

  /** Notes that the input holds counts of `granularity` periods (the cube takes the coarsest). */
  noteGranularity(granularity: Granularity): void {
    this.#granularity = coarser(this.#granularity, granularity);
  }

  /** Notes that the input has a row (perhaps of 0) for soort `code`. */
  noteSoort(code: string): void {
    this.#declaredSoorten.add(code);
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
    // The rows that hold a count, with their area and klasse ranks in sorted order.
    const used: { area: string; klasse: string; run: number }[] = [];
    for (const [rowKey, run] of this.#rows) {
      if (!this.#months(run).some((count) => count !== 0)) continue;
      used.push({ area: this.#areas[Math.floor(rowKey / KLASSE_BITS)] ?? "", klasse: this.#klassen[rowKey % KLASSE_BITS] ?? "", run });
    }
    const areas = [...new Set(used.map((row) => row.area))].sort();
    const klassen = [...new Set(used.map((row) => row.klasse))].sort();
    const areaRank = new Map(areas.map((code, i) => [code, i]));
    const klasseRank = new Map(klassen.map((code, i) => [code, i]));
    const rows = used.map((row) => ({ area: areaRank.get(row.area) ?? -1, klasse: klasseRank.get(row.klasse) ?? -1, run: row.run }));
    rows.sort((a, b) => a.area - b.area || a.klasse - b.klasse);
    let n = 0;
    let firstMonth = Infinity;
    let lastMonth = -Infinity;
    for (const { area, klasse, run } of rows) {
      const from = this.#runFrom[run] as number;
      this.#months(run).forEach((count, at) => {
        if (count === 0) return;
        const month = from + at + MONTH_BASE;
        if (count < 0) throw new Error(`negative count in cube cell ${areas[area]} ${month} ${klassen[klasse]}`);
        n++;
        firstMonth = Math.min(firstMonth, month);
        lastMonth = Math.max(lastMonth, month);
      });
    }
    const cube: Cube = {
      areas,
      klassen,
      cellArea: new Int32Array(n),
      cellKlasse: new Int32Array(n),
      cellMonth: new Int32Array(n),
      cellCount: new Int32Array(n),
      firstMonth: n > 0 ? firstMonth : 0,
      lastMonth: n > 0 ? lastMonth : -1,
      granularity: this.#granularity,
      declaredSoorten: [...this.#declaredSoorten].sort(),
    };
    let i = 0;
    for (const { area, klasse, run } of rows) {
      const from = this.#runFrom[run] as number;
      this.#months(run).forEach((count, at) => {
        if (count === 0) return;
        cube.cellArea[i] = area;
        cube.cellKlasse[i] = klasse;
        cube.cellMonth[i] = from + at + MONTH_BASE;
        cube.cellCount[i] = count;
        i++;
      });
    }
    return cube;
  }

  /** The counts of run `run`, a view into the arena. */
  #months(run: number): Int32Array {
    const start = this.#runStart[run] as number;
    const within = start & (CHUNK - 1);
    return (this.#chunks[start >>> CHUNK_BITS] as Int32Array).subarray(within, within + (this.#runLength[run] as number));
  }
}

const CHUNK_BITS = 20;
const CHUNK = 2 ** CHUNK_BITS;

/** A new row covers the year before its first month and seven after: most rows never grow. */
const RUN_BEFORE = 12;
const RUN_LENGTH = 96;

/** Sum of all cells, for checks and summaries. */
export function cubeTotal(cube: Cube): number {
  let total = 0;
  for (const count of cube.cellCount) total += count;
  return total;
}
