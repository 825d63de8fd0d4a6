import type { Cube } from "./cube.ts";
import type { Month } from "./months.ts";
import { rollup, type Counts, type Rollup } from "./rollup.ts";

/** The prefix of a fenomeen's category key: "fenomeen:woninginbraak". */
export const FENOMEEN_PREFIX = "fenomeen:";

/**
 * Counts that also answer for fenomenen ("fenomeen:ondermijning"): a fenomeen counts the
 * registrations of its klassen, each once, however its soorten and INP codes overlap. The
 * fenomeen keys are summed from the cube when first asked for and are not listed by
 * `categories()`, so a table that lists every category of an area shows what it showed before.
 */
export class FenomeenCounts implements Counts {
  readonly #fenomenen = new Map<string, Rollup>();

  constructor(
    private readonly base: Counts,
    private readonly cube: Cube,
    private readonly areaOf: (area: string) => string | undefined,
    /** A fenomeen key's klassen, or undefined for an unknown fenomeen (which then counts nothing). */
    private readonly klassenOf: (key: string) => ReadonlySet<string> | undefined,
  ) {}

  get firstMonth(): Month {
    return this.base.firstMonth;
  }

  get lastMonth(): Month {
    return this.base.lastMonth;
  }

  series(area: string, category: string): Int32Array | undefined {
    return category.startsWith(FENOMEEN_PREFIX) ? this.#fenomeen(category).series(area, category) : this.base.series(area, category);
  }

  sum(area: string, category: string, first: Month, last: Month): number {
    return category.startsWith(FENOMEEN_PREFIX) ? this.#fenomeen(category).sum(area, category, first, last) : this.base.sum(area, category, first, last);
  }

  count(area: string, category: string, month: Month): number {
    return this.sum(area, category, month, month);
  }

  areas(): string[] {
    return this.base.areas();
  }

  categories(area: string): string[] {
    return this.base.categories(area);
  }

  #fenomeen(key: string): Rollup {
    let counts = this.#fenomenen.get(key);
    if (!counts) {
      const klassen = this.klassenOf(key) ?? new Set<string>();
      counts = rollup(this.cube, this.areaOf, (klasse) => (klassen.has(klasse) ? [key] : []));
      this.#fenomenen.set(key, counts);
    }
    return counts;
  }
}
