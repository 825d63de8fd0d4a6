// The tool compiled from its TypeScript (src/) into plain JavaScript, for bin/veiligheidsbeeld.js
// and the benchmark. Loading src/ through tsx costs about 0.8 s a command (each of some 250 modules
// is resolved and transformed through tsx's loader); the compiled tool, a few chunks that load the
// rest of a build only when it is needed, loads in about 0.2 s — a quarter of what a rebuild after
// one commentary change takes at regional scale.
//
// Compiled with esbuild (which tsx itself uses), bundling src/ and leaving the packages in
// node_modules as they are, into .compiled/<hash>/ (not tracked by git), the hash being one
// over the contents of src/, package.json, package-lock.json and this file: a changed source is
// compiled again (in about 0.3 s) the next time the command runs, and never served stale. Plain
// Node, no TypeScript: it runs before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// In the tool's own folder, not in node_modules: that may be shared (a link to another clone's),
// and the compiled code finds the tool's data and layouts from where it lies (src/tool-root.ts).
const CACHE = path.join(ROOT, ".compiled");

/** The entry points compiled, by the name of the file each becomes. */
const ENTRIES = {
  main: "src/cli/main.ts",
  build: "src/pipeline/build.ts",
  "read-config": "src/config/read-config.ts",
};

/** How many compiled versions are kept (the newest); older ones are removed after a compile. */
const KEEP = 3;

/**
 * The URLs of the compiled entry points (`main`, `build`, `read-config`), compiled first when src/
 * changed since. Throws when esbuild cannot compile (a syntax error): the caller then runs the
 * sources through tsx, whose message names the file and line.
 */
export async function compiledTool() {
  const dir = path.join(CACHE, sourceHash().slice(0, 16));
  if (!existsSync(path.join(dir, "complete"))) await compile(dir);
  return Object.fromEntries(Object.keys(ENTRIES).map((name) => [name, pathToFileURL(path.join(dir, `${name}.js`)).href]));
}

/** A hash over what the compiled tool is made from. */
function sourceHash() {
  const hash = createHash("sha256");
  const files = [
    ...readdirSync(path.join(ROOT, "src"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")),
    "package.json",
    "package-lock.json",
    "scripts/compile-tool.js",
  ].sort();
  for (const file of files) hash.update(`\u0000${file}\u0000`).update(readFileSync(path.join(ROOT, file)));
  return hash.digest("hex");
}

/**
 * Compiles into a folder of its own beside `dir` and renames it into place, so that two commands
 * compiling at once (tests in parallel) never see a half-written tool.
 */
async function compile(dir) {
  const { build } = await import("esbuild");
  const temporary = `${dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      outdir: temporary,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      packages: "external",
      // Names and lines stay readable in a stack trace; the chunks are loaded from disk, not sent anywhere.
      keepNames: true,
      sourcemap: true,
      sourcesContent: false,
      chunkNames: "chunks/[name]-[hash]",
      logLevel: "silent",
    });
    // The chunks are ES modules (said again here, whatever a folder above says).
    writeFileSync(path.join(temporary, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    writeFileSync(path.join(temporary, "complete"), "");
    try {
      renameSync(temporary, dir);
    } catch (error) {
      // Another command compiled the same sources meanwhile: theirs is as good.
      if (!existsSync(path.join(dir, "complete"))) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  prune();
}

/** Removes all but the newest KEEP compiled versions. */
function prune() {
  const versions = readdirSync(CACHE, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.includes(".tmp-") && existsSync(path.join(CACHE, entry.name, "complete")))
    .map((entry) => ({ dir: path.join(CACHE, entry.name), time: statSync(path.join(CACHE, entry.name, "complete")).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of versions.slice(KEEP)) rmSync(old.dir, { recursive: true, force: true });
}

// `node scripts/compile-tool.js`: compile now (npm's setup does, so that the first command need not).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(CACHE, { recursive: true });
  await compiledTool();
}
