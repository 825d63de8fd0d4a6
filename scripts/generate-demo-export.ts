/**
 * Generates the deterministic demo BVH export (see data/sample/README.md).
 *
 *   npm run demo-export -- [--out <dir>] [--gemeenten provincie:Utrecht|all] [--scale <n>] [--seed <n>] [--if-stale]
 *
 * --if-stale exits at once when the out dir's stamp says the export is already current.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { DEFAULT_OUT_DIR, generateDemoExport } from "./demo-export/demo-export.ts";
import { DEFAULT_DEMO_OPTIONS, type DemoOptions, type GemeenteSelection } from "./demo-export/demo-plan.ts";
import { demoExportIsCurrent, REPO_ROOT } from "./demo-export/generator-stamp.ts";

export { generateDemoExport, type DemoExportSummary } from "./demo-export/demo-export.ts";
export { demoExportIsCurrent } from "./demo-export/generator-stamp.ts";
export { DEFAULT_DEMO_OPTIONS, type DemoOptions } from "./demo-export/demo-plan.ts";

function parseSelection(text: string): GemeenteSelection {
  if (text === "all" || /^provincie:.+/.test(text)) return text as GemeenteSelection;
  throw new Error(`--gemeenten must be "all" or "provincie:<naam>", got "${text}"`);
}

function parseNumber(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be a positive ${integer ? "integer" : "number"}, got "${text}"`);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: resolve(REPO_ROOT, DEFAULT_OUT_DIR) },
      gemeenten: { type: "string", default: DEFAULT_DEMO_OPTIONS.gemeenten },
      scale: { type: "string", default: String(DEFAULT_DEMO_OPTIONS.scale) },
      seed: { type: "string", default: String(DEFAULT_DEMO_OPTIONS.seed) },
      "if-stale": { type: "boolean", default: false },
    },
  });
  const outDir = resolve(values.out);
  const options: DemoOptions = {
    gemeenten: parseSelection(values.gemeenten),
    scale: parseNumber("scale", values.scale, false),
    seed: parseNumber("seed", values.seed, true),
  };
  if (values["if-stale"] && demoExportIsCurrent(outDir, options)) {
    console.log(`demo export in ${outDir} is current`);
    return;
  }

  const started = performance.now();
  const summary = await generateDemoExport({
    ...options,
    outDir,
    onDelivery: (stats) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${stats.file} `);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const revisions = summary.deliveries.reduce((sum, d) => sum + d.revisions, 0);
  const soortChanges = summary.deliveries.reduce((sum, d) => sum + d.soortChanges, 0);
  const nl = (n: number) => n.toLocaleString("nl-NL");
  console.log(
    [
      `wrote ${summary.deliveries.length} deliveries for ${summary.gemeenten} gemeenten to ${outDir} in ${seconds} s`,
      `  registrations up to 2025-12: ${nl(summary.registrationsToLastRealMonth)}; January 2026: ${nl(summary.registrationsExtraMonth)}`,
      `  lines written: ${nl(summary.rowsWritten)}; revisions between deliveries: ${nl(revisions)} (${nl(soortChanges)} change soort)`,
      `  seasonality from national monthly figures ${summary.profileYears.join("–")}`,
    ].join("\n"),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
