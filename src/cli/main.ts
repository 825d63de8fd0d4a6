import { TOOL_PACKAGE } from "../tool-root.ts";
import { parseArgs } from "node:util";
import { UserError } from "../user-error.ts";
import { buildCommand } from "./build-command.ts";
import { deliverCommand } from "./deliver-command.ts";
import { colours } from "./colours.ts";
import { EXIT_CODES, type CliIO, type Command } from "./command.ts";
import { initCommand } from "./init-command.ts";
import { mergeCommand } from "./merge-command.ts";
import { serveCommand } from "./serve-command.ts";
import { validateCommand } from "./validate-command.ts";

const COMMANDS: readonly Command[] = [initCommand, validateCommand, buildCommand, deliverCommand, mergeCommand, serveCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `veiligheidsbeeld — periodic police safety reports from BVH exports

Usage: veiligheidsbeeld <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join("\n")}

Run \`veiligheidsbeeld <command> --help\` for the options of a command.

Options:
  --version    print the version
  --debug      show stack traces of unexpected errors
  -h, --help   this help

Environment: NO_COLOR=1 turns colour off; CHROMIUM_PATH names the Chromium to print PDFs with.

${EXIT_CODES}`;
}

/** The real process: its streams, environment, folder and clock. */
export const PROCESS_IO: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  today: () => new Date().toISOString().slice(0, 10),
};

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Only src/cli
 * prints and decides exit codes: 0 ok, 1 data errors, 2 usage errors.
 */
export async function main(argv: readonly string[], io: CliIO = PROCESS_IO): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      const topic = first === "help" ? rest[0] : undefined;
      const command = topic ? commandNamed(topic) : undefined;
      io.stdout.write(`${command ? command.help : overview()}\n`);
      return first === undefined ? 2 : 0;
    }
    if (first === "--version" || first === "-v") {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    if (first.startsWith("-")) {
      if (first === "--debug") return main(rest, io);
      throw new UserError(`Unknown option ${first}`, { hint: "Options come after the command: veiligheidsbeeld <command> [options]. Run `veiligheidsbeeld --help`.", exitCode: 2 });
    }
    const command = commandNamed(first);
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout.write(`${command.help}\n`);
      return 0;
    }
    if (positionals.length > command.positionals) {
      throw new UserError(`Unexpected argument "${positionals[command.positionals]}" for ${command.name}`, {
        hint: `Run \`veiligheidsbeeld ${command.name} --help\` for its usage.`,
        exitCode: 2,
      });
    }
    return await command.run(values, positionals, io);
  } catch (error) {
    return report(error, debug, io);
  }
}

function commandNamed(name: string): Command {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    throw new UserError(`Unknown command "${name}"`, { hint: `The commands are ${COMMANDS.map((c) => c.name).join(", ")}; run \`veiligheidsbeeld --help\`.`, exitCode: 2 });
  }
  return command;
}

function report(error: unknown, debug: boolean, io: CliIO): number {
  const paint = colours(io.stderr, io.env);
  if (error instanceof UserError) {
    io.stderr.write(`${paint.red("error:")} ${error.message}\n`);
    if (error.hint) io.stderr.write(`  ${error.hint}\n`);
    if (debug) io.stderr.write(`${stackOf(error.cause ?? error)}\n`);
    return error.exitCode;
  }
  if (isArgumentError(error)) {
    io.stderr.write(`${paint.red("error:")} ${(error as Error).message}\n  Run \`veiligheidsbeeld <command> --help\` for the options.\n`);
    return 2;
  }
  io.stderr.write(`${paint.red("unexpected error:")} ${error instanceof Error ? error.message : String(error)}\n`);
  io.stderr.write(debug ? `${stackOf(error)}\n` : "  This is a bug in veiligheidsbeeld. Run again with --debug for the stack trace and report it.\n");
  return 1;
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

function version(): string {
  return TOOL_PACKAGE.version;
}
