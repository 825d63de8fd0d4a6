import path from "node:path";
import type { Config } from "../config/normalize-config.ts";
import type { IngestReport } from "../ingest/ingest.ts";
import type { CompletenessFinding } from "../model/completeness.ts";
import type { QualityReport } from "../quality/quality-report.ts";
import { SITE_LAYOUTS_DIR } from "../site/site-environment.ts";
import type { BuiltPackage } from "../deliver/delivery-files.ts";
import type { EditionDisclosure } from "./disclose.ts";
import { systemEffects, type BuildEffects } from "./effects.ts";
import { teeLog, type BuildLog } from "../log.ts";
import { TOOL_PACKAGE } from "../tool-root.ts";
import { FileHashes, type HashOf } from "../output/file-hashes.ts";
import { openOutput } from "../output/output-lock.ts";
import { keyOf } from "./model-cache.ts";
import { folderHash } from "./page-cache.ts";
import { planEditions, type PlannedEdition } from "./plan.ts";
import { configHash } from "./provision.ts";
import { asWriteError, recoverCrashedBuilds } from "../output/staging.ts";
import type { Shard } from "./shard.ts";
import { disclose, type Disclosed } from "./stages/disclose.ts";
import { writeDownloadFiles } from "./stages/downloads.ts";
import { ingestAndCheck } from "./stages/ingest-and-check.ts";
import { modelPages, type Modelled } from "./stages/model.ts";
import { sitePages } from "./stages/page-data.ts";
import { printPages } from "./stages/print.ts";
import { publish, stageOutput } from "./stages/publish.ts";
import { listInputs, readInputs, type ListedInputs } from "./stages/read-inputs.ts";
import { loadRenderer, renderPages } from "./stages/render.ts";
import { toolFingerprint } from "./tool-fingerprint.ts";
import { lastBuildIfCurrent, recordBuild } from "./up-to-date.ts";

/** The tool's version, recorded with every build. */
const TOOL_VERSION = TOOL_PACKAGE.version;

/** The folder with the Nunjucks layouts that ship with the tool. */
export const LAYOUTS_DIR = SITE_LAYOUTS_DIR;

export interface BuildOptions {
  config: Config;
  /** The build date, "jjjj-mm-dd": "today" for the reports. */
  buildDate: string;
  /** Report kinds to build ("all": every configured and built-in one); those in the config when absent. */
  reports?: readonly string[];
  /** Edition ("jjjj-mm", "jjjj-H1", …) for every report built; each report's configured periods when absent. */
  period?: string;
  /** Only these area codes. */
  areas?: readonly string[];
  /** Make PDFs (default true). */
  pdf?: boolean;
  /**
   * Build only a deterministic share of the areas (`--shard 2/4`), for parallel jobs that share a
   * build: see src/pipeline/shard.ts and mergeShards. Shard 1 also writes the pages that are not per area.
   */
  shard?: Shard;
  /**
   * Reuse the ingested cube and unchanged pages and PDFs of earlier builds, kept under
   * `paths.cache` (default true). The output is the same either way.
   */
  cache?: boolean;
  /**
   * Build even when a delivery looks missing or partial (`--allow-incomplete`): the figures that
   * include those months are marked onvolledig. Without it such a build stops (default false).
   */
  allowIncomplete?: boolean;
  log: BuildLog;
  /**
   * Keeps the reference and the ingested exports between builds of one process (`serve` rebuilds
   * on every change of a layout or commentary file; reading the exports again would take seconds).
   */
  memo?: Map<string, unknown>;
  /**
   * Fill `memo` for the rebuilds to come (`serve`): one page of each edition with commentary is
   * computed for the counts it sums, also when the edition is read back. The output is the same.
   */
  warm?: boolean;
  /** Stop when nothing changed since the last build (default true; `serve` warming up on a preview that is up to date runs through). */
  stopWhenUpToDate?: boolean;
}

export interface BuildResult {
  outDir: string;
  pages: number;
  pdfs: number;
  editions: { kind: string; edition: string }[];
  ingest: IngestReport[];
  /** Missing or partial deliveries accepted with `allowIncomplete`. */
  incomplete: CompletenessFinding[];
  quality: QualityReport;
  /** Disclosure control of each public edition. */
  disclosure: EditionDisclosure[];
  /** The data packages written for recipients (src/deliver), in leveringen/ of the output. */
  packages: BuiltPackage[];
}

