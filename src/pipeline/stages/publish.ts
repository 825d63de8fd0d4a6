import type { Config } from "../../config/normalize-config.ts";
import type { HashOf } from "../../output/file-hashes.ts";
import type { BuiltPackage } from "../../deliver/delivery-files.ts";
import type { SitePage } from "../../reports/page.ts";
import { folderHash, isReportPage, PageCache } from "../page-cache.ts";
import type { PlannedEdition } from "../plan.ts";
import { writeProvisionRecord, type ProvisionRecord } from "../provision.ts";
import { startStaging, type Staging } from "../../output/staging.ts";
import { inShard, type Shard } from "../shard.ts";
import { toolFingerprint } from "../tool-fingerprint.ts";

/** The staging folder the output stages write into, and which pages they render. */
export interface StagedOutput {
  staging: Staging;
  /** The pages this build writes (a shard: its areas', and shard 1 the pages not per area). */
  own: SitePage[];
  /** Of those, the pages to render and print: the others keep their files from the last build. */
  fresh: SitePage[];
  /** The paths of the pages kept. */
  kept: Set<string>;
  /** For the log: " (n unchanged, kept)", or nothing. */
  keptNote: string;
  cache?: PageCache;
}

export interface StageSettings {
  config: Config;
  buildDate: string;
  layoutsDir: string;
  pdf: boolean;
  cache: boolean;
  /** A build of some areas only (`--area`): it rewrites their files and leaves the edition's other files. */
  someAreas: boolean;
  shard?: Shard;
}

/**
 * Decides, on every page's final data, which pages keep their files from the last build (their data,
 * the layouts, the tool and the build date are as then, and the files are still as published), and
 * starts the staging folder beside the output: the output as it is, without the editions this
 * build makes anew except for the files kept.
 */
export async function stageOutput(pages: readonly SitePage[], identity: WeakMap<SitePage, string>, planned: readonly PlannedEdition[], settings: StageSettings, hashOf?: HashOf): Promise<StagedOutput> {
  const { config, shard } = settings;
  const outDir = config.paths.output;
  const own = shard ? pages.filter((page) => (isReportPage(page) ? inShard(page.area.code, shard) : shard.index === 1)) : [...pages];
  const cache = settings.cache ? await PageCache.open(config.paths.cache, outDir, JSON.stringify([await toolFingerprint(), await folderHash(settings.layoutsDir, hashOf), settings.buildDate, settings.pdf]), identity, hashOf) : undefined;
  const reused = cache ? await cache.reusable(own) : { pages: new Set<string>(), files: new Set<string>() };
  // A full edition replaces its folder; a build of some areas (or a shard) only rewrites their files.
  const replaced = settings.someAreas || shard ? [] : planned.map((plan) => `${plan.definition.kind}/${plan.edition.id}`);
  const staging = await startStaging(outDir, replaced, String(process.pid), reused.files);
  return {
    staging,
    own,
    fresh: own.filter((page) => !reused.pages.has(page.path)),
    kept: reused.pages,
    keptNote: reused.pages.size > 0 ? ` (${reused.pages.size} unchanged, kept)` : "",
    ...(cache ? { cache } : {}),
  };
}

export interface PublishSettings {
  config: Config;
  buildDate: string;
  pdf: boolean;
  toolVersion: string;
  inputs: ProvisionRecord["inputs"];
}

/**
 * Last: the record of what this build provides to whom, over the files exactly as published; then
 * the staging folder swapped in for the output, and the page cache told what is published now.
 */
export async function publish(output: StagedOutput, pages: readonly SitePage[], packages: readonly BuiltPackage[], settings: PublishSettings, hashOf?: HashOf, published?: () => void): Promise<void> {
  const record = await writeProvisionRecord(output.staging.dir, { pages, config: settings.config, buildDate: settings.buildDate, toolVersion: settings.toolVersion, inputs: settings.inputs, packages, ...(hashOf ? { hashOf } : {}) });
  await output.staging.commit(published);
  await output.cache?.save(output.own, settings.pdf, new Map(record.files.map((file) => [file.path, file.sha256])));
}
