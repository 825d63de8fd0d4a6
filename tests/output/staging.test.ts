import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, readlink, rm, stat, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { abortPublishing, asWriteError, startStaging, writeFileAtomic } from "../../src/output/staging.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, fixtureConfig, tempDir, writeFiles } from "../helpers.ts";

let work: string;

beforeAll(async () => {
  work = await tempDir("vb-publish-");
});
afterAll(() => cleanup(work));

/** Every file's hash (a symlink's target instead of following it), by path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(dir, file);
    if (entry.isSymbolicLink()) result[key] = `-> ${await readlink(file)}`;
    else if (entry.isFile()) result[key] = createHash("sha256").update(await readFile(file)).digest("hex");
  }
  return result;
}

/** The pid of a process that has exited (so leftovers named after it belong to a dead build). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("startStaging", () => {
  it("keeps earlier editions, drops the folders it replaces, and swaps in only on commit", async () => {
    const out = path.join(work, "swap", "dist");
    await writeFiles(out, { "tabellenboek/2025-11/a.html": "november", "tabellenboek/2025-12/a.html": "old december" });
    const staging = await startStaging(out, ["tabellenboek/2025-12"]);
    expect(existsSync(path.join(staging.dir, "tabellenboek/2025-11/a.html"))).toBe(true);
    expect(existsSync(path.join(staging.dir, "tabellenboek/2025-12"))).toBe(false);
    await writeFiles(staging.dir, { "tabellenboek/2025-12/a.html": "new december" });
    expect(await readFile(path.join(out, "tabellenboek/2025-12/a.html"), "utf8")).toBe("old december");
    await staging.commit();
    expect(await readFile(path.join(out, "tabellenboek/2025-12/a.html"), "utf8")).toBe("new december");
    expect(await readFile(path.join(out, "tabellenboek/2025-11/a.html"), "utf8")).toBe("november");
    expect((await readdir(path.dirname(out))).sort()).toEqual(["dist"]);
  });

  it("links the kept files, and a file of the replaced folder written anew does not touch the output", async () => {
    const out = path.join(work, "keep", "dist");
    await writeFiles(out, { "gebiedsscan/2025/a.html": "a", "gebiedsscan/2025/b.html": "b", "index.html": "index" });
    const staging = await startStaging(out, ["gebiedsscan/2025"], String(process.pid), new Set(["gebiedsscan/2025/a.html"]));
    // Kept: the same bytes under a second name, nothing copied.
    expect((await stat(path.join(staging.dir, "gebiedsscan/2025/a.html"))).ino).toBe((await stat(path.join(out, "gebiedsscan/2025/a.html"))).ino);
    // Outside the replaced folder: a copy, which the build may write into.
    expect((await stat(path.join(staging.dir, "index.html"))).ino).not.toBe((await stat(path.join(out, "index.html"))).ino);
    expect(existsSync(path.join(staging.dir, "gebiedsscan/2025/b.html"))).toBe(false);
    // Written in place, as Eleventy and writeFile do: a new file, not the published one.
    await writeFiles(staging.dir, { "gebiedsscan/2025/b.html": "b, rendered again", "index.html": "index, again" });
    expect(await readFile(path.join(out, "gebiedsscan/2025/b.html"), "utf8")).toBe("b");
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("index");
    await staging.commit();
    const published = await Promise.all(["gebiedsscan/2025/a.html", "gebiedsscan/2025/b.html", "index.html"].map((name) => readFile(path.join(out, name), "utf8")));
    expect(published).toEqual(["a", "b, rendered again", "index, again"]);
  });

  it("leaves the output as it was when the staging is discarded", async () => {
    const out = path.join(work, "discard", "dist");
    await writeFiles(out, { "index.html": "before" });
    const before = await snapshot(out);
    const staging = await startStaging(out, []);
    await writeFiles(staging.dir, { "index.html": "half-written" });
    await staging.discard();
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(path.dirname(out))).toEqual(["dist"]);
  });

  it("on an interrupt removes the staging folder at once, and a later commit refuses", async () => {
    const out = path.join(work, "abort", "dist");
    await writeFiles(out, { "index.html": "before" });
    const staging = await startStaging(out, []);
    await writeFiles(staging.dir, { "index.html": "half-written" });
    expect(abortPublishing()).toBeUndefined();
    expect(existsSync(staging.dir)).toBe(false);
    await expect(staging.commit()).rejects.toBeInstanceOf(UserError);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("before");
  });

  it("lets a swap already under way finish when interrupted, so the output is whole", async () => {
    const out = path.join(work, "abort-commit", "dist");
    await writeFiles(out, { "index.html": "before" });
    const staging = await startStaging(out, []);
    await writeFiles(staging.dir, { "index.html": "after" });
    const committing = staging.commit();
    const pending = abortPublishing();
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    await committing;
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("after");
  });

  it("after a crash between the two renames of a swap, puts the previous output back", async () => {
    const parent = path.join(work, "crash-mid-swap");
    const pid = deadPid();
    await writeFiles(path.join(parent, `.dist.old-${pid}-1`), { "index.html": "previous" });
    await writeFiles(path.join(parent, `.dist.staging-${pid}-1`), { "index.html": "never committed" });
    const staging = await startStaging(path.join(parent, "dist"), []);
    await staging.discard();
    expect(await readFile(path.join(parent, "dist", "index.html"), "utf8")).toBe("previous");
    expect(await readdir(parent)).toEqual(["dist"]);
  });

  it("removes the leftovers of a build that was killed, and not those of a build still running", async () => {
    const parent = path.join(work, "leftovers");
    const pid = deadPid();
    await writeFiles(parent, {
      "dist/index.html": "current",
      [`.dist.staging-${pid}-3/index.html`]: "killed",
      [`.dist.old-${pid}-2/index.html`]: "swapped out, not yet removed",
      [`.dist.staging-${process.pid}-999/index.html`]: "this process, still busy",
    });
    const staging = await startStaging(path.join(parent, "dist"), []);
    await staging.discard();
    expect((await readdir(parent)).sort()).toEqual([`.dist.staging-${process.pid}-999`, "dist"]);
    expect(await readFile(path.join(parent, "dist", "index.html"), "utf8")).toBe("current");
  });
});

describe("writeFileAtomic", () => {
  it("replaces a file whole and leaves no temporary file", async () => {
    const file = path.join(work, "atomic", "kwaliteit", "2025-12.json");
    await writeFileAtomic(file, "one");
    await writeFileAtomic(file, "two");
    expect(await readFile(file, "utf8")).toBe("two");
    expect(await readdir(path.dirname(file))).toEqual(["2025-12.json"]);
  });
});

describe("asWriteError", () => {
  it("turns a full disk anywhere in the chain of causes into a UserError naming the file", () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", path: "/x/dist/a.pdf" });
    const wrapped = Object.assign(new Error("Having trouble writing template"), { originalError: new Error("inner", { cause: enospc }) });
    const error = asWriteError(wrapped, "/x/dist");
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe("The disk is full (ENOSPC) while writing /x/dist/a.pdf. /x/dist was left as it was.");
    expect((error as UserError).hint).toContain("Free disk space");
  });

  it("names the file a copy was writing, not the one it read", () => {
    const error = asWriteError(Object.assign(new Error("copy"), { code: "EDQUOT", path: "/x/dist/a.css", dest: "/x/.dist.staging-1-1/a.css" }), "/x/dist");
    expect((error as UserError).message).toContain("(EDQUOT) while writing /x/.dist.staging-1-1/a.css");
  });

  it("says so when the output cannot be written, and leaves other errors alone", () => {
    expect((asWriteError(Object.assign(new Error("x"), { code: "EROFS" }), "/x/dist") as UserError).message).toBe("Cannot write (EROFS). /x/dist was left as it was.");
    const other = new TypeError("a bug");
    expect(asWriteError(other, "/x/dist")).toBe(other);
  });
});

describe("a build on a full disk", () => {
  it("stops with a clear UserError and leaves the previous output byte for byte", async () => {
    const out = path.join(work, "full-disk", "dist");
    const config = await fixtureConfig("mini", out);
    await build({ config, buildDate: "2026-01-10", pdf: false, log: recordingLog() });
    // Writes to /dev/full fail with ENOSPC: the kernel's own "disk full", for one file of the output.
    await rm(path.join(out, "index.html"));
    await symlink("/dev/full", path.join(out, "index.html"));
    expect((await lstat(path.join(out, "index.html"))).isSymbolicLink()).toBe(true);
    const before = await snapshot(out);
    const error = await build({ config, buildDate: "2026-01-10", pdf: false, log: recordingLog() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(`The disk is full (ENOSPC). ${out} was left as it was.`);
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(path.dirname(out))).toEqual(["dist"]);
    await mkdir(out, { recursive: true });
  });
});