/**
 * Builds the requested editions into the output folder, in stages that each hand their result to
 * the next (docs/architecture.md):
 *
 *   plan → read inputs → (up to date? done) → ingest and check → model → disclose → page data
 *   → stage → render → downloads → print → publish
 *
 * Everything up to the page data is computed in memory; the output stages write into a staging
 * folder beside the output, swapped in only when all of them succeeded. Each edition is built
 * from the deliveries up to and including its month; one pass over the files keeps the state at
 * every month an edition (or its predecessor) needs. The effects (log, clock, browser) are handed
 * in; by default the real ones, with `options.log`.
 */
export async function build(options: BuildOptions, effects: BuildEffects = systemEffects(options.log)): Promise<BuildResult> {
  // Before anything reads the output or its cache: one build at a time per output folder, and an
  // output a crash left half-swapped put back.
  const lock = await openOutput(options.config.paths.output, { onWait: (message) => effects.log.step(message) });
  try {
    return await buildLocked(options, effects);
  } finally {
    // A Chromium started for PDFs that a failure kept from printing.
    await effects.browser.close?.();
    await lock.release();
  }
}

async function buildLocked(options: BuildOptions, outer: BuildEffects): Promise<BuildResult> {
  const { config, buildDate } = options;
  // Warnings are kept with the build's record, to be told again when nothing changed since.
  const warnings: string[] = [];
  const effects: BuildEffects = { ...outer, log: teeLog(outer.log, (level, message) => {
    if (level === "warn") warnings.push(message);
  }) };
  const { log } = effects;
  const cache = options.cache !== false;
  const pdf = options.pdf !== false;
  const layoutsDir = config.paths.layouts ?? LAYOUTS_DIR;
  const outDir = config.paths.output;

  // The SHA-256 of the files (inputs, output) as earlier builds took them, while the files are unchanged.
  const hashes = cache ? await FileHashes.open(path.join(config.paths.cache, "hashes", `${keyOf(path.resolve(outDir)).slice(0, 16)}.json`)) : undefined;
  const hashOf = hashes?.hash;

  const requested = planEditions(options);
  const listed = await listInputs(config, requested, hashOf);
  const fingerprint = cache ? await fingerprintOf(options, listed, layoutsDir, effects, hashOf) : undefined;
  const last = fingerprint && options.stopWhenUpToDate !== false ? await lastBuildIfCurrent<BuildResult>(config.paths.cache, outDir, fingerprint, hashOf) : undefined;
  if (last) {
    await hashes?.save();
    await recoverCrashedBuilds(outDir);
    for (const warning of last.warnings) outer.log.warn(warning);
    log.step(`nothing changed since the last build: ${path.relative(config.root, outDir) || "."} is up to date`);
    return last.result;
  }
  // Something changed: Chromium starts now, on the other core, when an edition of this build has PDFs.
  // Started later it was waited for (a rebuild of one page reaches its print within a second), and
  // started beside the HTML it slowed Eleventy down by more than it saved, on 2 cores.
  if (pdf && requested.some((plan) => plan.definition.outputs.pdf !== false)) effects.browser.prepare?.();
  // So is the renderer, loaded while the inputs are read (their reads leave the thread time).
  void loadRenderer().catch(() => undefined);
  const inputs = await readInputs(listed, config, requested, { log, cache, ...(options.memo ? { memo: options.memo } : {}) });
  // The cube and the pages as computed are needed up to the page data only: held in this function,
  // they are garbage before the output stages start (nationally half a gigabyte less at the peak).
  const { planned, quality, report, incomplete, disclosure, site, figureKeys } = await (async () => {
    const checked = await ingestAndCheck(inputs, requested, { config, buildDate, allowIncomplete: options.allowIncomplete ?? false, cache, ...(options.memo ? { memo: options.memo } : {}) }, log);
    const modelled = await modelPages(inputs, checked, { config, buildDate, allowIncomplete: options.allowIncomplete ?? false, cache, ...(options.memo ? { memo: options.memo } : {}), ...(options.areas ? { areas: options.areas } : {}), ...(options.warm ? { warm: true } : {}) }, log);
    // Public figures pass disclosure control before anything is rendered or written: the pages from
    // here on are those it returns (a public page's figures as published).
    const disclosed = await disclose(modelled, checked.planned, config, inputs.reference, log, cache, options.memo);
    const site = await sitePages(disclosed, checked.planned, { config, buildDate, reference: inputs.reference, regionName: inputs.scope.name, qualityPeriode: checked.quality.periode, shared: inputs.shared, cache, log, ...(options.memo ? { memo: options.memo } : {}) });
    // (The disclosed pages themselves are in `site`, a public site's as it shows them: the versions
    // before that are not held.)
    return { planned: checked.planned, quality: checked.quality, report: checked.report, incomplete: checked.incomplete, disclosure: disclosed.editions, site, figureKeys: figureKeysOf(modelled, disclosed) };
  })();

  const shard = options.shard;
  const output = await stageOutput(site.pages, site.identity, planned, { config, buildDate, layoutsDir, pdf, cache, someAreas: options.areas !== undefined, ...(shard ? { shard } : {}) }, hashOf);
  try {
    const dir = output.staging.dir;
    await renderPages(output.fresh, site, quality, dir, { config, layoutsDir, writesShared: !shard || shard.index === 1 }, effects, output.keptNote);
    const packages = await writeDownloadFiles(output.fresh, site.pages, planned, dir, { config, buildDate, reference: inputs.reference, someAreas: options.areas !== undefined, ...(shard ? { shard } : {}), ...(figureKeys ? { figureKeys } : {}), ...(options.memo ? { memo: options.memo } : {}), ...(hashOf ? { hashOf } : {}), ...(output.cache ? { pageCache: output.cache } : {}) }, effects);
    const printed = pdf ? await printPages(output.fresh, dir, buildDate, effects, output.keptNote, cache ? config.paths.cache : undefined) : 0;
    await publish(output, site.pages, packages, { config, buildDate, pdf, toolVersion: TOOL_VERSION, inputs: [...inputs.exportInputs, ...inputs.otherInputs] }, hashOf, effects.published);
    const result: BuildResult = {
      outDir,
      pages: site.pages.length,
      pdfs: printed + (pdf ? output.own.filter((page) => output.kept.has(page.path) && "pdf" in page && page.pdf).length : 0),
      editions: planned.map((plan) => ({ kind: plan.definition.kind, edition: plan.edition.id })),
      ingest: [report],
      incomplete: [...new Set([...incomplete.values()].flat())],
      quality,
      disclosure,
      packages,
    };
    if (fingerprint) await recordBuild(config.paths.cache, outDir, fingerprint, result, warnings, hashOf);
    await hashes?.save();
    return result;
  } catch (error) {
    await output.staging.discard();
    throw asWriteError(error, outDir);
  }
}

