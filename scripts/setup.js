#!/usr/bin/env node
// Runs before `npm start` and `npm test`: installs what is missing so that a fresh clone on a
// Debian machine with only Node 20 needs nothing else, and costs well under a second when all is
// present. Plain Node (no dependencies): it runs before node_modules exists.
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const APT_PACKAGES = ["chromium", "fonts-dejavu-core", "fonts-liberation", "poppler-utils"];

function main() {
  const [major] = process.versions.node.split(".").map(Number);
  if (major < 20) fail(`Node ${process.versions.node} is too old; Veiligheidsbeeld needs Node 20 or newer.`);
  ensureNodeModules();
  ensureSystemPackages();
  ensureCompiledTool();
  ensureDemoExport();
}

/** npm ci when node_modules is missing or was installed from another package-lock.json. */
function ensureNodeModules() {
  const lock = path.join(root, "package-lock.json");
  const stamp = path.join(root, "node_modules", ".veiligheidsbeeld-installed");
  const want = createHash("sha256").update(readFileSync(lock)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return;
  say("installing node modules (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
  writeFileSync(stamp, want);
}

/** Chromium (PDFs, browser tests), fonts and poppler-utils (PDF checks) from Debian's packages. */
function ensureSystemPackages() {
  const missing = [];
  if (!chromiumFound()) missing.push("chromium");
  if (!onPath("pdfinfo") || !onPath("pdftoppm") || !onPath("pdftotext")) missing.push("poppler-utils");
  const fonts = onPath("fc-list") ? spawnSync("fc-list", { encoding: "utf8" }).stdout : "";
  if (!/DejaVu Sans/.test(fonts)) missing.push("fonts-dejavu-core");
  if (!/Liberation/.test(fonts)) missing.push("fonts-liberation");
  if (missing.length === 0) return;
  const packages = [...new Set([...missing, ...APT_PACKAGES.filter((p) => missing.includes(p))])];
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  if (process.getuid?.() !== 0 || !onPath("apt-get")) {
    fail(`missing system packages: ${packages.join(", ")}.\nInstall them with:\n  sudo sh -c '${command}'\n(or set CHROMIUM_PATH to a Chromium/Chrome binary) and run the command again.`);
  }
  say(`installing ${packages.join(", ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], env);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], env);
}

/** The command as compiled from src/ (scripts/compile-tool.js; a few milliseconds when it is current). */
function ensureCompiledTool() {
  run(process.execPath, [path.join(root, "scripts", "compile-tool.js")]);
}

/** The demo export is generated (deterministically) rather than committed; regenerate when stale. */
function ensureDemoExport() {
  const generator = path.join(root, "scripts", "generate-demo-export.ts");
  if (!existsSync(generator)) return;
  run(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), generator, "--if-stale"]);
}

function chromiumFound() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].filter(Boolean);
  if (candidates.some(isExecutable)) return true;
  return ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].some(onPath);
}

function onPath(name) {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, name)));
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) fail(`\`${command} ${args.join(" ")}\` failed (exit ${result.status ?? result.signal}).`);
}

function say(message) {
  process.stderr.write(`setup: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`setup: ${message}\n`);
  process.exit(1);
}

main();
