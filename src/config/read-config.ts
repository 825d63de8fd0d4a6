import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../user-error.ts";
import { normalizeDefinition, type ReportDefinition } from "../reports/definition.ts";
import { normalizeConfig, type Config } from "./normalize-config.ts";

export const CONFIG_FILE = "veiligheidsbeeld.config.json";

/**
 * Reads and validates the project config. `file` is the config file or the project folder holding
 * `veiligheidsbeeld.config.json`. Relative paths in it are taken from the file's folder.
 */
export async function readConfig(file: string): Promise<Config> {
  const resolved = path.extname(file) === ".json" ? path.resolve(file) : path.resolve(file, CONFIG_FILE);
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
  let spec: unknown;
  try {
    spec = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`${resolved}: not valid JSON (${(error as Error).message})`, {
      hint: "Check for a missing comma or quote near the position named.",
      exitCode: 2,
    });
  }
  const config = normalizeConfig(spec, path.dirname(resolved), path.basename(resolved));
  return withDefinitionFiles(config);
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
