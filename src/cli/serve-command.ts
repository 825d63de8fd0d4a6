import type { Stats } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, LAYOUTS_DIR, type BuildOptions } from "../pipeline/build.ts";
import { systemEffects } from "../pipeline/effects.ts";
import type { BuildLog } from "../log.ts";
import { configFileOf, readConfig } from "../config/read-config.ts";
import { statOrUndefined } from "../output/file-hashes.ts";
import { UserError } from "../user-error.ts";
import { colours } from "./colours.ts";
import { areasOf, buildDateOf, COMMON_HELP, COMMON_OPTIONS, type CliIO, type Command, type OptionValues } from "./command.ts";
import { consoleLog } from "./console-log.ts";
import { exitSafelyOnSignals } from "./interrupt.ts";

export const serveCommand: Command = {
  name: "serve",
  summary: "build the HTML into a preview folder and serve it, rebuilding and reloading on every change",
  help: `veiligheidsbeeld serve — preview the reports while you edit commentary or layouts

Usage: veiligheidsbeeld serve [options]

Builds the reports (HTML only, no PDFs) into <cache>/serve, serves that folder with Eleventy's dev
server and watches the commentary folder (paths.commentary), the layouts, the exports, the
reference tables and the config. On a change it rebuilds the page data and the pages and the
browser reloads. The exports are read once; they are read again only when they or the reference
change. The output folder (dist/) is not touched. Stop with Ctrl-C.

Options:
  --config <file|folder>    project config (default: ./veiligheidsbeeld.config.json or .mjs)
  --port <n>                port to listen on (default 8080; the next free one when taken; 0: any)
  --report <kind>           preview only this report (repeatable; "all"; default: the config's)
  --period <edition>        edition: jjjj-mm, jjjj-H1, jjjj-Q3, jjjj, a week jjjj-wNN or a day jjjj-mm-dd (default: the config's periods)
  --area <code>             only this area (repeatable, or comma-separated)
  --build-date <jjjj-mm-dd> the date the reports are made on (default: config buildDate, else today)
${COMMON_HELP}

Exit codes: 0 stopped with Ctrl-C · 1 the first build failed (data errors) · 2 usage errors`,
  options: {
    ...COMMON_OPTIONS,
    config: { type: "string" },
    port: { type: "string" },
    report: { type: "string", multiple: true },
    period: { type: "string" },
    area: { type: "string", multiple: true },
    "build-date": { type: "string" },
  },
  positionals: 0,
  run: serve,
};

