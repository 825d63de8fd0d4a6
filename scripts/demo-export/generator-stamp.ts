/**
 * The stamp that tells whether a generated demo export is still what the generator would write:
 * a hash of the generator's own source, its input tables and its options. Written last into the
 * out dir as `.generator-stamp` (not a .csv, so the tool's ingest ignores it).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DEMO_OPTIONS, type DemoOptions } from "./demo-plan.ts";
import { DEMO_INPUT_FILES } from "./read-demo-inputs.ts";

export const STAMP_FILE = ".generator-stamp";

/** The repository root, two levels above this file. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Source files of the generator, relative to `root`, sorted. */
function generatorSources(root: string): string[] {
  const dir = "scripts/demo-export";
  const modules = readdirSync(join(root, dir))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => `${dir}/${name}`);
  return ["scripts/generate-demo-export.ts", ...modules].sort();
}

/** The stamp for generating from `root` with `options`: a sha256 hex string. */
export function generatorStamp(options: DemoOptions, root: string = REPO_ROOT): string {
  const hash = createHash("sha256");
  // Key order fixed by hand so the stamp does not depend on how the options object was built.
  hash.update(JSON.stringify([options.gemeenten, options.scale, options.seed]));
  for (const file of [...generatorSources(root), ...DEMO_INPUT_FILES]) {
    hash.update(`\u0000${file}\u0000`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest("hex");
}

/**
 * Whether `outDir` holds a complete demo export written by this generator, from these inputs,
 * with `options`. False when the stamp is missing (never generated, or interrupted) or differs.
 */
export function demoExportIsCurrent(
  outDir: string,
  options: DemoOptions = DEFAULT_DEMO_OPTIONS,
  root: string = REPO_ROOT,
): boolean {
  const path = join(outDir, STAMP_FILE);
  if (!existsSync(path)) return false;
  return readFileSync(path, "utf8").trim() === generatorStamp(options, root);
}
