import { createHash } from "node:crypto";
import { open, mkdir, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";

/** What the caches keep: page data, and whatever else a stage tells about it. */
export interface PagesValue {
  pages: unknown[];
}

/**
 * A cache of computed page data, one entry per key (an edition's model, the disclosure control of
 * a build's public editions, a public site, a delivery). The key is a SHA-256 over everything the
 * value is computed from, so a hit is the value a computation would give; a file that cannot be
 * read, or whose checksum does not match, is a miss, and a cache that cannot be written only costs
 * the next build its time. Entries are V8-serialised (Maps and typed arrays survive, and it reads
 * several times faster than JSON), a few records per page, so that writing a national edition
 * (100 MB and more) never holds a second copy of it in memory.
 *
 * A page's sections and highlights (nearly all of its bytes) are read when something first reads
 * them: a rebuild that renders one page of an edition deserialises that page's, the others are
 * known by their path, area and edition (see `lazyPage`). Saved again untouched, they are written
 * as the bytes they were read from.
 *
 * With a memo (a `serve` process), a value read or saved is kept in memory as well: the next
 * rebuild takes it from there, not from disk.
 */
export class ValueCache<T extends PagesValue> {
  readonly #dir: string;
  readonly #format: string;
  readonly #keep: number;
  readonly #memo: Map<string, unknown> | undefined;
  readonly #lazy: readonly string[];

  /**
   * `keep`: how many entries stay (the newest); the others are removed when one is saved. `lazy`:
   * the properties of a page read when first used (by default a page's sections and highlights).
   */
  constructor(dir: string, format: string, keep: number, memo?: Map<string, unknown>, lazy: readonly string[] = LAZY) {
    this.#dir = dir;
    this.#format = format;
    this.#keep = keep;
    this.#memo = memo;
    this.#lazy = lazy;
  }

  async load(key: string): Promise<T | undefined> {
    const remembered = this.#memo?.get(this.#memoKey(key)) as T | undefined;
    if (remembered) return remembered;
    const file = this.#file(key);
    try {
      const records = framed(await readFile(file));
      if (!records) return undefined;
      const header = deserialize(records[0] ?? Buffer.alloc(0)) as EntryHeader<T>;
      if (header.format !== this.#format || header.key !== key || records.length !== 1 + 2 * header.count) return undefined;
      const pages: unknown[] = [];
      for (let index = 0; index < header.count; index++) {
        const head = deserialize(records[1 + 2 * index] ?? Buffer.alloc(0)) as { page: object; lazy: string[] };
        const bytes = records[2 + 2 * index];
        pages.push(head.lazy.length > 0 && bytes ? lazyPage(head.page, head.lazy, bytes) : head.page);
      }
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
        const header = deserialize(bytes) as EntryHeader<T>;
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
      let checksum = 0;
      try {
        const record = async (bytes: Buffer): Promise<void> => {
          const length = Buffer.alloc(4);
          length.writeUInt32LE(bytes.length);
          checksum = crc32(bytes, crc32(length, checksum));
          await handle.write(length);
          await handle.write(bytes);
        };
        const header: EntryHeader<T> = { format: this.#format, key, count: pages.length, rest };
        await record(serialize(header));
        for (const page of pages) {
          const { head, lazy, bytes } = split(page, this.#lazy);
          await record(serialize({ page: head, lazy }));
          await record(bytes ?? EMPTY);
        }
        const trailer = Buffer.alloc(4);
        trailer.writeUInt32LE(checksum);
        await handle.write(trailer);
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

  /** Forgets the entry under `key` (in the memo too); nothing when there is none. */
  async remove(key: string): Promise<void> {
    this.#memo?.delete(this.#memoKey(key));
    await rm(this.#file(key), { force: true }).catch(() => undefined);
  }

  #memoKey(key: string): string {
    return `${this.#format} ${key}`;
  }

  #file(key: string): string {
    return path.join(this.#dir, `${key}.v8`);
  }
}

interface EntryHeader<T extends PagesValue> {
  format: string;
  key: string;
  count: number;
  rest: Omit<T, "pages">;
}

const EMPTY = Buffer.alloc(0);

/** The records of an entry's file (each a length and its bytes), or undefined when the file is cut off or its checksum is wrong. */
function framed(bytes: Buffer): Buffer[] | undefined {
  if (bytes.length < 4) return undefined;
  const end = bytes.length - 4;
  if (crc32(bytes.subarray(0, end)) !== bytes.readUInt32LE(end)) return undefined;
  const records: Buffer[] = [];
  for (let at = 0; at < end; ) {
    if (at + 4 > end) return undefined;
    const length = bytes.readUInt32LE(at);
    if (at + 4 + length > end) return undefined;
    records.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return records;
}

/**
 * The properties of a page that hold nearly all of its bytes (tables, charts, maps), read when
 * first used; the rest of a page (path, area, edition, files) is read with the entry.
 */
const LAZY: readonly string[] = ["sections", "highlights"];

/** Of pages read back whose lazy properties nothing has read yet: the bytes they are read from. */
const unread = new WeakMap<object, Buffer>();

/**
 * `page` with its lazy properties read from `bytes` on first use (all of them at once, and from
 * then on plain properties): to every reader — a layout, a spread, serialisation — it is the page
 * as saved.
 */
function lazyPage(page: object, names: readonly string[], bytes: Buffer): object {
  const settle = (values: Record<string, unknown>): void => {
    unread.delete(page);
    for (const name of names) Object.defineProperty(page, name, { value: values[name], writable: true, enumerable: true, configurable: true });
  };
  const read = (): Record<string, unknown> => {
    const values = deserialize(bytes) as Record<string, unknown>;
    settle(values);
    return values;
  };
  for (const name of names) {
    Object.defineProperty(page, name, {
      get: (): unknown => read()[name],
      set: (value: unknown): void => {
        // The others as they were, this one as set.
        read();
        (page as Record<string, unknown>)[name] = value;
      },
      enumerable: true,
      configurable: true,
    });
  }
  unread.set(page, bytes);
  return page;
}

/** A page as its head (all but its lazy properties), their names and their bytes (those it was read from while nothing read them). */
function split(page: unknown, names: readonly string[]): { head: unknown; lazy: string[]; bytes?: Buffer } {
  if (typeof page !== "object" || page === null) return { head: page, lazy: [] };
  const record = page as Record<string, unknown>;
  const lazy = names.filter((name) => Object.hasOwn(record, name));
  if (lazy.length === 0) return { head: page, lazy };
  const head: Record<string, unknown> = {};
  for (const name of Object.keys(record)) if (!lazy.includes(name)) head[name] = record[name];
  return { head, lazy, bytes: unread.get(page) ?? serialize(Object.fromEntries(lazy.map((name) => [name, record[name]]))) };
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
