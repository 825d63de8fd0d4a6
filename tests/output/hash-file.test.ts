import { createHash } from "node:crypto";
import { mkdir, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashFile } from "../../src/output/hash-file.ts";
import { hashInputs } from "../../src/pipeline/provision.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, tempDir } from "../helpers.ts";

let work: string;

beforeAll(async () => {
  work = await tempDir("vb-hash-");
});
afterAll(() => cleanup(work));

describe("hashInputs", () => {
  it("hashes every input, streamed, with its size", async () => {
    const file = path.join(work, "exports", "a.csv");
    await mkdir(path.dirname(file), { recursive: true });
    const content = Buffer.from("x;y\n".repeat(300_000));
    await writeFile(file, content);
    expect(await hashInputs(work, [{ file, kind: "export" }])).toEqual([
      { path: "exports/a.csv", sha256: createHash("sha256").update(content).digest("hex"), bytes: content.length, kind: "export" },
    ]);
  });

  it("stops with a UserError naming the file when an input cannot be read, instead of leaving it out of the record and the change check", async () => {
    const missing = path.join(work, "exports", "gone.csv");
    const folder = path.join(work, "exports", "folder.csv");
    await mkdir(folder, { recursive: true });
    for (const file of [missing, folder]) {
      const error = await hashInputs(work, [{ file, kind: "export" }]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toContain(`Cannot read ${file}`);
    }
  });

  // 2 GiB + 1 byte (a sparse file) takes some 15 s of hashing: run with VB_SLOW_TESTS=1.
  it.runIf(process.env.VB_SLOW_TESTS === "1")("hashes a file larger than 2 GiB, which readFile cannot read", async () => {
    const file = path.join(work, "big.csv");
    await writeFile(file, "");
    await truncate(file, 2 ** 31 + 1);
    expect(await hashFile(file)).toEqual({ sha256: "b8030a8ab89280935633d8d991da3d9907c0f12e8b6fc3bfc515f4d440872b6e", bytes: 2 ** 31 + 1 });
  }, 120_000);
});
