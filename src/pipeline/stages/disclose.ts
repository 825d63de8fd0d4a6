import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../../config/normalize-config.ts";
import type { Reference } from "../../reference/load-reference.ts";
import type { SitePage } from "../../reports/page.ts";
import { discloseEditions, publishedFiles, type EditionDisclosure } from "../disclose.ts";
import { teeLog, type BuildLog } from "../../log.ts";
import { keyOf, ValueCache } from "../model-cache.ts";
import type { PlannedEdition } from "../plan.ts";
import type { Modelled } from "./model.ts";

export interface Disclosed {
  /** The pages as published: a public edition's pages after disclosure control, the others as computed. */
  pages: SitePage[];
  editions: EditionDisclosure[];
  /** As Modelled.identity, for the pages as published. */
  identity: WeakMap<SitePage, string>;
  /**
   * With the cache and public editions: a key over everything the public editions' pages as
   * published are made from (what the stages after it key their own caches on).
   */
  key?: string;
}

/** What the cache keeps of one disclosure control: the public pages as published, and what it told. */
interface CachedDisclosure {
  pages: SitePage[];
  editions: EditionDisclosure[];
  log: { level: "step" | "info" | "warn"; message: string }[];
}

/**
 * Disclosure control of the public editions (src/pipeline/disclose.ts): a pure stage, which
 * returns new page data and leaves the pages handed in as they were. With the cache it is done
 * again only when the counts of a public edition, the rules or what earlier editions published
 * (their open-data CSVs) changed; otherwise its result and its log are read back.
 */
export async function disclose(modelled: Modelled, planned: readonly PlannedEdition[], config: Config, reference: Reference, log: BuildLog, cacheOn: boolean, memo?: Map<string, unknown>): Promise<Disclosed> {
  const publicPlans = planned.filter((plan) => plan.definition.audience === "public");
  const all = async (): Promise<SitePage[]> => (await Promise.all(modelled.editions.map((edition) => edition.pages ?? edition.load()))).flat();
  if (publicPlans.length === 0) return { pages: await all(), editions: [], identity: modelled.identity };
  const cache = cacheOn ? new ValueCache<CachedDisclosure>(path.join(config.paths.cache, "disclosure"), "veiligheidsbeeld-disclosure-2", 8, memo) : undefined;
  const key = cache ? await disclosureKey(publicPlans, modelled, config) : "";
  const identity = new WeakMap<SitePage, string>();
  const hit = cache ? await cache.load(key) : undefined;
  if (hit) {
    // The public editions' pages as published come from the cache; their pages as computed are not read.
    log.info("disclosure: the public editions' counts, the rules and what was published before are as in an earlier build; its result is read back");
    for (const line of hit.log) log[line.level](line.message);
    const byEdition = new Map<string, SitePage[]>();
    for (const page of hit.pages) {
      const id = "area" in page ? `${page.report.kind}|${page.edition.id}` : "";
      if (!byEdition.has(id)) byEdition.set(id, []);
      byEdition.get(id)?.push(page);
      identity.set(page, keyOf("disclosed", key, page.path));
    }
    const pages = modelled.editions.flatMap((edition) => {
      if (edition.plan.definition.audience === "public") return byEdition.get(`${edition.plan.definition.kind}|${edition.plan.edition.id}`) ?? [];
      for (const page of edition.pages ?? []) {
        const computed = modelled.identity.get(page);
        if (computed) identity.set(page, computed);
      }
      return edition.pages ?? [];
    });
    return { pages, editions: hit.editions, identity, key };
  }
  const computed = await all();
  const told: CachedDisclosure["log"] = [];
  const { pages, editions } = await discloseEditions(computed, planned, config, reference, teeLog(log, (level, message) => told.push({ level, message })));
  for (const [index, page] of pages.entries()) {
    const original = computed[index] as SitePage;
    if (page === original) {
      const known = modelled.identity.get(page);
      if (known) identity.set(page, known);
    } else if (cache) identity.set(page, keyOf("disclosed", key, page.path));
  }
  if (cache) await cache.save(key, { pages: pages.filter((page, index) => page !== computed[index]), editions, log: told });
  return { pages, editions, identity, ...(cache ? { key } : {}) };
}

/** Everything the disclosure control reads: the public editions' counts, the rules, the reference, and what was published before. */
async function disclosureKey(publicPlans: readonly PlannedEdition[], modelled: Modelled, config: Config): Promise<string> {
  const published: [string, string][] = [];
  for (const kind of new Set(publicPlans.map((plan) => plan.definition.kind))) {
    // The editions built now are not read as published (src/pipeline/disclose.ts): their files do not count.
    const builtNow = new Set(publicPlans.filter((plan) => plan.definition.kind === kind).map((plan) => plan.edition.id));
    for (const { id, file } of await publishedFiles(kind, config)) {
      if (builtNow.has(id)) continue;
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes) published.push([file, createHash("sha256").update(bytes).digest("hex")]);
    }
  }
  // The edition keys cover the tool, the config (the rules among it), the reference and the exports.
  return keyOf("disclosure", publicPlans.map((plan) => [plan.definition.kind, plan.edition.id, modelled.editionKeys.get(plan)]), published);
}