async function serve(values: OptionValues, _positionals: string[], io: CliIO): Promise<number> {
  const configFile = configFileOf(typeof values.config === "string" ? values.config : io.cwd);
  let config = await readConfig(configFile);
  const buildDate = buildDateOf(values["build-date"], config.buildDate, io);
  const port = portOf(values.port);
  const previewDir = path.join(config.paths.cache, "serve");
  const paint = colours(io.stdout, io.env);
  const memo = new Map<string, unknown>();
  const areas = areasOf(values.area);
  const options = (log: BuildLog): BuildOptions => ({
    config: { ...config, paths: { ...config.paths, output: previewDir } },
    buildDate,
    ...(Array.isArray(values.report) ? { reports: values.report.map(String) } : {}),
    ...(typeof values.period === "string" ? { period: values.period } : {}),
    ...(areas ? { areas } : {}),
    pdf: false,
    log,
    memo,
  });

  const first = await build(options(consoleLog(io.stderr, io.env)));
  // (Loaded here, not with the command line: every other command would pay for them.)
  const { default: EleventyDevServer } = await import("@11ty/eleventy-dev-server");
  const { watch } = await import("@11ty/chokidar-with-glob-support");
  const looked = new Map<string, string>();
  await allowLiveReload(previewDir, looked);
  const server = EleventyDevServer.getServer("veiligheidsbeeld", previewDir, {
    port,
    liveReload: true,
    domDiff: false,
    showVersion: false,
    messageOnStart: () => false,
    logger: { info: () => undefined, log: () => undefined, error: (message) => io.stderr.write(`${message}\n`) },
  });
  server.serve(port);
  await server.ready();

  const watched = [config.paths.commentary, config.paths.layouts ?? LAYOUTS_DIR, config.paths.exports, config.paths.reference, configFile];
  // A change to these means the exports must be read again (the memo holds them otherwise).
  const inputs = [config.paths.exports, config.paths.reference, configFile];
  const watcher = watch(watched, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 } });
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  io.stdout.write(`serving ${first.pages} pages at ${server.getServerUrl("localhost")}\n`);
  io.stdout.write(`watching ${watched.map((dir) => relative(io.cwd, dir)).join(", ")} — Ctrl-C to stop\n`);

  // The memo is filled now, in the background, from the caches the first build left: so that the
  // first edit is rebuilt as quickly as the next. Started on a preview that was up to date, the
  // first build read nothing; one that rendered every page left their data in the memo as rendered
  // (nationally 2 GB of heap, which slowed every rebuild's garbage collection), not as read back,
  // a page's sections then read only when it is rendered again.
  memo.clear();
  const warmStarted = Date.now();
  const warming = build({ ...options(silentLog()), warm: true, stopWhenUpToDate: false }).then(
    () => void io.stdout.write(`inputs read in ${((Date.now() - warmStarted) / 1000).toFixed(1)} s: a change is rebuilt from memory now\n`),
    // A problem is told by the rebuild that meets it.
    () => undefined,
  );
  const changed = new Set<string>();
  let busy = false;
  const rebuild = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    await warming;
    while (changed.size > 0) {
      const files = [...changed].sort();
      changed.clear();
      const started = Date.now();
      try {
        if (files.some((file) => inputs.some((input) => file === input || file.startsWith(`${input}${path.sep}`)))) {
          memo.clear();
          if (files.includes(configFile)) config = await readConfig(configFile);
        }
        // The browser reloads as soon as the new preview is in place, while the build still writes
        // its records for the next one (nationally a few tenths of a second).
        const reload = async (): Promise<number> => {
          await allowLiveReload(previewDir, looked);
          server.reload({ files: [] });
          return Date.now();
        };
        let reloaded: Promise<number> | undefined;
        const log = silentLog();
        const result = await build(options(log), { ...systemEffects(log), published: () => void (reloaded = reload()).catch(() => undefined) });
        const shown = await (reloaded ?? reload());
        io.stdout.write(`rebuilt ${result.pages} pages in ${((shown - started) / 1000).toFixed(1)} s after a change to ${files.map((file) => relative(io.cwd, file)).join(", ")}\n`);
      } catch (error) {
        const message = error instanceof UserError ? `${error.message}${error.hint ? `\n  ${error.hint}` : ""}` : String((error as Error)?.stack ?? error);
        io.stderr.write(`${paint.red("rebuild failed:")} ${message}\n  Still serving the last good build; fix the file and save it again.\n`);
      }
    }
    busy = false;
  };
  watcher.on("all", (_event: string, file: string) => {
    changed.add(path.resolve(file));
    void rebuild();
  });

  return new Promise<number>((resolve) => {
    exitSafelyOnSignals(io.stderr, "stopped serving.", async () => {
      await watcher.close();
      await server.close();
      resolve(0);
      return 0;
    });
  });
}

function portOf(value: unknown): number {
  if (value === undefined) return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(`--port "${String(value)}" is not a port number`, { hint: "Use a number from 1 to 65535, or 0 for any free port.", exitCode: 2 });
  }
  return port;
}

/**
 * The live-reload script talks to the dev server over a WebSocket, which a public site's
 * Content-Security-Policy of connect-src 'none' (sites built before connect-src 'self') forbids. Only in this preview, never in a build,
 * the policy allows connections to the page's own origin. `seen`: the files looked at before, by
 * what they were then (size, modification time, inode) — a rebuild keeps nearly all of them as they
 * were (nationally 1,800 pages, 100 MB), and only the ones it wrote are read.
 */
async function allowLiveReload(dir: string, seen: Map<string, string>): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith(".html")) continue;
    const file = path.join(dir, entry);
    const known = statOrUndefined(file);
    if (!known?.isFile() || seen.get(file) === versionOf(known)) continue;
    const html = await readFile(file, "utf8");
    if (html.includes("connect-src 'none'")) await writeFile(file, html.replace("connect-src 'none'", "connect-src 'self'"));
    const now = statOrUndefined(file);
    if (now) seen.set(file, versionOf(now));
  }
}

function versionOf(info: Stats): string {
  return `${info.size} ${info.mtimeMs} ${info.ino}`;
}

function silentLog(): BuildLog {
  return { step: () => undefined, info: () => undefined, warn: () => undefined, progress: () => undefined };
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === "" ? "." : rel.startsWith("..") ? file : rel;
}
