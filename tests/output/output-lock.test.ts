import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { lockFileOf, lockOutput } from "../../src/output/output-lock.ts";
import { main } from "../../src/cli/main.ts";
import { UserError } from "../../src/user-error.ts";
import { fakeIO } from "../cli/fake-io.ts";
import { cleanup, fixtureConfig, ROOT, tempDir, writeFiles } from "../helpers.ts";

let work: string;

beforeAll(async () => {
  work = await tempDir("vb-lock-");
});
afterAll(() => cleanup(work));

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("lockOutput", () => {
  it("makes a second taker wait for a live holder, naming its pid, and go on once it is gone", async () => {
    const out = path.join(work, "wait", "dist");
    await writeFiles(path.dirname(out), { "keep.txt": "" });
    // A live process holds the lock (as another build would), and exits when its stdin closes.
    const holder = spawn(process.execPath, ["-e", "process.stdin.resume(); process.stdin.on('end', () => process.exit(0))"], { stdio: ["pipe", "ignore", "ignore"] });
    await writeFile(lockFileOf(out), `${holder.pid}\n`);
    const messages: string[] = [];
    let acquired = false;
    const taking = lockOutput(out, { onWait: (message) => messages.push(message), pollMs: 20 }).then((lock) => ((acquired = true), lock));
    // Wait (by events, not by the clock) until the taker has said that it waits.
    while (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(acquired).toBe(false);
    expect(messages[0]).toContain(`process ${holder.pid}`);
    const exited = new Promise((resolve) => holder.on("exit", resolve));
    holder.stdin?.end();
    await exited;
    const lock = await taking;
    expect((await readFile(lockFileOf(out), "utf8")).trim()).toBe(String(process.pid));
    await lock.release();
    expect(existsSync(lockFileOf(out))).toBe(false);
  });

  it("takes over the lock of a process that is gone, at once", async () => {
    const out = path.join(work, "stale", "dist");
    await writeFiles(path.dirname(out), { [path.basename(lockFileOf(out))]: `${deadPid()}\n` });
    const messages: string[] = [];
    const lock = await lockOutput(out, { onWait: (message) => messages.push(message) });
    expect(messages).toEqual([]);
    expect((await readFile(lockFileOf(out), "utf8")).trim()).toBe(String(process.pid));
    await lock.release();
    expect((await readdir(path.dirname(out))).sort()).toEqual([]);
  });

  it("takes over a lock file that holds no pid (not one this tool wrote whole)", async () => {
    const out = path.join(work, "garbage", "dist");
    await writeFiles(path.dirname(out), { [path.basename(lockFileOf(out))]: "" });
    const lock = await lockOutput(out);
    expect((await readFile(lockFileOf(out), "utf8")).trim()).toBe(String(process.pid));
    await lock.release();
    expect(await readdir(path.dirname(out))).toEqual([]);
  });
});

describe("two builds into one output folder", () => {
  it("take turns, so that neither loses the edition of the other (build --period 2025-11 & build --period 2025-12 --no-cache)", async () => {
    const out = path.join(work, "two", "dist");
    const config = await fixtureConfig("mini", out);
    const november = build({ config, buildDate: "2026-01-10", period: "2025-11", pdf: false, log: recordingLog() });
    const december = build({ config, buildDate: "2026-01-10", period: "2025-12", pdf: false, cache: false, log: recordingLog() });
    await Promise.all([november, december]);
    expect(existsSync(path.join(out, "tabellenboek", "2025-11", "gm0589-oudewater.html"))).toBe(true);
    expect(existsSync(path.join(out, "tabellenboek", "2025-12", "gm0589-oudewater.html"))).toBe(true);
    expect(existsSync(lockFileOf(out))).toBe(false);
  });
});

describe("a half-swapped output (a crash between the two renames of a swap)", () => {
  /** The state a build killed mid-swap leaves: no dist/, the previous output as .dist.old-…, a staging folder. */
  async function halfSwapped(name: string): Promise<string> {
    const dir = path.join(work, name);
    const pid = deadPid();
    await writeFiles(dir, {
      [`.dist.old-${pid}-2/tabellenboek/2025-11/a.html`]: "november",
      [`.dist.old-${pid}-2/tabellenboek/2025-12/a.html`]: "december",
      [`.dist.staging-${pid}-1/tabellenboek/2025-12/a.html`]: "new december, never swapped in",
    });
    const mini = path.join(ROOT, "tests", "fixtures", "mini");
    await writeFile(
      path.join(dir, "veiligheidsbeeld.config.json"),
      JSON.stringify({
        scope: { gemeenten: ["GM0335", "GM0589"] },
        paths: { exports: path.join(mini, "exports"), reference: path.join(ROOT, "data", "reference"), output: "dist", cache: ".cache" },
        reference: { basisteams: path.join(mini, "basisteams.csv") },
        buildDate: "2026-01-10",
      }),
    );
    return dir;
  }

  it("is put back by validate before it writes the quality report, so that the next build keeps the earlier editions", async () => {
    const dir = await halfSwapped("validate");
    const io = fakeIO({ cwd: dir });
    expect(await main(["validate"], io)).toBe(0);
    expect(await readFile(path.join(dir, "dist", "tabellenboek", "2025-11", "a.html"), "utf8")).toBe("november");
    expect(existsSync(path.join(dir, "dist", "kwaliteit", "2025-12.html"))).toBe(true);
    expect((await readdir(dir)).filter((name) => name.startsWith(".dist."))).toEqual([]);
  });
});

describe("an output path that is a file", () => {
  it("stops build and validate with a UserError naming the path and what to do, not an unexpected ENOTDIR", async () => {
    const dir = path.join(work, "file-output");
    await writeFiles(dir, { "notes.txt": "my notes\n" });
    const config = await fixtureConfig("mini", path.join(dir, "notes.txt"));
    const error = await build({ config, buildDate: "2026-01-10", pdf: false, log: recordingLog() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`${path.join(dir, "notes.txt")} is a file, not a folder`);
    expect((error as UserError).hint).toMatch(/paths\.output/);
    const under = await fixtureConfig("mini", path.join(dir, "notes.txt", "dist"));
    const nested = await build({ config: under, buildDate: "2026-01-10", pdf: false, log: recordingLog() }).catch((caught: unknown) => caught);
    expect(nested).toBeInstanceOf(UserError);
    expect((nested as UserError).message).toContain(`lies under ${path.join(dir, "notes.txt")}, which is a file`);
    expect(await readFile(path.join(dir, "notes.txt"), "utf8")).toBe("my notes\n");
  });
});
