import path from "node:path";
import type { Config } from "../../config/normalize-config.ts";
import type { BuiltPackage } from "../../deliver/delivery-files.ts";
import type { Reference } from "../../reference/load-reference.ts";
import type { SitePage } from "../../reports/page.ts";
import type { BuildEffects } from "../effects.ts";
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
  const { shard } = settings;
  // A shard writes the API of its areas; shard 1 the rest, as one build would (every shard has all page data).
  const delivery = deliveryFiles(all.filter(isReportPage), planned, settings.config, {
    buildDate: settings.buildDate,
    whole: !settings.someAreas,
    areaName: (code) => settings.reference.areas.get(code)?.naam,
    ...(shard ? { shard: { owns: (code: string) => inShard(code, shard), shared: shard.index === 1 } } : {}),
  });
  for (const line of delivery.notes) log.info(line);
  await writeFiles(dir, delivery.files);
  if (delivery.packages.length > 0) log.info(`delivery: ${delivery.packages.length} data packages for ${new Set(delivery.packages.map((item) => item.recipient.id)).size} recipients`);
  return delivery.packages;
}
