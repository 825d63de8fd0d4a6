import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

/**
 * A cache of computed page data, one entry per key (an edition's model, the disclosure control of
 * a build's public editions). The key is a SHA-256 over everything the value is computed from, so
 * a hit is the value a computation would give; a file that cannot be read is a miss, and a cache
 * that cannot be written only costs the next build its time. Entries are V8-serialised (Maps and
 * typed arrays survive, and it reads several times faster than JSON).
 */
export class ValueCache<T> {
  readonly #dir: string;
  readonly #format: string;
  readonly #keep: number;

  /** `keep`: how many entries stay (the newest); the others are removed when one is saved. */
  constructor(dir: string, format: string, keep: number) {
    this.#dir = dir;
    this.#format = format;
    this.#keep = keep;
  }

  async load(key: string): Promise<T | undefined> {
    const file = this.#file(key);
    try {
      const entry = deserialize(await readFile(file)) as { format: string; key: string; value: T };
      if (entry.format !== this.#format || entry.key !== key) return undefined;
      // Used now: the newest, as far as pruning is concerned.
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return entry.value;
    } catch {
      return undefined;
    }
  }

  async save(key: string, value: T): Promise<void> {
    const file = this.#file(key);
    try {
      await mkdir(this.#dir, { recursive: true });
      const temporary = `${file}.tmp-${process.pid}`;
      await writeFile(temporary, serialize({ format: this.#format, key, value }));
      await rename(temporary, file);
      await this.#prune();
    } catch {
      // A read-only or full disk: the next build computes it again.
    }
  }

  #file(key: string): string {
    return path.join(this.#dir, `${key}.v8`);
  }

  async #prune(): Promise<void> {
    const entries = (await readdir(this.#dir)).filter((name) => name.endsWith(".v8"));
    const dated = await Promise.all(entries.map(async (name) => ({ name, mtime: (await stat(path.join(this.#dir, name))).mtimeMs })));
    dated.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
    for (const old of dated.slice(this.#keep)) await rm(path.join(this.#dir, old.name), { force: true });
  }
}

/** A SHA-256 over `parts` (JSON-able values). */
export function keyOf(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
