/**
 * Generates the demo BVH export: reads the real tables, plans, writes the monthly deliveries,
 * then the stamp. See data/sample/README.md for what is real, derived and illustrative.
 */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_DEMO_OPTIONS, type DemoOptions, planDemoExport, plannedRows } from "./demo-plan.ts";
import { generatorStamp, REPO_ROOT, STAMP_FILE } from "./generator-stamp.ts";
import { readDemoInputs } from "./read-demo-inputs.ts";
import { DELIVERY_FILE_PATTERN, type DeliveryStats, writeDeliveries } from "./write-deliveries.ts";

export interface GenerateDemoExportOptions extends Partial<DemoOptions> {
  /** Default `data/sample/exports` under `root`. */
  readonly outDir?: string;
  /** Repository root holding data/reference and data/realdata; default this repository. */
  readonly root?: string;
  readonly onDelivery?: (stats: DeliveryStats) => void;
}

export interface DemoExportSummary {
  readonly outDir: string;
  readonly options: DemoOptions;
  readonly gemeenten: number;
  readonly deliveries: readonly DeliveryStats[];
  /** Registrations with pleegdatum up to and including the last real month (2025-12). */
  readonly registrationsToLastRealMonth: number;
  /** Registrations of the extra month (2026-01). */
  readonly registrationsExtraMonth: number;
  /** Lines written over all files (registrations appear in two deliveries). */
  readonly rowsWritten: number;
  /** Years whose national monthly figures give the seasonality (2022–2023 for the shipped data). */
  readonly profileYears: readonly number[];
}

/** Default output folder, relative to the repository root. */
export const DEFAULT_OUT_DIR = "data/sample/exports";

/**
 * Writes the demo export into `outDir` (created if needed), replacing any earlier delivery
 * files there; other files are left alone. The stamp is removed first and written last, so an
 * interrupted run is seen as stale. Deterministic: same inputs and options, same bytes.
 */
export async function generateDemoExport(options: GenerateDemoExportOptions = {}): Promise<DemoExportSummary> {
  const root = options.root ?? REPO_ROOT;
  const outDir = options.outDir ?? join(root, DEFAULT_OUT_DIR);
  const demoOptions: DemoOptions = {
    gemeenten: options.gemeenten ?? DEFAULT_DEMO_OPTIONS.gemeenten,
    scale: options.scale ?? DEFAULT_DEMO_OPTIONS.scale,
    seed: options.seed ?? DEFAULT_DEMO_OPTIONS.seed,
  };

  const plan = planDemoExport(readDemoInputs(root), demoOptions);

  await mkdir(outDir, { recursive: true });
  await rm(join(outDir, STAMP_FILE), { force: true });
  for (const name of await readdir(outDir)) {
    if (DELIVERY_FILE_PATTERN.test(name) || name.endsWith(".csv.partial")) await rm(join(outDir, name));
  }
  const deliveries = await writeDeliveries(plan, outDir, options.onDelivery);
  await writeFile(join(outDir, STAMP_FILE), generatorStamp(demoOptions, root) + "\n");

  let registrationsToLastRealMonth = 0;
  let registrationsExtraMonth = 0;
  plan.gemeenten.forEach((_, g) =>
    plan.months.forEach((_, m) => {
      if (m <= plan.lastRealMonth) registrationsToLastRealMonth += plannedRows(plan, g, m);
      else registrationsExtraMonth += plannedRows(plan, g, m);
    }),
  );
  return {
    outDir,
    options: demoOptions,
    gemeenten: plan.gemeenten.length,
    deliveries,
    registrationsToLastRealMonth,
    registrationsExtraMonth,
    rowsWritten: deliveries.reduce((sum, d) => sum + d.rows, 0),
    profileYears: plan.profiles[0]?.years ?? [],
  };
}
