import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The layers of src, bottom to top. A file may import from its own layer or a lower one, never from a
// higher one, so each layer can be read and tested knowing only what is below it. "(root)" holds the
// files directly in src (user-error.ts, log.ts), which everything may use.
//
// config sits near the top although it is read first: it reads the project file that composes every
// part, so it imports the schemas of the parts (disclosure rules, report definitions, recipients).
// The parts below it declare the narrow settings they need and never import Config.
const LAYERS = [
  "(root)",
  "output",
  "reference",
  "model",
  "ingest",
  "commentary",
  "charts",
  "reports",
  "site",
  "pdf",
  "quality",
  "deliver",
  "config",
  "pipeline",
  "cli",
] as const;


/** One import that goes to a higher layer. */
interface Violation {
  file: string;
  imported: string;
  fromLayer: string;
  toLayer: string;
}

/** The layer of a path relative to src: its top-level folder, or "(root)" for a file in src itself. */
function layerOf(path: string): string {
  const parts = path.split("/");
  return parts.length === 1 ? "(root)" : parts[0]!;
}

/**
 * The imports in `files` (path relative to src → source text) that go to a higher layer than the
 * importing file's. Static imports, `import type`, `export … from`, `import("…")` and `import("…")`
 * types are all found (TypeScript's own scanner, so comments and strings are not mistaken for imports);
 * imports of packages and node: modules are not src and are skipped.
 */
function layerViolations(files: ReadonlyMap<string, string>): Violation[] {
  const rank = new Map<string, number>(LAYERS.map((layer, i) => [layer, i]));
  const violations: Violation[] = [];
  for (const [file, text] of files) {
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const imported = posix.normalize(posix.join(posix.dirname(file), fileName));
      if (imported.startsWith("../")) throw new Error(`${file}: import "${fileName}" leaves src`);
      const fromLayer = layerOf(file);
      const toLayer = layerOf(imported);
      if (rank.get(toLayer)! > rank.get(fromLayer)!) {
        violations.push({ file, imported: fileName, fromLayer, toLayer });
      }
    }
  }
  return violations;
}

/** Folders in src (and their files' layers) that are missing from LAYERS. */
function unlistedLayers(paths: Iterable<string>): string[] {
  const listed = new Set<string>(LAYERS);
  return [...new Set([...paths].map(layerOf))].filter((layer) => !listed.has(layer)).sort();
}

function describeViolation(v: Violation): string {
  return `src/${v.file} imports "${v.imported}": ${v.fromLayer} may not import from ${v.toLayer}, a higher layer`;
}

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src");

function readSources(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) readSources(path, out);
    else if (name.endsWith(".ts")) out.set(relative(SRC, path).split(sep).join("/"), readFileSync(path, "utf8"));
  }
  return out;
}

describe("layers of src", () => {
  const sources = readSources(SRC);

  it("lists every folder of src in the layer order", () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(unlistedLayers(folders.map((folder) => `${folder}/x.ts`))).toEqual([]);
  });

  it("has no file in src that imports from a higher layer", () => {
    expect(layerViolations(sources).map(describeViolation)).toEqual([]);
  });
});

describe("layerViolations", () => {
  it("reports an upward import with the file, the import and both layers", () => {
    const files = new Map([
      ["model/cube.ts", 'import { Reference } from "../reference/areas.ts";\nimport type { Page } from "../reports/page.ts";'],
      ["reference/areas.ts", 'export { x } from "./geometry.ts";'],
    ]);
    expect(layerViolations(files).map(describeViolation)).toEqual([
      'src/model/cube.ts imports "../reports/page.ts": model may not import from reports, a higher layer',
    ]);
  });

  it("finds export-from, dynamic and type-position imports, and ignores comments and packages", () => {
    const files = new Map([
      ["output/a.ts", [
        '// import { x } from "../cli/main.ts";',
        'import { readFile } from "node:fs/promises";',
        'export * from "../site/csv.ts";',
        'const m = await import("../pdf/browser.ts");',
        'let c: import("../config/read-config.ts").Config;',
        'import {',
        '  deliver,',
        '} from "../deliver/deliver.ts";',
        'import { UserError } from "../user-error.ts";',
      ].join("\n")],
    ]);
    expect(layerViolations(files).map((v) => v.toLayer)).toEqual(["site", "pdf", "config", "deliver"]);
  });

  it("names a folder that is not in the layer order", () => {
    expect(unlistedLayers(["model/cube.ts", "utils/x.ts", "user-error.ts"])).toEqual(["utils"]);
  });
});