/**
 * Per edition, a key over what its figures as published are made from (for the data packages'
 * cache): the model's for an edition as computed, the disclosure control's for a public one.
 * Undefined without the cache.
 */
function figureKeysOf(modelled: Modelled, disclosed: Disclosed): Map<PlannedEdition, string> | undefined {
  if (modelled.figureKeys.size === 0) return undefined;
  const keys = new Map<PlannedEdition, string>();
  for (const [plan, key] of modelled.figureKeys) {
    if (plan.definition.audience !== "public") keys.set(plan, key);
    else if (disclosed.key) keys.set(plan, keyOf("disclosed", disclosed.key, plan.definition.kind, plan.edition.id));
  }
  return keys;
}

/**
 * A fingerprint of everything the build is made from: when it equals the last build's and the
 * output is still as that build left it, a build now would write the same bytes.
 */
async function fingerprintOf(options: BuildOptions, inputs: ListedInputs, layoutsDir: string, effects: BuildEffects, hashOf: HashOf | undefined): Promise<string> {
  const pdf = options.pdf !== false;
  return keyOf({
    tool: await toolFingerprint(),
    node: process.version,
    chromium: pdf ? await effects.browser.identity() : undefined,
    config: configHash(options.config),
    options: { buildDate: options.buildDate, reports: options.reports, period: options.period, areas: options.areas, pdf, allowIncomplete: options.allowIncomplete, shard: options.shard },
    inputs: [...inputs.exportInputs, ...inputs.otherInputs].map((input) => [input.path, input.sha256]),
    layouts: await folderHash(layoutsDir, hashOf),
  });
}
