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
import type { PlannedEdition } from "../plan.ts";
import type { SharedInputs } from "../report-inputs.ts";

/** Every page of the build as it will be rendered, and the files that are not pages. */
export interface SiteData {
  pages: SitePage[];
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
}

/**
 * The pages made from the pages of the editions (after disclosure control): each public report's
 * site (its editions of this build and those already published in the output folder) and the
 * front page listing every report's editions and the quality reports.
 */
export async function sitePages(disclosed: readonly SitePage[], planned: readonly PlannedEdition[], settings: PageDataSettings): Promise<SiteData> {
  const { config } = settings;
  const outDir = config.paths.output;
  const pages: SitePage[] = [...disclosed];
  const files: SiteData["files"] = [];
  const assetRoots = [""];
  for (const definition of new Set(planned.filter((plan) => plan.definition.audience === "public").map((plan) => plan.definition))) {
    const site = await publicSiteOf(definition, planned, disclosed, outDir, settings);
    pages.push(...site.pages);
    files.push(...site.files);
    assetRoots.push(`${definition.kind}/`);
  }
  const index = await rootIndex(outDir, planned, config, settings.buildDate);
  index.groups.push(await qualityLinks(outDir, settings.qualityPeriode));
  pages.push(index);
  return { pages, files, assetRoots };
}

/**
 * The public site of a public report: its editions built now (after disclosure control) and those
 * already published in the output folder, newest first.
 */
async function publicSiteOf(definition: ReportDefinition, planned: readonly PlannedEdition[], pages: readonly SitePage[], dir: string, settings: PageDataSettings) {
  const { config } = settings;
  const built = new Map<string, ReportPage[]>();
  const editions = new Map<string, Edition>();
  for (const plan of planned.filter((candidate) => candidate.definition === definition)) {
    editions.set(plan.edition.id, plan.edition);
    built.set(plan.edition.id, pages.filter((page): page is ReportPage => "area" in page && page.report.kind === definition.kind && page.edition.id === plan.edition.id));
  }
  const existingPages: string[] = [];
  const rebuilt = new Set(editions.keys());
  for (const entry of await readdir(path.join(dir, definition.kind), { recursive: true }).catch(() => [] as string[])) {
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
  const newestFirst = [...editions.values()].sort((a, b) => b.month - a.month);
  // Maps and the comparison with Nederland are left out (not left empty) without their files.
  const geometry = await settings.shared.geometry();
  const national = await settings.shared.national();
  return publicSite(definition, newestFirst, built, {
    organisation: config.publicSite.publisher ?? config.organisation,
    baseUrl: config.publicSite.baseUrl,
    contact: config.publicSite.contact,
    buildDate: settings.buildDate,
    buildDateLabel: nlDate(settings.buildDate),
    existingPages,
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
