import type { Cube } from "./cube.ts";
import type { Month } from "./months.ts";

/** Counts by (area, category) and month: what report sections read. */
export interface Counts {
  readonly firstMonth: Month;
  readonly lastMonth: Month;
  /** The monthly series of one area and category, or undefined when it has no registrations. */
  series(area: string, category: string): Int32Array | undefined;
  /** Sum over the months `first`–`last` (both included); months outside the cube count as 0. */
  sum(area: string, category: string, first: Month, last: Month): number;
  /** Count of one month. */
  count(area: string, category: string, month: Month): number;
  /** Areas with at least one registration, sorted. */
  areas(): string[];
  /** Categories with at least one registration in `area`, sorted. */
  categories(area: string): string[];
}

/**
 * Counts by (area, category) as a dense monthly series, summed from a cube. Areas and categories
 * come from mapping functions, so one type serves every area level and category scheme.
 */
export class Rollup implements Counts {
  readonly #series = new Map<string, Map<string, Int32Array>>();

  constructor(
    readonly firstMonth: Month,
    readonly lastMonth: Month,
  ) {}

  /** The monthly series of one area and category, or undefined when it has no registrations. */
  series(area: string, category: string): Int32Array | undefined {
    return this.#series.get(area)?.get(category);
  }

  /** Sum over the months `first`–`last` (both included); months outside the cube count as 0. */
  sum(area: string, category: string, first: Month, last: Month): number {
    const series = this.series(area, category);
    if (!series) return 0;
    let total = 0;
    const from = Math.max(first, this.firstMonth) - this.firstMonth;
    const to = Math.min(last, this.lastMonth) - this.firstMonth;
    for (let i = from; i <= to; i++) total += series[i] ?? 0;
    return total;
  }

  /** Count of one month. */
  count(area: string, category: string, month: Month): number {
    return this.sum(area, category, month, month);
  }

  /** Areas with at least one registration, sorted. */
  areas(): string[] {
    return [...this.#series.keys()].sort();
  }

  /** Categories with at least one registration in `area`, sorted. */
  categories(area: string): string[] {
    return [...(this.#series.get(area)?.keys() ?? [])].sort();
  }

  /** @internal used by `rollup` while summing. */
  seriesFor(area: string, category: string): Int32Array {
    let byCategory = this.#series.get(area);
    if (!byCategory) {
      byCategory = new Map();
      this.#series.set(area, byCategory);
    }
    let series = byCategory.get(category);
    if (!series) {
      series = new Int32Array(this.lastMonth - this.firstMonth + 1);
      byCategory.set(category, series);
    }
    return series;
  }
}

/**
 * Sums the cube into a Rollup. `areaOf` maps a cube area (a buurt, say) to the area it counts
 * for (its gemeente), or undefined to leave it out; `categoriesOf` maps a klasse to every category
 * key it counts under. Both are called once per distinct value.
 */
export function rollup(
  cube: Cube,
  areaOf: (area: string) => string | undefined,
  categoriesOf: (klasse: string) => readonly string[],
): Rollup {
  const result = new Rollup(cube.firstMonth, Math.max(cube.lastMonth, cube.firstMonth));
  const areaTargets = cube.areas.map(areaOf);
  const categoryTargets = cube.klassen.map(categoriesOf);
  for (let i = 0; i < cube.cellCount.length; i++) {
    const area = areaTargets[cube.cellArea[i] ?? -1];
    if (area === undefined) continue;
    const categories = categoryTargets[cube.cellKlasse[i] ?? -1] ?? [];
    const offset = (cube.cellMonth[i] ?? 0) - cube.firstMonth;
    const count = cube.cellCount[i] ?? 0;
    for (const category of categories) {
      const series = result.seriesFor(area, category);
      series[offset] = (series[offset] ?? 0) + count;
    }
  }
  return result;
}

/**
 * Counts of a cube at one area level, summed when asked: one category at a time (all areas of the
 * level for that category), or everything at once when a caller lists areas or categories. At buurt
 * level every category for every buurt would be some 15,000 × 150 monthly series (hundreds of
 * megabytes) of which a gebiedsscan reads one or two categories.
 */
export class LazyRollup implements Counts {
  readonly firstMonth: Month;
  readonly lastMonth: Month;
  readonly #byCategory = new Map<string, Rollup>();
  #all: Rollup | undefined;

  constructor(
    private readonly cube: Cube,
    private readonly areaOf: (area: string) => string | undefined,
    private readonly categoriesOf: (klasse: string) => readonly string[],
  ) {
    this.firstMonth = cube.firstMonth;
    this.lastMonth = Math.max(cube.lastMonth, cube.firstMonth);
  }

  series(area: string, category: string): Int32Array | undefined {
    if (this.#all) return this.#all.series(area, category);
    let one = this.#byCategory.get(category);
    if (!one) {
      one = rollup(this.cube, this.areaOf, (klasse) => (this.categoriesOf(klasse).includes(category) ? [category] : []));
      this.#byCategory.set(category, one);
    }
    return one.series(area, category);
  }

  sum(area: string, category: string, first: Month, last: Month): number {
    const series = this.series(area, category);
    if (!series) return 0;
    let total = 0;
    const from = Math.max(first, this.firstMonth) - this.firstMonth;
    const to = Math.min(last, this.lastMonth) - this.firstMonth;
    for (let i = from; i <= to; i++) total += series[i] ?? 0;
    return total;
  }

  count(area: string, category: string, month: Month): number {
    return this.sum(area, category, month, month);
  }

  areas(): string[] {
    return this.#everything().areas();
  }

  categories(area: string): string[] {
    return this.#everything().categories(area);
  }

  #everything(): Rollup {
    if (!this.#all) {
      this.#all = rollup(this.cube, this.areaOf, this.categoriesOf);
      this.#byCategory.clear();
    }
    return this.#all;
  }
}
