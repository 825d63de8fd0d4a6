import type { ParseArgsConfig } from "node:util";
import { UserError } from "../user-error.ts";

/** Where a command prints, what it sees of the environment. Tests hand in their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Today as "jjjj-mm-dd": the default build date. */
  today(): string;
  /** The moment now (when a delivery is recorded); the clock when absent. */
  now?(): Date;
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One subcommand: its help text, its options and what it does. Returns the exit code. */
export interface Command {
  name: string;
  /** One line for the overview of `veiligheidsbeeld --help`. */
  summary: string;
  /** The full text of `veiligheidsbeeld <name> --help`. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Positional arguments the command takes (more is a usage error). */
  positionals: number;
  run(values: OptionValues, positionals: string[], io: CliIO): Promise<number>;
}

/** Options every command has. */
export const COMMON_OPTIONS = {
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export const COMMON_HELP = `  --debug                   show stack traces of unexpected errors
  -h, --help                this help`;

export const EXIT_CODES = `Exit codes: 0 ok · 1 data errors (bad or missing input; the message names file and line)
            2 usage errors (bad options or config) · 130 interrupted (Ctrl-C), 143 terminated`;

/** The build date: --build-date, else the config's buildDate, else today. Checked as a real date. */
export function buildDateOf(option: unknown, configured: string | undefined, io: CliIO): string {
  const value = typeof option === "string" ? option : (configured ?? io.today());
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new UserError(`Build date "${value}" is not a date`, { hint: "Use jjjj-mm-dd, e.g. --build-date 2026-01-15.", exitCode: 2 });
  }
  return value;
}

/** Several --area values, each possibly a comma-separated list. */
export function areasOf(option: unknown): string[] | undefined {
  if (!Array.isArray(option)) return undefined;
  return option.flatMap((value) => String(value).split(",")).map((code) => code.trim()).filter(Boolean);
}
