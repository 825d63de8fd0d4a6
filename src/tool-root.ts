import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The tool's own folder (its package.json, src/, layouts/, data/): the nearest folder above this
 * module whose package.json is the tool's. Looked for rather than taken at a fixed depth, because
 * the same code runs from src/ (tests, tsx) and compiled into .compiled/<hash>/ (bin/veiligheidsbeeld.js).
 */
export const TOOL_ROOT = toolRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The tool's package.json. */
export const TOOL_PACKAGE = JSON.parse(readFileSync(path.join(TOOL_ROOT, "package.json"), "utf8")) as { name: string; version: string; bin: Record<string, string> };

function toolRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "veiligheidsbeeld") return dir;
    if (path.dirname(dir) === dir) throw new Error(`veiligheidsbeeld: no package.json of the tool above ${from}`);
  }
}
