import type { Day } from "../model/days.ts";
import type { Registrations } from "../model/registrations.ts";
import { RegistrationIndex } from "./registration-index.ts";

/**
 * The latest version of every registration at day granularity (see `Registrations`), for the
 * reports that need days or single incidents. A registratienummer seen again replaces its row;
 * the number itself is kept only in the index that finds the row, never in what `build` returns.
 * Ingest keeps a store only when a report asks for days (see IngestOptions.registrations), so
 * the monthly reports pay nothing for it.
 */
export class RegistrationStore {
  readonly #index = new RegistrationIndex();
  readonly #areas = new Dictionary();
  readonly #klassen = new Dictionary();
  readonly #mos = new Dictionary();
  #area = new Int32Array(1024);
  #klasse = new Int32Array(1024);
  #day = new Int32Array(1024);
  #dayPart = new Int8Array(1024);
  #mo = new Int32Array(1024);
  #size = 0;

  /** Records the latest version of a registration read from file number `file`. */
  put(registratienummer: string, file: number, area: string, klasse: string, day: Day, dayPart: number, mo: string | undefined): void {
    let slot = this.#size;
    const previous = this.#index.record(registratienummer, slot, file);
    if (previous !== undefined) {
      // Known: its row is replaced in place (the index keeps pointing at it).
      this.#index.record(registratienummer, previous, file);
      slot = previous;
    } else {
      if (slot === this.#day.length) this.#grow();
      this.#size++;
    }
    this.#area[slot] = this.#areas.indexOf(area);
    this.#klasse[slot] = this.#klassen.indexOf(klasse);
    this.#day[slot] = day;
    this.#dayPart[slot] = dayPart;
    this.#mo[slot] = mo === undefined ? -1 : this.#mos.indexOf(mo);
  }

  /** The registrations so far, with sorted dictionaries and rows sorted by day, part of day, klasse, area and MO. */
  build(): Registrations {
    const areas = this.#areas.sorted();
    const klassen = this.#klassen.sorted();
    const mos = this.#mos.sorted();
    const n = this.#size;
    const area = this.#area.subarray(0, n).map((index) => areas.rank[index] as number);
    const klasse = this.#klasse.subarray(0, n).map((index) => klassen.rank[index] as number);
    const mo = this.#mo.subarray(0, n).map((index) => (index < 0 ? -1 : (mos.rank[index] as number)));
    const day = this.#day.subarray(0, n);
    const dayPart = this.#dayPart.subarray(0, n);
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) =>
        (day[a] as number) - (day[b] as number) ||
        (dayPart[a] as number) - (dayPart[b] as number) ||
        (klasse[a] as number) - (klasse[b] as number) ||
        (area[a] as number) - (area[b] as number) ||
        (mo[a] as number) - (mo[b] as number),
    );
    const pick = <T extends Int32Array | Int8Array>(source: T, target: T): T => {
      order.forEach((from, to) => (target[to] = source[from] as number));
      return target;
    };
    return {
      areas: areas.values,
      klassen: klassen.values,
      mos: mos.values,
      area: pick(area, new Int32Array(n)),
      klasse: pick(klasse, new Int32Array(n)),
      day: pick(day, new Int32Array(n)),
      dayPart: pick(dayPart, new Int8Array(n)),
      mo: pick(mo, new Int32Array(n)),
    };
  }

  #grow(): void {
    const grow = <T extends Int32Array | Int8Array>(array: T, make: (length: number) => T): T => {
      const bigger = make(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.#area = grow(this.#area, (l) => new Int32Array(l));
    this.#klasse = grow(this.#klasse, (l) => new Int32Array(l));
    this.#day = grow(this.#day, (l) => new Int32Array(l));
    this.#dayPart = grow(this.#dayPart, (l) => new Int8Array(l));
    this.#mo = grow(this.#mo, (l) => new Int32Array(l));
  }
}

class Dictionary {
  readonly #index = new Map<string, number>();
  readonly #values: string[] = [];

  indexOf(value: string): number {
    let index = this.#index.get(value);
    if (index === undefined) {
      index = this.#values.push(value) - 1;
      this.#index.set(value, index);
    }
    return index;
  }

  /** The values in sorted order, and each insertion index's rank in it. */
  sorted(): { values: string[]; rank: number[] } {
    const values = [...this.#values].sort();
    const position = new Map(values.map((value, i) => [value, i]));
    return { values, rank: this.#values.map((value) => position.get(value) as number) };
  }
}
