import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../../config/normalize-config.ts";
import { qualityLinks } from "../../quality/quality-links.ts";
import type { Reference } from "../../reference/load-reference.ts";
import type { ReportDefinition } from "../../reports/definition.ts";
import { editionOf, type Edition } from "../../reports/edition.ts";
import type { IndexPage, ReportPage, SitePage } from "../../reports/page.ts";
import { publicSite } from "../../reports/public-site.ts";
import { BUILT_IN_DEFINITIONS } from "../../reports/registry.ts";
import { nlDate } from "../../site/filters.ts";
import { keyOf, ValueCache } from "../model-cache.ts";
import { isReportPage } from "../page-cache.ts";
import type { PlannedEdition } from "../plan.ts";
import { configHash } from "../provision.ts";
import { toolFingerprint } from "../tool-fingerprint.ts";
import type { Disclosed } from "./disclose.ts";
import type { BuildLog } from "../../log.ts";
import type { SharedInputs } from "../report-inputs.ts";

/** Every page of the build as it will be rendered, and the files that are not pages. */
export interface SiteData {
  pages: SitePage[];
  /** As Modelled.identity, for these pages (a key over what a page's data is made from). */
  identity: WeakMap<SitePage, string>;
  /** Files of the public sites that are not rendered (the open-data CSV, robots.txt, …). */
  files: { path: string; content: string }[];
  /** Folders whose `assets/` the renderer copies: the root, and each public site's. */
  assetRoots: string[];
}

export interface PageDataSettings {
  config: Config;
  buildDate: string;
  reference: Reference;
  /** The name of the scope's region ("provincie Utrecht"), for the public site. */
  regionName: string;
  /** The quality report's month, linked from the front page. */
  qualityPeriode: string;
  shared: SharedInputs;
  /** Keep each public site under `paths.cache`, keyed on the disclosure control's key and the editions already published. */
  cache: boolean;
  /** A `serve` process's memo: the cached sites are kept in memory too. */
  memo?: Map<string, unknown>;
  log: BuildLog;
}

/** What the cache keeps of a public site: its report pages as shown and its own pages, and its files. */
interface CachedSite {
  pages: SitePage[];
  files: SiteData["files"];
}

/**
 * The pages made from the pages of the editions (after disclosure control): each public report's
 * site (its editions of this build and those already published in the output folder), which
 * replaces its editions' pages by the pages as the site shows them, and the front page listing
 * every report's editions and the quality reports.
 *
 * With the cache, a public site whose disclosed pages (by the disclosure control's key), build
 * date, config and published editions are as in an earlier build is read back, and the pages of
 * its editions are not read at all.
 */
export async function sitePages(disclosed: Disclosed, planned: readonly PlannedEdition[], settings: PageDataSettings): Promise<SiteData> {
  const { config } = settings;
  const outDir = config.paths.output;
  const identity = new WeakMap<SitePage, string>();
  const replaced = new Map<string, SitePage>();
  const pages: SitePage[] = [];
  const files: SiteData["files"] = [];
  const assetRoots = [""];
  const cache = settings.cache && disclosed.key ? new ValueCache<CachedSite>(path.join(config.paths.cache, "public-site"), "veiligheidsbeeld-public-site-1", 8, settings.memo) : undefined;
  for (const definition of new Set(planned.filter((plan) => plan.definition.audience === "public").map((plan) => plan.definition))) {
    const published = await publishedEditions(definition, planned, outDir);
    const key = cache ? keyOf("public-site", disclosed.key, await toolFingerprint(), configHash(config), settings.buildDate, definition.kind, published.existingPages, [...published.editions.keys()]) : "";
    const hit = cache ? await cache.load(key) : undefined;
    if (hit) settings.log.info(`public site: ${definition.kind} as in an earlier build (its editions' disclosed pages and the editions published before are the same)`);
    const site = hit ?? (await (async () => {
      const made = await publicSiteOf(definition, planned, disclosed.pages, published, settings);
      const value: CachedSite = { pages: [...made.reportPages, ...made.pages], files: made.files };
      if (cache) await cache.save(key, value);
      return value;
    })());
    for (const page of site.pages) {
      if (isReportPage(page)) replaced.set(page.path, page);
      else pages.push(page);
      if (cache) identity.set(page, keyOf(key, page.path));
    }
    files.push(...site.files);
    assetRoots.push(`${definition.kind}/`);
  }
  const editionPages = disclosed.pages.map((page) => replaced.get(page.path) ?? page);
  for (const [index, page] of editionPages.entries()) {
    const known = disclosed.identity.get(disclosed.pages[index] as SitePage);
    if (page === disclosed.pages[index] && known) identity.set(page, known);
  }
  const index = await rootIndex(outDir, planned, config, settings.buildDate);
  index.groups.push(await qualityLinks(outDir, settings.qualityPeriode));
  return { pages: [...editionPages, ...pages, index], identity, files, assetRoots };
}

