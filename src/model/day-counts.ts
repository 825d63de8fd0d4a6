import type { Day } from "./days.ts";
import type { Registrations } from "./registrations.ts";

/**
 * Counts by (area, category) and day, from the registrations at day granularity: what the sections
 * of weekly and daily reports read. The areas and categories come from mapping functions as in
 * `rollup`, so one type serves every area level and category scheme (fenomenen included). A
 * series is made when first asked for: a weekly report reads a handful of categories.
 */
export class DayCounts {
  /** Per mapped area: the rows (indices into the registrations) that count in it, in day order. */
  readonly #rowsOf = new Map<string, number[]>();
  readonly #categoriesOfKlasse: (readonly string[])[];
  /** area → category → the sorted days of its registrations. */
  readonly #days = new Map<string, Map<string, Int32Array>>();

  constructor(
    private readonly registrations: Registrations,
    areaOf: (area: string) => string | undefined,
    categoriesOf: (klasse: string) => readonly string[],
  ) {
    const targets = registrations.areas.map(areaOf);
    this.#categoriesOfKlasse = registrations.klassen.map(categoriesOf);
    registrations.area.forEach((index, row) => {
      const area = targets[index];
      if (area === undefined) return;
      let rows = this.#rowsOf.get(area);
      if (!rows) this.#rowsOf.set(area, (rows = []));
      rows.push(row);
    });
  }

  /** Registrations of `area` and `category` on the days `first`–`last` (both included). */
  sum(area: string, category: string, first: Day, last: Day): number {
    const days = this.days(area, category);
    return lowerBound(days, last + 1) - lowerBound(days, first);
  }

  /** The days of the registrations of `area` and `category`, sorted (one entry per registration). */
  days(area: string, category: string): Int32Array {
    let byCategory = this.#days.get(area);
    if (!byCategory) this.#days.set(area, (byCategory = new Map()));
    let days = byCategory.get(category);
    if (!days) {
      const rows = (this.#rowsOf.get(area) ?? []).filter((row) => this.#categoriesOfKlasse[this.registrations.klasse[row] as number]?.includes(category));
      days = Int32Array.from(rows, (row) => this.registrations.day[row] as number);
      byCategory.set(category, days);
    }
    return days;
  }

  /** The rows (indices into the registrations) of `area`, in day order; for incident lists. */
  rowsOf(area: string): readonly number[] {
    return this.#rowsOf.get(area) ?? [];
  }

  /** Whether a klasse (its index in the registrations) counts under `category`. */
  counts(klasseIndex: number, category: string): boolean {
    return this.#categoriesOfKlasse[klasseIndex]?.includes(category) ?? false;
  }
}

/** The first index whose value is ≥ `value` in a sorted array. */
function lowerBound(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
