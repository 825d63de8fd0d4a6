import type { Audience } from "../model/disclosure/rules.ts";
import type { ReportDefinition } from "../reports/definition.ts";
import type { ReportPage } from "../reports/page.ts";
import { dataPackage, packageName, type PackageRecipient } from "./data-package.ts";
import { figuresOf } from "./figures.ts";
import { jsonApi } from "./json-api.ts";
import type { Recipient } from "./recipients.ts";

/** The folder in the output with each recipient's packages: `leveringen/<recipient>/<package>/`. */
export const PACKAGES_DIR = "leveringen";

/** What `deliveryFiles` needs of the config (a Config has it). */
export interface DeliverySettings {
  organisation: string;
  recipients: readonly Recipient[];
  /** The legal basis of each audience, for a recipient that names none of its own. */
  audiences: Record<Audience, { legalBasis: string }>;
}

/** A package written into the output, for the record of provision and for `deliver`. */
export interface BuiltPackage {
  recipient: PackageRecipient;
  report: string;
  edition: string;
  /** Folder relative to the output: leveringen/<recipient>/<package>. */
  folder: string;
  files: string[];
  /** The disclosure control of the pages it was made from (public reports), with the cells hidden on them. */
  disclosure?: { method: "suppress" | "round5"; threshold: number; suppressedCells: number };
}

export interface DeliveryFiles {
  /** Paths relative to the output folder. */
  files: { path: string; content: string }[];
  packages: BuiltPackage[];
  /** What was left out and why, for the build log. */
  notes: string[];
}

/**
 * The data packages of every recipient and the JSON API of every edition built, from the report
 * pages after disclosure control (`pages`). A recipient gets a package of each edition of a report
 * it may receive, with the pages of its areas (all when it names none). A package is made only
 * from an edition built whole (`whole`), except for a recipient of gezag or intern reports whose
 * named areas were all built (their figures do not depend on the other areas; public figures do,
 * through disclosure control).
 */
export function deliveryFiles(
  pages: readonly ReportPage[],
  planned: readonly { definition: ReportDefinition; edition: { id: string; label: string; days?: unknown } }[],
  config: DeliverySettings,
  options: {
    buildDate: string;
    whole: boolean;
    areaName?: (code: string) => string | undefined;
    /**
     * For a shard (`build --shard`): the areas whose API files it writes, and whether it writes what
     * is not per area (the API index and the packages, from the page data every shard has).
     */
    shard?: { owns: (code: string) => boolean; shared: boolean };
  },
): DeliveryFiles {
  const result: DeliveryFiles = { files: [], packages: [], notes: [] };
  for (const { definition, edition } of planned) {
    const editionPages = pages.filter((page) => page.report.kind === definition.kind && page.edition.id === edition.id);
    if (editionPages.length === 0) continue;
    // Figures are keyed by their months: a report of weeks or days (whose counts lie within a
    // month) has no package or API yet, and says so rather than mix its week with the month.
    if (edition.days) {
      result.notes.push(`delivery ${definition.kind} ${edition.id}: no package or JSON API for a report of weeks or days (figures are delivered per month)`);
      continue;
    }
    const shared = options.shard?.shared ?? true;
    const apiPages = options.shard ? editionPages.filter((page) => options.shard?.owns(page.area.code)) : editionPages;
    for (const file of jsonApi(apiPages, { index: false })) result.files.push({ path: `${definition.kind}/${edition.id}/${file.path}`, content: file.content });
    if (options.whole && shared) {
      for (const file of jsonApi(editionPages, { index: true, areas: false })) result.files.push({ path: `${definition.kind}/${edition.id}/${file.path}`, content: file.content });
    }
    if (!shared) continue;

    for (const recipient of config.recipients.filter((candidate) => candidate.reports.includes(definition.kind))) {
      const wanted = recipient.areas ? new Set(recipient.areas) : undefined;
      const own = wanted ? editionPages.filter((page) => wanted.has(page.area.code)) : editionPages;
      const missing = wanted ? [...wanted].filter((code) => !own.some((page) => page.area.code === code)) : [];
      const label = `${recipient.id}: ${definition.kind} ${edition.id}`;
      if (!options.whole && (definition.audience === "public" || !wanted || missing.length > 0)) {
        result.notes.push(`delivery ${label}: no package from a build of some areas (build the edition whole)`);
        continue;
      }
      if (missing.length > 0) result.notes.push(`delivery ${label}: no page for ${missing.join(", ")} (not in scope or not a level of this report)`);
      if (own.length === 0) continue;
      const party = packageRecipient(recipient, config.audiences);
      const set = figuresOf(own, options.areaName);
      const folder = `${PACKAGES_DIR}/${recipient.id}/${packageName(definition.kind, edition.id, recipient.id)}`;
      const files = dataPackage(set, { recipient: party, report: definition, edition, pages: own, organisation: config.organisation, buildDate: options.buildDate });
      for (const file of files) result.files.push({ path: `${folder}/${file.path}`, content: file.content });
      const controlled = own.find((page) => page.disclosure)?.disclosure;
      result.packages.push({
        recipient: party,
        report: definition.kind,
        edition: edition.id,
        folder,
        files: files.map((file) => `${folder}/${file.path}`),
        ...(controlled ? { disclosure: { method: controlled.method, threshold: controlled.threshold, suppressedCells: own.reduce((sum, page) => sum + (page.disclosure?.suppressed ?? 0), 0) } } : {}),
      });
    }
  }
  return result;
}

/** The recipient with its legal basis: its own, else that of its audience. */
function packageRecipient(recipient: Recipient, audiences: DeliverySettings["audiences"]): PackageRecipient {
  return { id: recipient.id, name: recipient.name, audience: recipient.audience as Audience, legalBasis: recipient.legalBasis ?? audiences[recipient.audience].legalBasis };
}
