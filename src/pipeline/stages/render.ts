import type { Config } from "../../config/normalize-config.ts";
import type { QualityReport } from "../../quality/quality-report.ts";
import type { SitePage } from "../../reports/page.ts";
import { writeQualityReport } from "../../quality/write-quality-report.ts";
import { seconds, type BuildEffects } from "../effects.ts";
import type { SiteData } from "./page-data.ts";
import { writeFiles } from "./write-files.ts";

export interface RenderSettings {
  config: Config;
  layoutsDir: string;
  /** Whether this build writes the pages that are not per area (one build does; of shards, shard 1). */
  writesShared: boolean;
}

/**
 * Renders the pages not kept from the last build to HTML in the staging folder (Eleventy and the
 * Nunjucks layouts), with the quality report and the public sites' other files.
 */
export async function renderPages(fresh: readonly SitePage[], site: SiteData, quality: QualityReport, dir: string, settings: RenderSettings, effects: BuildEffects, kept: string): Promise<void> {
  const { log } = effects;
  log.step(`html: ${fresh.length} pages${kept}`);
  // Loading Eleventy is not rendering: the clock starts after it (the bench's bare build has it loaded too).
  const { renderSite } = await loadRenderer();
  const started = effects.now();
  await renderSite(fresh, { layoutsDir: settings.layoutsDir, outDir: dir, assetRoots: site.assetRoots, onProgress: (done, total) => log.progress("html", done, total, `${done}/${total} pages`) });
  log.info(`html: ${fresh.length} pages rendered in ${seconds(effects, started)} s`);
  if (settings.writesShared) {
    await writeQualityReport(quality, dir, { layoutsDir: settings.layoutsDir, organisation: settings.config.organisation });
    await writeFiles(dir, site.files);
  }
}

let renderer: Promise<typeof import("../../site/render-site.ts")> | undefined;

/**
 * The site renderer (Eleventy takes 0.3–0.4 s to load), loaded once per process: `build` starts
 * loading it as soon as it knows something changed, so that it loads while the inputs are read.
 */
export function loadRenderer(): Promise<typeof import("../../site/render-site.ts")> {
  renderer ??= import("../../site/render-site.ts");
  return renderer;
}
