import { createHash } from "node:crypto";
import { utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileHashes } from "../../src/output/file-hashes.ts";
import { cleanup, tempDir } from "../helpers.ts";

let work: string;
beforeAll(async () => {
  work = await tempDir("vb-file-hashes-");
});
afterAll(() => cleanup(work));

const sha = (text: string): string => createHash("sha256").update(text).digest("hex");

describe("FileHashes", () => {
  it("takes a file's SHA-256 from the last build while its size, modification time and inode are unchanged, and reads it again when one changed", async () => {
    const file = path.join(work, "a.html");
    const kept = path.join(work, "hashes.json");
    await writeFile(file, "eerste");
    const moment = new Date("2026-01-10T12:00:00Z");
    await utimes(file, moment, moment);
    const first = await FileHashes.open(kept);
    expect((await first.hash(file)).sha256).toBe(sha("eerste"));
    await first.save();

    // The same size, and the modification time put back: taken as unchanged (not read).
    await writeFile(file, "tweede");
    await utimes(file, moment, moment);
    const second = await FileHashes.open(kept);
    expect((await second.hash(file)).sha256).toBe(sha("eerste"));
    await second.save();

    // Written as a build or an editor writes it: a new modification time, so read again.
    await writeFile(file, "derde!");
    const third = await FileHashes.open(kept);
    expect(await third.hash(file)).toEqual({ sha256: sha("derde!"), bytes: 6 });
  });

  it("knows a file in a staging folder by the output file it becomes", async () => {
    const staged = path.join(work, "staged.pdf");
    const published = path.join(work, "out", "staged.pdf");
    await writeFile(staged, "pdf");
    const hashes = await FileHashes.open(path.join(work, "staged.json"));
    expect((await hashes.hash(staged, published)).sha256).toBe(sha("pdf"));
    await hashes.save();
    const again = await FileHashes.open(path.join(work, "staged.json"));
    // Not under its own path: it was recorded as the output file.
    await writeFile(staged, "PDF");
    expect((await again.hash(staged)).sha256).toBe(sha("PDF"));
  });
});