/** The editions of a public report: built now, or already published in the output folder (with their pages' paths). */
async function publishedEditions(definition: ReportDefinition, planned: readonly PlannedEdition[], dir: string): Promise<{ editions: Map<string, Edition>; existingPages: string[] }> {
  const editions = new Map<string, Edition>();
  for (const plan of planned.filter((candidate) => candidate.definition === definition)) editions.set(plan.edition.id, plan.edition);
  const existingPages: string[] = [];
  const rebuilt = new Set(editions.keys());
  for (const entry of (await readdir(path.join(dir, definition.kind), { recursive: true }).catch(() => [] as string[])).sort()) {
    const [folder] = entry.split(path.sep);
    if (!folder || rebuilt.has(folder)) continue;
    try {
      const edition = editionOf(definition.period, folder, definition.kind);
      if (edition.id === folder) editions.set(folder, edition);
      if (entry.endsWith(".html")) existingPages.push(`${definition.kind}/${entry.split(path.sep).join("/")}`);
    } catch {
      // Not an edition folder (assets, pages of the site itself).
    }
  }
  return { editions, existingPages };
}

/**
 * The public site of a public report: its editions built now (after disclosure control) and those
 * already published in the output folder, newest first.
 */
async function publicSiteOf(definition: ReportDefinition, planned: readonly PlannedEdition[], pages: readonly SitePage[], published: { editions: Map<string, Edition>; existingPages: string[] }, settings: PageDataSettings) {
  const { config } = settings;
  const built = new Map<string, ReportPage[]>();
  for (const plan of planned.filter((candidate) => candidate.definition === definition)) {
    built.set(plan.edition.id, pages.filter((page): page is ReportPage => "area" in page && page.report.kind === definition.kind && page.edition.id === plan.edition.id));
  }
  const newestFirst = [...published.editions.values()].sort((a, b) => b.month - a.month);
  // Maps and the comparison with Nederland are left out (not left empty) without their files.
  const geometry = await settings.shared.geometry();
  const national = await settings.shared.national();
  return publicSite(definition, newestFirst, built, {
    organisation: config.publicSite.publisher ?? config.organisation,
    baseUrl: config.publicSite.baseUrl,
    contact: config.publicSite.contact,
    buildDate: settings.buildDate,
    buildDateLabel: nlDate(settings.buildDate),
    existingPages: published.existingPages,
    regionName: settings.regionName,
    ...(geometry ? { geometry } : {}),
    ...(national ? { national } : {}),
    inwoners: (code, year) => settings.reference.population.of(code, year)?.inwoners,
  });
}

/** The front page: every report with its editions, newest first, including editions of earlier builds. */
async function rootIndex(dir: string, planned: readonly PlannedEdition[], config: Config, buildDate: string): Promise<IndexPage> {
  const groups: IndexPage["groups"] = [];
  const definitions = new Map([...BUILT_IN_DEFINITIONS, ...config.definitions.map((definition) => [definition.kind, definition] as const)]);
  for (const definition of definitions.values()) {
    const editions = new Map(planned.filter((plan) => plan.definition.kind === definition.kind).map((plan) => [plan.edition.id, plan.edition.label]));
    for (const existing of await readdir(path.join(dir, definition.kind)).catch(() => [] as string[])) {
      if (editions.has(existing)) continue;
      try {
        editions.set(existing, editionOf(definition.period, existing, definition.kind).label);
      } catch {
        // Not an edition folder of this report (left by hand or by another version): not listed.
      }
    }
    if (editions.size === 0) continue;
    groups.push({
      title: definition.title,
      links: [...editions]
        .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
        .map(([id, label]) => ({ href: `${definition.kind}/${id}/index.html`, label: `${definition.title} ${label}` })),
    });
  }
  return {
    path: "index.html",
    layout: "index.njk",
    title: config.title,
    root: "",
    intro: "Periodieke veiligheidsrapportages per gemeente en basisteam, gemaakt uit de registraties in BVH.",
    groups,
    organisation: config.organisation,
    buildDate: nlDate(buildDate),
    breadcrumbs: [],
  };
}
