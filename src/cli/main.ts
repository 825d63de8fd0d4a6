import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { build } from "../build/build.ts";
import { readConfig } from "../config/read-config.ts";
import { UserError } from "../user-error.ts";
import { consoleLog } from "./console-log.ts";

const HELP = `veiligheidsbeeld — periodic police safety reports from BVH exports

Usage:
  veiligheidsbeeld build [options]     build the reports into the output folder (dist/)

Options:
  --config <file|folder>   project config (default: ./veiligheidsbeeld.config.json)
  --report <kind>          build only this report (repeatable; "all" for every report;
                           default: those in the config)
  --period <edition>       edition: jjjj-mm, jjjj-H1, jjjj-Q3 or jjjj (default: the periods in the config)
  --area <code>            only this area, e.g. GM0344 (repeatable)
  --build-date <jjjj-mm-dd> the date the reports are made on (default: config buildDate, else today)
  --no-pdf                 skip the PDFs
  --allow-incomplete       build even when a delivery looks missing or partial; the figures
                           of those months are marked onvolledig (°)
  --debug                  show stack traces of unexpected errors
  --help, --version

Exit codes: 0 ok, 1 data errors (bad or missing input), 2 usage errors (bad options or config).`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Only here do we print and exit. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: "string" },
        report: { type: "string", multiple: true },
        period: { type: "string" },
        area: { type: "string", multiple: true },
        "build-date": { type: "string" },
        "no-pdf": { type: "boolean" },
        "allow-incomplete": { type: "boolean" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
    if (values.version) {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const [command] = positionals;
    if (values.help || !command) {
      process.stdout.write(`${HELP}\n`);
      return command || values.help ? 0 : 2;
    }
    if (command !== "build") throw new UserError(`Unknown command "${command}"`, { hint: "Run `veiligheidsbeeld --help` for the commands.", exitCode: 2 });
    const config = await readConfig(values.config ?? process.cwd());
    const buildDate = values["build-date"] ?? config.buildDate ?? new Date().toISOString().slice(0, 10);
    const log = consoleLog();
    const started = Date.now();
    const result = await build({
      config,
      buildDate,
      ...(values.report ? { reports: values.report } : {}),
      ...(values.period ? { period: values.period } : {}),
      ...(values.area ? { areas: values.area.flatMap((area) => area.split(",")) } : {}),
      pdf: !values["no-pdf"],
      allowIncomplete: values["allow-incomplete"] ?? false,
      log,
    });
    log.step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.pages} pages, ${result.pdfs} PDFs in ${result.outDir}`);
    return 0;
  } catch (error) {
    return report(error, debug);
  }
}

function report(error: unknown, debug: boolean): number {
  if (error instanceof UserError) {
    process.stderr.write(`error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    if (debug && error.cause) process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  if (isArgumentError(error)) {
    process.stderr.write(`error: ${(error as Error).message}\n  Run \`veiligheidsbeeld --help\` for the options.\n`);
    return 2;
  }
  process.stderr.write(`unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write(debug && error instanceof Error ? `${error.stack}\n` : "  This is a bug in veiligheidsbeeld. Run again with --debug for the stack trace and report it.\n");
  return 1;
}

function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
