import { createHash } from "node:crypto";
import type { Audience } from "../model/disclosure/rules.ts";
import { formatMonth } from "../model/months.ts";
import type { ReportPage } from "../reports/page.ts";
import { MEASURES, type Figure, type FigureSet } from "./figures.ts";
import { RESOURCE_SCHEMAS, SCHEMA_VERSION } from "./package-schema.ts";

/** A file of a package: `path` relative to the package's folder. */
export interface PackageFile {
  path: string;
  content: string;
}

/** Who a package is for, as the config names the recipient. */
export interface PackageRecipient {
  id: string;
  name: string;
  audience: Audience;
  legalBasis: string;
}

export interface PackageOptions {
  recipient: PackageRecipient;
  report: { kind: string; title: string; description: string; audience: Audience };
  edition: { id: string; label: string };
  /** The pages the recipient receives, after disclosure control (for the sources and the rules applied). */
  pages: readonly ReportPage[];
  organisation: string;
  /** "jjjj-mm-dd". */
  buildDate: string;
}

/** The dialect of every CSV of a package: the Frictionless defaults, said out loud. */
const DIALECT = { delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', doubleQuote: true, header: true };

/** The folder name of a package: report, edition, recipient; lower case, as a Data Package name must be. */
export function packageName(kind: string, edition: string, recipient: string): string {
  return `${kind}-${edition}-${recipient}`.toLowerCase();
}

/**
 * A Frictionless Tabular Data Package of the figures one recipient receives of one report edition:
 * `cijfers.csv` (every figure in long form: area, period, category, measure, value, status) with
 * lookup tables for areas, categories and measures (with units), and `datapackage.json` naming
 * schema, types, missing values, primary and foreign keys, licence, sources, the recipient, the
 * legal basis and the disclosure control applied; each resource with its size and SHA-256. Pure:
 * the same figures give the same bytes.
 */
export function dataPackage(set: FigureSet, options: PackageOptions): PackageFile[] {
  const { recipient, report, edition } = options;
  const measures = [...new Set(set.figures.map((figure) => figure.measure))].sort();
  const tables: [string, string[][]][] = [
    ["cijfers", set.figures.map(figureRow)],
    ["gebieden", [...new Set(set.figures.map((figure) => figure.area))].sort().map((area) => [area, set.labels.areas.get(area) ?? area])],
    ["categorieen", [...new Set(set.figures.map((figure) => figure.category))].sort().map((category) => [category, set.labels.categories.get(category) ?? category])],
    ["maten", measures.map((measure) => [measure, MEASURES[measure].label, MEASURES[measure].unit, MEASURES[measure].description])],
  ];
  const files: PackageFile[] = [];
  const resources = tables.map(([name, rows]) => {
    const schema = RESOURCE_SCHEMAS.get(name);
    if (!schema) throw new Error(`no schema for resource ${name}`);
    const content = csv([schema.fields.map((field) => field.name), ...rows]);
    files.push({ path: `${name}.csv`, content });
    const bytes = Buffer.byteLength(content);
    return {
      name,
      path: `${name}.csv`,
      profile: "tabular-data-resource",
      title: RESOURCE_TITLES[name],
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      bytes,
      hash: `sha256:${createHash("sha256").update(content).digest("hex")}`,
      dialect: DIALECT,
      schema,
    };
  });
  const sources = [...new Set(options.pages.map((page) => page.source ?? "Registraties in BVH (politie)"))].sort().map((title) => ({ title }));
  const descriptor = {
    profile: "tabular-data-package",
    name: packageName(report.kind, edition.id, recipient.id),
    title: `${report.title} ${edition.label} — ${recipient.name}`,
    description: `${report.description} Alle cijfers van de tabellen van de rapportage zoals ze op de pagina's staan (na statistische beveiliging voor het publiek), in lange vorm: één rij per gebied, periode, categorie en maat.`,
    version: SCHEMA_VERSION,
    created: `${options.buildDate}T00:00:00Z`,
    keywords: ["veiligheidsbeeld", report.kind, "misdrijven", "politie"],
    licenses: [licence(recipient)],
    contributors: [{ title: options.organisation, role: "publisher" }],
    sources: [...sources, { title: "CBS, bevolking per gemeente en buurt (inwonertallen voor de cijfers per 1.000 inwoners)" }],
    veiligheidsbeeld: {
      schemaVersion: SCHEMA_VERSION,
      recipient: { id: recipient.id, name: recipient.name, audience: recipient.audience, legalBasis: recipient.legalBasis },
      report: { kind: report.kind, title: report.title, audience: report.audience },
      edition,
      areas: [...new Set(options.pages.map((page) => page.area.code))].sort(),
      disclosure: disclosureOf(options.pages, report.audience),
    },
    resources,
  };
  files.push({ path: "datapackage.json", content: `${JSON.stringify(descriptor, null, 2)}\n` });
  return files;
}

const RESOURCE_TITLES: Record<string, string> = {
  cijfers: "Cijfers in lange vorm",
  gebieden: "Gebieden",
  categorieen: "Categorieën",
  maten: "Maten en eenheden",
};

/** Public figures are open data (CC BY 4.0); anything else is provided, not published. */
function licence(recipient: PackageRecipient): { name: string; path?: string; title: string } {
  if (recipient.audience === "public") return { name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/", title: "Creative Commons Naamsvermelding 4.0" };
  return { name: "other-closed", title: `Niet openbaar: verstrekt aan ${recipient.name} op grond van ${recipient.legalBasis}; niet verder verstrekken` };
}

function disclosureOf(pages: readonly ReportPage[], audience: Audience): { applied: true; method: string; threshold: number; hiddenCells: number } | { applied: false; reason: string } {
  const first = pages.find((page) => page.disclosure)?.disclosure;
  if (!first) return { applied: false, reason: `audience ${audience}: aggregated counts without suppression, no personal data` };
  return { applied: true, method: first.method, threshold: first.threshold, hiddenCells: pages.reduce((sum, page) => sum + (page.disclosure?.suppressed ?? 0), 0) };
}

function figureRow(figure: Figure): string[] {
  return [figure.area, figure.period, formatMonth(figure.periodStart), formatMonth(figure.periodEnd), figure.category, figure.measure, figure.value === null ? "" : String(figure.value), figure.status];
}

/** RFC 4180 CSV, as the package's dialect says: comma, CRLF, double quotes where needed. */
function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((fields) => fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(",")).join("\r\n") + "\r\n";
}
