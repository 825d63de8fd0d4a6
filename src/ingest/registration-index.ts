/**
 * Where each registratienummer counts so far (its cube cell key), for revisions between deliveries.
 *
 * A national export holds tens of millions of registrations; two things matter at that size. One
 * Map holds at most 2^24 (16.7 million) entries in V8, so the numbers are spread over buckets by
 * their last characters (sequence numbers: evenly). And a number read from a line is a slice of
 * that line's text, which would keep the whole text of its chunk in memory as long as the number
 * is kept: each number is copied into a string of its own before it is stored.
 */
export class RegistrationIndex {
  readonly #buckets: Map<string, number>[] = Array.from({ length: BUCKETS }, () => new Map<string, number>());

  get(registratienummer: string): number | undefined {
    return this.#bucket(registratienummer).get(registratienummer);
  }

  set(registratienummer: string, key: number): void {
    const bucket = this.#bucket(registratienummer);
    // Only a new number is copied; a known one keeps the key string stored at first sight.
    if (bucket.has(registratienummer)) bucket.set(registratienummer, key);
    else bucket.set(own(registratienummer), key);
  }

  get size(): number {
    return this.#buckets.reduce((sum, bucket) => sum + bucket.size, 0);
  }

  #bucket(registratienummer: string): Map<string, number> {
    const n = registratienummer.length;
    const hash = (registratienummer.charCodeAt(n - 1) * 31 + registratienummer.charCodeAt(n - 2) * 7 + registratienummer.charCodeAt(n - 3)) | 0;
    return this.#buckets[(hash >>> 0) % BUCKETS] as Map<string, number>;
  }
}

const BUCKETS = 64;

/** A copy of `text` that shares no memory with the string it was cut from. */
function own(text: string): string {
  // Concatenation makes a new string that V8 flattens into fresh memory; slicing it keeps that copy.
  return ` ${text}`.slice(1);
}
