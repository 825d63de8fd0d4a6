/**
 * Where each registratienummer counts so far (its cube cell key), and which file said so last: for
 * revisions between deliveries and repeats within one file.
 *
 * A national export holds tens of millions of registrations, so the index must be small. BVH
 * numbers a registration within its unit and year ("PL0900-2023076498"): a prefix and a serial
 * number, issued one after the other. The index keeps, per prefix (and length of the number), pages
 * of 1,024 consecutive serial numbers in a Float64Array: 8 bytes a registration instead of the
 * ~100 a Map entry with its string costs. A number without trailing digits, or numbering so sparse
 * that pages would hold more air than entries, goes to Maps of strings instead (bucketed: one V8
 * Map holds at most 2^24 entries).
 */
export class RegistrationIndex {
  /** Prefix → pages per length of the serial number → page number → values. */
  readonly #prefixes = new Map<string, Map<number, Float64Array>[]>();
  readonly #strings: Map<string, number>[] = Array.from({ length: BUCKETS }, () => new Map<string, number>());
  #pageCount = 0;
  #numbered = 0;
  #sparse = false;
  #digits = 0;
  /** Whether the last `record` found the number recorded before by the same file. */
  sameFile = false;

  /**
   * Records that `registratienummer` now counts in cell `key`, read from file number `file`, and
   * returns the key it counted in before (undefined when the number is new). `sameFile` then tells
   * whether it was this file that recorded it before.
   */
  record(registratienummer: string, key: number, file: number): number | undefined {
    if (key >= MAX_KEY || key < 0) throw new RangeError(`cell key out of range: ${key}`);
    const value = key * FILES + (file % FILES) + 1;
    const serial = this.#sparse ? -1 : this.#serialOf(registratienummer);
    const previous = serial >= 0 ? this.#swapNumbered(registratienummer, serial, this.#digits, value) : this.#swapString(registratienummer, value);
    this.sameFile = previous !== 0 && (previous - 1) % FILES === file % FILES;
    if (previous === 0) return undefined;
    return Math.floor((previous - 1) / FILES);
  }

  /** How many registratienummers the index holds. */
  get size(): number {
    return this.#numbered + this.#strings.reduce((sum, bucket) => sum + bucket.size, 0);
  }

  /**
   * The serial number at the end of a registratienummer (at most 15 digits; their count in
   * `#digits`), or -1 when it does not end in a digit.
   */
  #serialOf(registratienummer: string): number {
    let number = 0;
    let scale = 1;
    let digits = 0;
    for (let at = registratienummer.length - 1; at >= 0 && digits < 15; at--) {
      const digit = registratienummer.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) break;
      number += digit * scale;
      scale *= 10;
      digits++;
    }
    this.#digits = digits;
    return digits === 0 ? -1 : number;
  }

  #swapNumbered(registratienummer: string, serial: number, digits: number, value: number): number {
    // "PL0900-01" and "PL0900-1" have the same serial number: the length of the serial tells them apart.
    const prefix = registratienummer.slice(0, registratienummer.length - digits);
    let byLength = this.#prefixes.get(prefix);
    // (A new prefix is stored as a copy: a long slice would keep its line's chunk in memory.)
    if (byLength === undefined) this.#prefixes.set(own(prefix), (byLength = []));
    let pages = byLength[digits];
    if (pages === undefined) byLength[digits] = pages = new Map<number, Float64Array>();
    const pageNumber = Math.floor(serial / PAGE);
    let page = pages.get(pageNumber);
    if (page === undefined) {
      pages.set(pageNumber, (page = new Float64Array(PAGE)));
      this.#pageCount++;
    }
    const slot = serial - pageNumber * PAGE;
    const previous = page[slot] as number;
    page[slot] = value;
    if (previous === 0) {
      this.#numbered++;
      // Pages that hold few numbers each cost more than strings: such numbering is not sequential.
      if (this.#pageCount > 4096 && this.#numbered < this.#pageCount * MIN_PER_PAGE) this.#toStrings();
    }
    return previous;
  }

  #swapString(registratienummer: string, value: number): number {
    const bucket = this.#bucket(registratienummer);
    const previous = bucket.get(registratienummer);
    // A number read from a line is a slice of it and would keep the line's whole chunk in memory.
    bucket.set(previous === undefined ? own(registratienummer) : registratienummer, value);
    return previous ?? 0;
  }

  /** Moves every numbered entry to the string maps, for good. */
  #toStrings(): void {
    this.#sparse = true;
    for (const [prefix, byLength] of this.#prefixes) {
      byLength.forEach((pages, digits) => {
        for (const [pageNumber, page] of pages) {
          page.forEach((value, slot) => {
            if (value !== 0) this.#swapString(`${prefix}${String(pageNumber * PAGE + slot).padStart(digits, "0")}`, value);
          });
        }
      });
    }
    this.#prefixes.clear();
    this.#pageCount = 0;
    this.#numbered = 0;
  }

  #bucket(registratienummer: string): Map<string, number> {
    const n = registratienummer.length;
    const hash = (registratienummer.charCodeAt(n - 1) * 31 + registratienummer.charCodeAt(n - 2) * 7 + registratienummer.charCodeAt(n - 3)) | 0;
    return this.#strings[(hash >>> 0) % BUCKETS] as Map<string, number>;
  }
}

const PAGE = 1024;
const MIN_PER_PAGE = 64;
const BUCKETS = 64;
/** Files are told apart modulo 4,096 (only the current file is ever compared). */
const FILES = 4096;
/** Values are key × 4,096 + file + 1, exact below 2^53. */
const MAX_KEY = 2 ** 41;

/** A copy of `text` that shares no memory with the string it was cut from. */
function own(text: string): string {
  // Concatenation makes a new string that V8 flattens into fresh memory; slicing it keeps that copy.
  return ` ${text}`.slice(1);
}
