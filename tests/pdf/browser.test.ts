import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, waitFor } from "../cli/run-cli.ts";
import { cleanup, ROOT, tempDir } from "../helpers.ts";

let work: string;
beforeAll(async () => {
  work = await tempDir("vb-browser-");
});
afterAll(() => cleanup(work));

/** Pids of live (not zombie) processes whose command line holds `needle`, read from /proc. */
async function processesWith(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const [cmdline, stat] = await Promise.all([readFile(`/proc/${name}/cmdline`, "utf8").catch(() => ""), readFile(`/proc/${name}/stat`, "utf8").catch(() => "")]);
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (cmdline.includes(needle) && state !== "Z" && state !== "") pids.push(Number(name));
  }
  return pids;
}

/** The Chromium profile folder of the browser a build process started (its direct child), once there is one. */
async function profileOf(buildPid: number): Promise<string | undefined> {
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== buildPid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, "utf8").catch(() => "");
    const profile = cmdline.split("\0").find((arg) => arg.startsWith("--user-data-dir="));
    if (profile) return profile;
  }
  return undefined;
}

describe("Chromium of a build that is stopped", () => {
  it.each([
    ["SIGTERM", "while it starts", false],
    ["SIGTERM", "while it prints", true],
    ["SIGINT", "while it prints", true],
  ] as const)("goes with the build on %s %s: no Chromium process (browser, zygotes, renderers) outlives the build's exit", async (signal, _when, printing) => {
    const mini = path.join(ROOT, "tests", "fixtures", "mini");
    const name = `${signal}-${printing ? "printing" : "starting"}`;
    const config = path.join(work, `${name}.config.json`);
    await writeFile(
      config,
      JSON.stringify({
        scope: { gemeenten: ["GM0335", "GM0589"] },
        paths: { exports: path.join(mini, "exports"), reference: path.join(ROOT, "data", "reference"), output: path.join(work, name) },
        reference: { basisteams: path.join(mini, "basisteams.csv") },
        buildDate: "2026-01-10",
        reports: [{ definition: "tabellenboek", periods: ["2025-12"] }],
      }),
    );
    const running = startCli(["build", "--config", config, "--no-cache"]);
    const pid = running.child.pid as number;
    let profile: string | undefined;
    await waitFor(async () => (profile = await profileOf(pid)) !== undefined, "the build to start Chromium");
    // Printing: the browser and its helpers (zygotes, renderers) are all up, several processes with this profile.
    if (printing) await waitFor(async () => (await processesWith(profile as string)).length >= 3, "Chromium's helper processes");
    running.child.kill(signal);
    expect(await running.exited).toBe(signal === "SIGINT" ? 130 : 143);
    // At once, not after a while: nothing is waited for between the exit and this look.
    expect(await processesWith(profile as string)).toEqual([]);
  }, 120_000);
});
