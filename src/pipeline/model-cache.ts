import { createHash } from "node:crypto";
import { open, mkdir, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

/** What the caches keep: page data, and whatever else a stage tells about it. */
export interface PagesValue {
  pages: unknown[];
}

/**
 * A cache of computed page data, one entry per key (an edition's model, the disclosure control of
 * a build's public editions). The key is a SHA-256 over everything the value is computed from, so
 * a hit is the value a computation would give; a file that cannot be read is a miss, and a cache
 * that cannot be written only costs the next build its time. Entries are V8-serialised (Maps and
 * typed arrays survive, and it reads several times faster than JSON), one record per page, so that
 * writing a national edition (100 MB and more) never holds a second copy of it in memory.
 *
 * With a memo (a `serve` process), a value read or saved is kept in memory as well: the next
 * rebuild takes it from there, not from disk.
 */
export class ValueCache<T extends PagesValue> {
  readonly #dir: string;
  readonly #format: string;
  readonly #keep: number;
  readonly #memo: Map<string, unknown> | undefined;

  /** `keep`: how many entries stay (the newest); the others are removed when one is saved. */
  constructor(dir: string, format: string, keep: number, memo?: Map<string, unknown>) {
    this.#dir = dir;
    this.#format = format;
    this.#keep = keep;
    this.#memo = memo;
  }

  async load(key: string): Promise<T | undefined> {
    const remembered = this.#memo?.get(this.#memoKey(key)) as T | undefined;
    if (remembered) return remembered;
    const file = this.#file(key);
    try {
      const bytes = await readFile(file);
      const records: unknown[] = [];
      for (let at = 0; at < bytes.length; ) {
        const length = bytes.readUInt32LE(at);
        records.push(deserialize(bytes.subarray(at + 4, at + 4 + length)));
        at += 4 + length;
      }
      const [header, ...pages] = records as [{ format: string; key: string; count: number; rest: Omit<T, "pages"> }, ...unknown[]];
      if (header.format !== this.#format || header.key !== key || header.count !== pages.length) return undefined;
      // Used now: the newest, as far as pruning is concerned.
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      const value = { ...header.rest, pages } as unknown as T;
      this.#memo?.set(this.#memoKey(key), value);
      return value;
    } catch {
      return undefined;
    }
  }

  /**
   * What an entry keeps besides its pages, read without its pages (the first record of the file):
   * for a stage that may not need the pages at all.
   */
  async header(key: string): Promise<Omit<T, "pages"> | undefined> {
    const remembered = this.#memo?.get(this.#memoKey(key)) as T | undefined;
    if (remembered) {
      const { pages: _pages, ...rest } = remembered;
      return rest;
    }
    try {
      const handle = await open(this.#file(key), "r");
      try {
        const length = Buffer.alloc(4);
        if ((await handle.read(length, 0, 4, 0)).bytesRead !== 4) return undefined;
        const bytes = Buffer.alloc(length.readUInt32LE(0));
        if ((await handle.read(bytes, 0, bytes.length, 4)).bytesRead !== bytes.length) return undefined;
        const header = deserialize(bytes) as { format: string; key: string; rest: Omit<T, "pages"> };
        return header.format === this.#format && header.key === key ? header.rest : undefined;
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  }

  async save(key: string, value: T): Promise<void> {
    this.#memo?.set(this.#memoKey(key), value);
    const file = this.#file(key);
    const temporary = `${file}.tmp-${process.pid}`;
    try {
      await mkdir(this.#dir, { recursive: true });
      const { pages, ...rest } = value;
      const handle = await open(temporary, "w");
      try {
        const record = async (item: unknown): Promise<void> => {
          const bytes = serialize(item);
          const length = Buffer.alloc(4);
          length.writeUInt32LE(bytes.length);
          await handle.write(length);
          await handle.write(bytes);
        };
        await record({ format: this.#format, key, count: pages.length, rest });
        for (const page of pages) await record(page);
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
      await keepNewest(this.#dir, ".v8", this.#keep);
    } catch {
      // A read-only or full disk: the next build computes it again.
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  #memoKey(key: string): string {
    return `${this.#format} ${key}`;
  }

  #file(key: string): string {
    return path.join(this.#dir, `${key}.v8`);
  }
}

/** Removes all but the `keep` newest files (by modification time) ending in `suffix` in `dir`. */
export async function keepNewest(dir: string, suffix: string, keep: number): Promise<void> {
  const entries = (await readdir(dir)).filter((name) => name.endsWith(suffix));
  const dated = await Promise.all(entries.map(async (name) => ({ name, mtime: (await stat(path.join(dir, name))).mtimeMs })));
  dated.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
  for (const old of dated.slice(keep)) await rm(path.join(dir, old.name), { force: true });
}

/** A SHA-256 over `parts` (JSON-able values): the key of a cache entry or of a build. */
export function keyOf(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
