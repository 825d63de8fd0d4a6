import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { cleanup, ROOT, tempDir } from "../helpers.ts";
import { fakeIO } from "./fake-io.ts";
import { runCli } from "./run-cli.ts";

let work: string;

beforeAll(async () => {
  work = await tempDir("vb-cli-");
});
afterAll(() => cleanup(work));

describe("veiligheidsbeeld (the command line)", () => {
  it("lists the commands, the options and the exit codes with --help, and exits 0", async () => {
    const io = fakeIO();
    expect(await main(["--help"], io)).toBe(0);
    for (const command of ["init", "validate", "build", "serve"]) expect(io.stdout.text).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(io.stdout.text).toContain("Exit codes: 0 ok · 1 data errors");
    expect(io.stdout.text).toContain("2 usage errors");
    expect(io.stdout.text).toContain("NO_COLOR");
  });

  it("prints the help and exits 2 (usage) without a command", async () => {
    const io = fakeIO();
    expect(await main([], io)).toBe(2);
    expect(io.stdout.text).toContain("Usage: veiligheidsbeeld <command> [options]");
  });

  it("prints the version of package.json with --version", async () => {
    const io = fakeIO();
    expect(await main(["--version"], io)).toBe(0);
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(io.stdout.text).toBe(`${pkg.version}\n`);
  });

  it.each(["init", "validate", "build", "serve"])("has --help for %s, with its options and exit codes", async (command) => {
    const io = fakeIO();
    expect(await main([command, "--help"], io)).toBe(0);
    expect(io.stdout.text).toContain(`Usage: veiligheidsbeeld ${command}`);
    expect(io.stdout.text).toContain("--debug");
    expect(io.stdout.text).toContain("Exit codes:");
    const viaHelp = fakeIO();
    await main(["help", command], viaHelp);
    expect(viaHelp.stdout.text).toBe(io.stdout.text);
  });

  it.each([
    [["frobnicate"], 'error: Unknown command "frobnicate"'],
    [["build", "--colour"], "error: Unknown option '--colour'"],
    [["build", "extra"], 'error: Unexpected argument "extra" for build'],
    [["build", "--build-date", "2026-02-30", "--config", "tests/fixtures/mini"], 'error: Build date "2026-02-30" is not a date'],
    [["serve", "--port", "http", "--config", "tests/fixtures/mini"], 'error: --port "http" is not a port number'],
    [["init"], "error: Name the folder to create"],
    [["validate", "--config", "does/not/exist"], "error: Cannot read the configuration"],
  ])("exits 2 with a message on a usage error: %j", async (argv, message) => {
    const io = fakeIO();
    expect(await main(argv, io)).toBe(2);
    expect(io.stderr.text).toContain(message);
    expect(io.stderr.text).not.toMatch(/\n\s+at /);
  });

  it("names the key, the bad value and what is allowed for a bad config, and exits 2", async () => {
    const config = path.join(work, "bad.config.json");
    await writeFile(config, JSON.stringify({ comparison: { alpha: 2 }, ingest: { maxRejectedShare: "veel" }, colums: {} }));
    const io = fakeIO();
    expect(await main(["validate", "--config", config], io)).toBe(2);
    expect(io.stderr.text).toContain('bad.config.json: (top level): unknown key "colums" — check the spelling');
    expect(io.stderr.text).toContain("bad.config.json: comparison.alpha: 2 is not allowed — Too big: expected number to be <1");
    expect(io.stderr.text).toContain('bad.config.json: ingest.maxRejectedShare: "veel" is not allowed — expected number, received string');
  });

  it("colours only a terminal, and not even that with NO_COLOR", async () => {
    const tty = fakeIO({ tty: true });
    await main(["frobnicate"], tty);
    expect(tty.stderr.text).toContain("\u001b[31merror:\u001b[0m");
    const noColor = fakeIO({ tty: true, env: { NO_COLOR: "1" } });
    await main(["frobnicate"], noColor);
    expect(noColor.stderr.text).toMatch(/^error: /);
    const pipe = fakeIO();
    await main(["frobnicate"], pipe);
    expect(pipe.stderr.text).not.toContain("\u001b[");
  });

  it("reports a data error with exit code 1 and no stack trace, and shows the stack with --debug", async () => {
    const config = path.join(work, "no-exports.config.json");
    await writeFile(config, JSON.stringify({ paths: { exports: path.join(work, "nothing-here"), reference: path.join(ROOT, "data", "reference") } }));
    const io = fakeIO();
    expect(await main(["validate", "--config", config], io)).toBe(1);
    expect(io.stderr.text).toContain(`error: Cannot read the exports folder ${path.join(work, "nothing-here")}`);
    expect(io.stderr.text).not.toMatch(/\n\s+at /);
    const debug = fakeIO();
    expect(await main(["validate", "--config", config, "--debug"], debug)).toBe(1);
    expect(debug.stderr.text).toMatch(/ENOENT[\s\S]*\n\s+at /);
  });

  it("calls anything else a bug, points at --debug, and shows its stack with --debug", async () => {
    // A config module whose value throws when read: an error no check of ours expects.
    const config = path.join(work, "veiligheidsbeeld.config.mjs");
    await writeFile(config, 'export default { get title() { throw new TypeError("boom in a getter"); } };\n');
    const io = fakeIO();
    expect(await main(["validate", "--config", config], io)).toBe(1);
    expect(io.stderr.text).toBe("unexpected error: boom in a getter\n  This is a bug in veiligheidsbeeld. Run again with --debug for the stack trace and report it.\n");
    const debug = fakeIO();
    expect(await main(["validate", "--config", config, "--debug"], debug)).toBe(1);
    expect(debug.stderr.text).toMatch(/^unexpected error: boom in a getter\nTypeError: boom in a getter\n\s+at .*get title.*veiligheidsbeeld\.config\.mjs/);
  });

  it("runs as a real process: `node bin/veiligheidsbeeld.js --version` prints the version and exits 0", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
