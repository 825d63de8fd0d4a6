import path from "node:path";
import type { Config } from "../../config/normalize-config.ts";
import type { BuiltPackage, DeliveryFiles } from "../../deliver/delivery-files.ts";
import type { Reference } from "../../reference/load-reference.ts";
import type { SitePage } from "../../reports/page.ts";
import type { BuildEffects } from "../effects.ts";
import { keyOf, ValueCache } from "../model-cache.ts";
import { isReportPage } from "../page-cache.ts";
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
}

/** What the cache keeps of one edition's data packages and API (no pages: the files as written). */
interface CachedDelivery {
  pages: never[];
  delivery: DeliveryFiles;
}

/**
 * The tables of the pages rendered now as CSV and XLSX (their zip dates pinned to the build date),
 * and, from the page data of the whole build after disclosure control, the data packages per
 * recipient and the JSON API (src/deliver). Returns the packages, for the record of provision.
 */
export async function writeDownloadFiles(fresh: readonly SitePage[], all: readonly SitePage[], planned: readonly PlannedEdition[], dir: string, settings: DownloadSettings, effects: BuildEffects): Promise<BuiltPackage[]> {
  const { log } = effects;
  const { writeDownloads } = await import("../../site/write-downloads.ts");
  const downloads = await writeDownloads(fresh, dir, settings.buildDate);
  await pinXlsxDates(downloads.filter((file) => file.endsWith(".xlsx")).map((file) => path.join(dir, file)), settings.buildDate);
  log.info(`downloads: ${downloads.length} files (CSV, XLSX)`);
  const { deliveryFiles } = await import("../../deliver/delivery-files.ts");
  const { shard, figureKeys } = settings;
  const cache = figureKeys ? new ValueCache<CachedDelivery>(path.join(settings.config.paths.cache, "delivery"), "veiligheidsbeeld-delivery-1", 24, settings.memo) : undefined;
  const reportPages = all.filter(isReportPage);
  const packages: BuiltPackage[] = [];
  let readBack = 0;
  for (const plan of planned) {
    const figures = figureKeys?.get(plan);
    const key = figures ? keyOf("delivery", figures, settings.buildDate, !settings.someAreas, shard ?? null) : undefined;
    const cached = cache && key ? await cache.load(key) : undefined;
    if (cached) readBack++;
    // A shard writes the API of its areas; shard 1 the rest, as one build would (every shard has all page data).
    const delivery =
      cached?.delivery ??
      deliveryFiles(
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
    if (cache && key && !cached) await cache.save(key, { pages: [], delivery });
    for (const line of delivery.notes) log.info(line);
    await writeFiles(dir, delivery.files);
    packages.push(...delivery.packages);
  }
  if (readBack > 0) log.info(`delivery: the data packages and API of ${readBack} ${readBack === 1 ? "edition" : "editions"} as in an earlier build`);
  if (packages.length > 0) log.info(`delivery: ${packages.length} data packages for ${new Set(packages.map((item) => item.recipient.id)).size} recipients`);
  return packages;
}
