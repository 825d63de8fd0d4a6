import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "../user-error.ts";
import { normalizeDefinition, type ReportDefinition } from "../reports/definition.ts";
import { checkRecipients, normalizeConfig, type Config } from "./normalize-config.ts";

export const CONFIG_FILE = "veiligheidsbeeld.config.json";
/** The config as a JavaScript module (default export: the same object), for comments and computed values. */
export const CONFIG_MODULE = "veiligheidsbeeld.config.mjs";

/**
 * The config file meant by `file`: the file itself when it names a .json or .mjs file, else the
 * folder's veiligheidsbeeld.config.json, else its veiligheidsbeeld.config.mjs. Throws a usage
 * error when a folder holds both (which one counts would be a guess).
 */
export function configFileOf(file: string): string {
  const extension = path.extname(file);
  if (extension === ".json" || extension === ".mjs") return path.resolve(file);
  const json = path.resolve(file, CONFIG_FILE);
  const module = path.resolve(file, CONFIG_MODULE);
  if (existsSync(json) && existsSync(module)) {
    throw new UserError(`${path.resolve(file)} holds both ${CONFIG_FILE} and ${CONFIG_MODULE}`, {
      hint: "Keep one of them, or name the one to use with --config <file>.",
      exitCode: 2,
    });
  }
  return existsSync(module) ? module : json;
}

/**
 * Reads and validates the project config. `file` is the config file or the project folder holding
 * `veiligheidsbeeld.config.json` (or `.mjs`). Relative paths in it are taken from the file's folder.
 */
export async function readConfig(file: string): Promise<Config> {
  const resolved = configFileOf(file);
  const spec = resolved.endsWith(".mjs") ? await importConfig(resolved) : await readJsonConfig(resolved);
  const config = await withDefinitionFiles(normalizeConfig(spec, path.dirname(resolved), path.basename(resolved)));
  checkRecipients(config, path.basename(resolved));
  return config;
}

async function readJsonConfig(resolved: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolved, "utf8");
  } catch (error) {
    throw new UserError(`Cannot read the configuration ${resolved}`, {
      hint: "Run the command in a project folder (one with veiligheidsbeeld.config.json), pass --config <file>, or create a project with `veiligheidsbeeld init <folder>`.",
      exitCode: 2,
      cause: error,
    });
  }
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? NaN);
    const before = Number.isNaN(position) ? undefined : json.slice(0, position).split("\n");
    const where = before ? `:${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}` : "";
    throw new UserError(`${resolved}${where}: not valid JSON (${message})`, {
      hint: "Check for a missing comma or quote at the line and column named.",
      exitCode: 2,
    });
  }
}

async function importConfig(resolved: string): Promise<unknown> {
  if (!existsSync(resolved)) {
    throw new UserError(`Cannot read the configuration ${resolved}`, { hint: "Check the path given with --config.", exitCode: 2 });
  }
  try {
    const module = (await import(pathToFileURL(resolved).href)) as { default?: unknown };
    if (module.default === undefined) throw new Error("the module has no default export");
    return module.default;
  } catch (error) {
    throw new UserError(`${resolved}: ${(error as Error).message}`, {
      hint: "A .mjs config must `export default { … }` with the same keys as veiligheidsbeeld.config.json.",
      exitCode: 2,
      cause: error,
    });
  }
}

/**
 * Reads the report definitions named as JSON files under `reports` (a copy of a built-in one,
 * changed) and refers to them by their kind from then on.
 */
async function withDefinitionFiles(config: Config): Promise<Config> {
  const definitions: ReportDefinition[] = [];
  const reports = [];
  for (const report of config.reports) {
    if (!report.definition.endsWith(".json")) {
      reports.push(report);
      continue;
    }
    const file = path.resolve(config.root, report.definition);
    let spec: unknown;
    try {
      spec = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new UserError(`Cannot read the report definition ${file}: ${(error as Error).message}`, {
        hint: "Check the path under reports[].definition in the config (relative to the config file) and that the file is valid JSON.",
        exitCode: 2,
      });
    }
    const definition = normalizeDefinition(spec, path.relative(config.root, file));
    definitions.push(definition);
    reports.push({ ...report, definition: definition.kind });
  }
  return { ...config, reports, definitions };
}
