import { existsSync } from "node:fs";
import { chmod, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanup, ROOT, tempDir } from "../helpers.ts";
import { isAlive, runCli, snapshot, startCli, waitFor } from "./run-cli.ts";

/**
 * A build interrupted (Ctrl-C, SIGTERM), killed (a crash) or failing late (a broken Chromium)
 * leaves the previous output as it was. To interrupt it at a known point, the build gets a
 * "Chromium" that writes its pid to a marker file and then only sleeps: the build is then in its
 * last stage, with every page written into the staging folder.
 */
let work: string;
let config: string;
let dist: string;
let before: Record<string, string>;
let hangingChromium: string;
let failingChromium: string;

beforeAll(async () => {
  work = await tempDir("vb-interrupt-");
  dist = path.join(work, "dist");
  config = path.join(work, "veiligheidsbeeld.config.json");
  const mini = path.join(ROOT, "tests", "fixtures", "mini");
  await writeFile(
    config,
    JSON.stringify({
      title: "Test",
      organisation: "Test",
      scope: { gemeenten: ["GM0335", "GM0589"] },
      paths: { exports: path.join(mini, "exports"), reference: path.join(ROOT, "data", "reference"), output: dist },
      reference: { basisteams: path.join(mini, "basisteams.csv") },
      buildDate: "2026-01-10",
      reports: [{ definition: "tabellenboek", periods: ["2025-12"] }],
    }),
  );
  hangingChromium = path.join(work, "hanging-chromium.sh");
  await writeFile(hangingChromium, '#!/bin/sh\necho "$$ $*" > "$VB_TEST_MARKER"\nexec sleep 300\n');
  failingChromium = path.join(work, "failing-chromium.sh");
  await writeFile(failingChromium, "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n");
  await chmod(hangingChromium, 0o755);
  await chmod(failingChromium, 0o755);
  const first = await runCli(["build", "--config", config, "--no-pdf"]);
  expect(first.code).toBe(0);
  before = await snapshot(dist);
});
afterAll(() => cleanup(work));

/** Starts a build that stops in its PDF stage; resolves when it is there, with the fake Chromium's pid. */
async function buildUntilPdfStage(marker: string) {
  const running = startCli(["build", "--config", config], { env: { CHROMIUM_PATH: hangingChromium, VB_TEST_MARKER: marker } });
  await waitFor(async () => existsSync(marker) && (await readFile(marker, "utf8")).trim() !== "", "the build to start Chromium");
  const [pid, ...args] = (await readFile(marker, "utf8")).trim().split(" ");
  const profile = args.find((arg) => arg.startsWith("--user-data-dir="))?.slice("--user-data-dir=".length) ?? "";
  expect(existsSync(profile)).toBe(true);
  expect((await readdir(work)).filter((name) => name.startsWith(".dist.staging-"))).toHaveLength(1);
  return { running, chromium: Number(pid), profile };
}

describe("an interrupted build", () => {
  it.each([
    ["SIGINT", 130, "interrupted"],
    ["SIGTERM", 143, "terminated"],
  ] as const)("on %s removes its staging folder and Chromium's profile, stops Chromium, exits %i and leaves dist/ as it was", async (signal, code, word) => {
    const { running, chromium, profile } = await buildUntilPdfStage(path.join(work, `${signal}.pid`));
    running.child.kill(signal);
    expect(await running.exited).toBe(code);
    expect(running.stderr()).toContain(`${word}: ${dist} was left as it was.`);
    expect(await snapshot(dist)).toEqual(before);
    expect((await readdir(work)).filter((name) => name.startsWith(".dist."))).toEqual([]);
    expect(existsSync(profile)).toBe(false);
    await waitFor(() => !isAlive(chromium), "Chromium to be stopped");
  });

  it("on SIGTERM during disclosure control stops in the solver, not after it", async () => {
    // The demo's public halfjaarcijfers: the second half year's suppression runs for a second or
    // more after the first half year's line. The solver gives the event loop a turn every 100 ms,
    // so the signal stops the build before the second half year is done; a solver that never
    // yields would finish it (and print its line) first.
    const output = path.join(work, "disclosure-dist");
    const demo = path.join(work, "disclosure.config.json");
    await writeFile(
      demo,
      JSON.stringify({
        title: "Test",
        organisation: "Test",
        scope: { provincie: "Utrecht" },
        paths: { exports: path.join(ROOT, "data", "sample", "exports"), reference: path.join(ROOT, "data", "reference"), realdata: path.join(ROOT, "data", "realdata"), output },
        reference: { basisteamsIllustrative: true },
        voorlopig: [2024, 2025, 2026],
        buildDate: "2026-02-10",
        reports: [{ definition: "halfjaarcijfers", periods: ["2025-H1", "2025-H2"] }],
      }),
    );
    const running = startCli(["build", "--config", demo]);
    await waitFor(() => /disclosure halfjaarcijfers 2025-h1: \d+ counts/.test(running.stdout() + running.stderr()), "the first half year's disclosure control to finish");
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(143);
    expect(running.stdout() + running.stderr()).not.toMatch(/disclosure halfjaarcijfers 2025-h2: \d+ counts/);
    expect(running.stderr()).toContain("terminated:");
    expect(existsSync(output)).toBe(false);
  });

  it("killed outright (a crash) leaves dist/ as it was, and the next build clears what it left behind", async () => {
    const { running, chromium, profile } = await buildUntilPdfStage(path.join(work, "SIGKILL.pid"));
    running.child.kill("SIGKILL");
    await running.exited;
    expect(await snapshot(dist)).toEqual(before);
    expect((await readdir(work)).filter((name) => name.startsWith(".dist.staging-"))).toHaveLength(1);
    // Nothing stops the fake Chromium of a killed build; the test started it, so the test stops it.
    process.kill(chromium, "SIGKILL");
    await rm(profile, { recursive: true, force: true });
    const next = await runCli(["build", "--config", config, "--no-pdf"]);
    expect(next.code).toBe(0);
    expect((await readdir(work)).filter((name) => name.startsWith(".dist."))).toEqual([]);
    expect(await snapshot(dist)).toEqual(before);
  });

  it("whose Chromium does not start stops with a clear message and leaves dist/ as it was", async () => {
    const result = await runCli(["build", "--config", config], { env: { CHROMIUM_PATH: failingChromium } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: Chromium (${failingChromium}) did not start`);
    expect(result.stderr).not.toContain("unexpected");
    expect(await snapshot(dist)).toEqual(before);
    expect((await readdir(work)).filter((name) => name.startsWith(".dist."))).toEqual([]);
  });
});
