import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyOf, ValueCache } from "../../src/pipeline/model-cache.ts";
import { cleanup, tempDir } from "../helpers.ts";

let work: string;
beforeAll(async () => {
  work = await tempDir("vb-model-cache-");
});
afterAll(() => cleanup(work));

interface Entry {
  pages: { path: string; counts: Map<string, number> }[];
  notes: string[];
}

const entry: Entry = { pages: [{ path: "a.html", counts: new Map([["GM0344", 5]]) }, { path: "b.html", counts: new Map() }], notes: ["een"] };

describe("ValueCache", () => {
  it("reads back what it saved under the same key, Maps included, and nothing under another", async () => {
    const dir = path.join(work, "roundtrip");
    await new ValueCache<Entry>(dir, "test-1", 4).save(keyOf("a"), entry);
    const cache = new ValueCache<Entry>(dir, "test-1", 4);
    expect(await cache.load(keyOf("a"))).toEqual(entry);
    expect(await cache.load(keyOf("b"))).toBeUndefined();
    // Another format (a new version of what is kept) does not read it.
    expect(await new ValueCache<Entry>(dir, "test-2", 4).load(keyOf("a"))).toBeUndefined();
  });

  it("takes a damaged or cut-off file for a miss", async () => {
    const dir = path.join(work, "damaged");
    const cache = new ValueCache<Entry>(dir, "test-1", 4);
    await cache.save(keyOf("a"), entry);
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file ?? ""), Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    expect(await cache.load(keyOf("a"))).toBeUndefined();
  });

  it("takes a file with one byte changed for a miss, even within a page's sections", async () => {
    const dir = path.join(work, "flipped");
    const cache = new ValueCache<Entry>(dir, "test-1", 4);
    await cache.save(keyOf("a"), entry);
    const [file] = await readdir(dir);
    const bytes = await readFile(path.join(dir, file ?? ""));
    bytes[bytes.length - 12] = (bytes[bytes.length - 12] ?? 0) ^ 1;
    await writeFile(path.join(dir, file ?? ""), bytes);
    expect(await cache.load(keyOf("a"))).toBeUndefined();
  });

  it("reads a page's sections and highlights when first used, and saves untouched ones as the bytes they were read from", async () => {
    interface Lazy {
      pages: { path: string; sections: { rows: number[] }[]; highlights?: { map: string } }[];
    }
    const dir = path.join(work, "lazy");
    const value: Lazy = { pages: [{ path: "a.html", sections: [{ rows: [1, 2] }], highlights: { map: "<svg/>" } }, { path: "b.html", sections: [] }] };
    await new ValueCache<Lazy>(dir, "test-1", 4).save(keyOf("a"), value);
    const [file] = await readdir(dir);
    const saved = await readFile(path.join(dir, file ?? ""));
    const read = await new ValueCache<Lazy>(dir, "test-1", 4).load(keyOf("a"));
    const [first, second] = read?.pages ?? [];
    // Known by its path; its sections not yet deserialised (an accessor until read).
    expect(first?.path).toBe("a.html");
    expect(Object.getOwnPropertyDescriptor(first, "sections")?.get).toBeDefined();
    // Saved again as read: the same bytes, without reading the sections.
    await new ValueCache<Lazy>(dir, "test-1", 4).save(keyOf("a"), read as Lazy);
    expect(Object.getOwnPropertyDescriptor(first, "sections")?.get).toBeDefined();
    expect(await readFile(path.join(dir, file ?? ""))).toEqual(saved);
    // Read, it is the page as saved, and a plain property from then on.
    expect(first?.highlights).toEqual({ map: "<svg/>" });
    expect(Object.getOwnPropertyDescriptor(first, "sections")?.value).toEqual([{ rows: [1, 2] }]);
    expect(read).toEqual(value);
    // Set before it was read: the others keep their values.
    if (second) second.sections = [{ rows: [3] }];
    expect(second).toEqual({ path: "b.html", sections: [{ rows: [3] }] });
  });

  it("keeps the newest entries only", async () => {
    const dir = path.join(work, "prune");
    const cache = new ValueCache<Entry>(dir, "test-1", 2);
    for (const name of ["a", "b", "c"]) await cache.save(keyOf(name), entry);
    expect((await readdir(dir)).length).toBe(2);
  });

  it("with a memo, gives the same value again without reading the file", async () => {
    const dir = path.join(work, "memo");
    const memo = new Map<string, unknown>();
    const cache = new ValueCache<Entry>(dir, "test-1", 4, memo);
    await cache.save(keyOf("a"), entry);
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file ?? ""), "");
    expect(await cache.load(keyOf("a"))).toBe(entry);
  });
});
