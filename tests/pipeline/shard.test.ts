import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { mergeShards } from "../../src/pipeline/merge-shards.ts";
import { inShard, parseShard } from "../../src/pipeline/shard.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, fixtureConfig, tempDir } from "../helpers.ts";

let work: string;

async function hashAll(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file).split(path.sep).join("/")] = createHash("sha256").update(await readFile(file)).digest("hex");
  }
  return result;
}

const buildInto = async (name: string, shard?: { index: number; count: number }) => {
  const out = path.join(work, name, "dist");
  await build({ config: await fixtureConfig("mini", out), buildDate: "2026-01-10", reports: ["tabellenboek"], period: "2025-12", log: recordingLog(), ...(shard ? { shard } : {}) });
  return out;
};

beforeAll(async () => {
  work = await tempDir("vb-shard-");
});
afterAll(() => cleanup(work));

describe("build --shard i/n", () => {
  it("builds disjoint shares of the areas whose merged outputs are the files of one build, byte for byte", async () => {
    const single = await hashAll(await buildInto("single"));
    const shards = [await buildInto("shard-1", { index: 1, count: 2 }), await buildInto("shard-2", { index: 2, count: 2 })];
    const pagesOf = async (dir: string) => Object.keys(await hashAll(dir)).filter((file) => /^tabellenboek\/2025-12\/.+\.pdf$/.test(file));
    const [one, two] = [await pagesOf(shards[0] as string), await pagesOf(shards[1] as string)];
    // Both shards have work, and no area is built twice.
    expect(one.length).toBeGreaterThan(0);
    expect(two.length).toBeGreaterThan(0);
    expect(one.filter((file) => two.includes(file))).toEqual([]);
    expect(one.length + two.length).toBe(Object.keys(single).filter((file) => /^tabellenboek\/2025-12\/.+\.pdf$/.test(file)).length);
    // The pages that are not per area (front page, edition index, quality report) come with shard 1.
    expect(Object.keys(await hashAll(shards[1] as string))).not.toContain("index.html");

    const merged = path.join(work, "merged", "dist");
    await mergeShards(shards, merged, "Testeenheid");
    expect(await hashAll(merged)).toEqual(single);
  });

  it("refuses to merge shards of different builds", async () => {
    const out = path.join(work, "other-date", "dist");
    await build({ config: await fixtureConfig("mini", out), buildDate: "2026-01-11", reports: ["tabellenboek"], period: "2025-12", pdf: false, log: recordingLog(), shard: { index: 2, count: 2 } });
    const error = await mergeShards([path.join(work, "shard-1", "dist"), out], path.join(work, "bad-merge", "dist"), "Testeenheid").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("is not a shard of the same build");
  });

  it("splits by the area code alone, every area in exactly one shard", () => {
    for (const code of ["GM0335", "GM0589", "BT9901", "RE03", "GM0344"]) {
      expect([1, 2, 3].filter((index) => inShard(code, { index, count: 3 }))).toHaveLength(1);
    }
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/2", "3/2", "1-2", "a/b"]) expect(() => parseShard(bad)).toThrow(UserError);
  });
});
