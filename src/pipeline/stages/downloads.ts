import { createHash } from "node:crypto";
import path from "node:path";
import type { Config } from "../../config/normalize-config.ts";
import type { BuiltPackage } from "../../deliver/delivery-files.ts";
import type { HashOf } from "../../output/file-hashes.ts";
import { linkOrCopy } from "../../output/staging.ts";
import type { Reference } from "../../reference/load-reference.ts";
import type { SitePage } from "../../reports/page.ts";
import type { BuildEffects } from "../effects.ts";
import { keyOf, ValueCache } from "../model-cache.ts";
import { isReportPage, type PageCache } from "../page-cache.ts";
import type { PlannedEdition } from "../plan.ts";
import { pinXlsxDates } from "../reproducible.ts";
import { inShard, type Shard } from "../shard.ts";
import { writeFiles } from "./write-files.ts";

export interface DownloadSettings {
  config: Config;
  buildDate: string;
  reference: Reference;
  /** A build of some areas only (`--area`): no whole-edition data packages. */
  someAreas: boolean;
  shard?: Shard;
  /**
   * With the cache: per edition, a key over everything its figures as published are made from
   * (not its commentary, which no data package or API holds). An edition whose key is as in an
   * earlier build has its data packages and API read back, and its pages are not read.
   */
  figureKeys?: ReadonlyMap<PlannedEdition, string>;
  /** A `serve` process's memo: the cached files are kept in memory too. */
  memo?: Map<string, unknown>;
  /** How output files are hashed (FileHashes): a file read back from the cache and still published as it is is linked, not written. */
  hashOf?: HashOf;
  /**
   * The page cache: a page built again whose figures are as when the last build wrote its downloads
   * (a page whose commentary changed) has them linked from the output, not made again.
   */
  pageCache?: PageCache;
}

/** What the cache keeps of one edition's data packages and API: its files (their content read when first used) and packages. */
interface CachedDelivery {
  pages: DeliveredFile[];
  packages: BuiltPackage[];
  notes: string[];
}

interface DeliveredFile {
  path: string;
  sha256: string;
  content: string;
}

/**
 * The tables of the pages rendered now as CSV and XLSX (their zip dates pinned to the build date),
 * and, from the page data of the whole build after disclosure control, the data packages per
 * recipient and the JSON API (src/deliver). Returns the packages, for the record of provision.
 */
export async function writeDownloadFiles(fresh: readonly SitePage[], all: readonly SitePage[], planned: readonly PlannedEdition[], dir: string, settings: DownloadSettings, effects: BuildEffects): Promise<BuiltPackage[]> {
  const { log } = effects;
  const { shard, figureKeys } = settings;
  const kept = await keptDownloads(fresh, dir, settings);
  const made = fresh.filter((page) => !kept.pages.has(page));
  // (exceljs, which takes a while to load, only when there is a workbook to make.)
  const downloads = made.some(isReportPage) ? await (await import("../../site/write-downloads.ts")).writeDownloads(made, dir, settings.buildDate) : [];
  await pinXlsxDates(downloads.filter((file) => file.endsWith(".xlsx")).map((file) => path.join(dir, file)), settings.buildDate);
  log.info(`downloads: ${downloads.length} files (CSV, XLSX)${kept.files > 0 ? `; ${kept.files} of pages whose figures are as in the last build, kept` : ""}`);
  const { deliveryFiles } = await import("../../deliver/delivery-files.ts");
  const cache = figureKeys ? new ValueCache<CachedDelivery>(path.join(settings.config.paths.cache, "delivery"), "veiligheidsbeeld-delivery-2", 24, settings.memo, ["content"]) : undefined;
  const reportPages = all.filter(isReportPage);
  const packages: BuiltPackage[] = [];
  let readBack = 0;
  let linked = 0;
  for (const plan of planned) {
    const figures = figureKeys?.get(plan);
    const key = figures ? keyOf("delivery", figures, settings.buildDate, !settings.someAreas, shard ?? null) : undefined;
    let delivered = cache && key ? await cache.load(key) : undefined;
    if (delivered) {
      readBack++;
      // The files the output already has as they are are linked from it; the others written.
      for (const file of delivered.pages) {
        const live = path.join(settings.config.paths.output, file.path);
        const published = settings.hashOf ? await settings.hashOf(live).catch(() => undefined) : undefined;
        if (published?.sha256 === file.sha256) {
          await linkOrCopy(live, path.join(dir, file.path), { missing: "fail" });
          linked++;
        } else await writeFiles(dir, [file]);
      }
    } else {
      // A shard writes the API of its areas; shard 1 the rest, as one build would (every shard has all page data).
      const made = deliveryFiles(
        reportPages.filter((page) => page.report.kind === plan.definition.kind && page.edition.id === plan.edition.id),
        [plan],
        settings.config,
        {
          buildDate: settings.buildDate,
          whole: !settings.someAreas,
          areaName: (code) => settings.reference.areas.get(code)?.naam,
          ...(shard ? { shard: { owns: (code: string) => inShard(code, shard), shared: shard.index === 1 } } : {}),
        },
      );
      await writeFiles(dir, made.files);
      delivered = { pages: made.files.map((file) => ({ ...file, sha256: createHash("sha256").update(file.content).digest("hex") })), packages: made.packages, notes: made.notes };
      if (cache && key) await cache.save(key, delivered);
    }
    for (const line of delivered.notes) log.info(line);
    packages.push(...delivered.packages);
  }
  if (readBack > 0) log.info(`delivery: the data packages and API of ${readBack} ${readBack === 1 ? "edition" : "editions"} as in an earlier build (${linked} files as published, kept)`);
  if (packages.length > 0) log.info(`delivery: ${packages.length} data packages for ${new Set(packages.map((item) => item.recipient.id)).size} recipients`);
  return packages;
}

/**
 * Of the pages built now, those whose downloads the output has as the last build made them from
 * the same figures (their edition's figure key is as then: only their commentary changed), with
 * those files linked into `dir`.
 */
async function keptDownloads(fresh: readonly SitePage[], dir: string, settings: DownloadSettings): Promise<{ pages: Set<SitePage>; files: number }> {
  const kept = { pages: new Set<SitePage>(), files: 0 };
  const { pageCache, figureKeys } = settings;
  if (!pageCache || !figureKeys) return kept;
  const byEdition = new Map([...figureKeys].map(([plan, key]) => [`${plan.definition.kind}/${plan.edition.id}`, key]));
  for (const page of fresh) {
    if (!isReportPage(page)) continue;
    const figures = byEdition.get(`${page.report.kind}/${page.edition.id}`);
    if (figures === undefined) continue;
    const files = await pageCache.keptDownloads(page, keyOf("page-downloads", figures, page.path, settings.buildDate));
    if (!files) continue;
    for (const file of files) await linkOrCopy(path.join(settings.config.paths.output, file), path.join(dir, file), { missing: "fail" });
    kept.pages.add(page);
    kept.files += files.length;
  }
  return kept;
}
