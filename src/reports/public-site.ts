import { formatMonth, monthNumberOf, yearOf } from "../model/months.ts";
import type { Cell, Column, Table } from "../model/table.ts";
import { quote } from "./csv-field.ts";
import type { ReportDefinition } from "./definition.ts";
import type { Edition } from "./edition.ts";
import type { PublicPage, ReportPage } from "./page.ts";
import type { NationalFigures } from "../reference/national-figures.ts";
import type { AreaGeometry } from "../reference/geometry.ts";
import { gemeenteMap } from "./halfjaarcijfers/gemeente-map.ts";
import { headline } from "./halfjaarcijfers/headline.ts";
import { nederlandComparison } from "./halfjaarcijfers/nederland.ts";
import { regionHeadline } from "./halfjaarcijfers/region-headline.ts";
import { soortTrends } from "./halfjaarcijfers/soort-trends.ts";

/** Settings of a public site, from the config. */
export interface PublicSiteOptions {
  organisation: string;
  /** Where the site will live ("https://…/halfjaarcijfers/"); needed for absolute URLs in the sitemap. */
  baseUrl: string | undefined;
  /** Contact for questions and accessibility problems (an e-mail address or URL). */
  contact: string;
  /** Build date "jjjj-mm-dd" and as shown ("15 januari 2026"). */
  buildDate: string;
  buildDateLabel: string;
  /** The region the gemeenten make up ("provincie Utrecht"), for the map and the cards. */
  regionName?: string;
  /** Gemeente boundaries for the maps; no maps without them. */
  geometry?: AreaGeometry;
  /** The real national figures per soort and year; no comparison with Nederland without them. */
  national?: NationalFigures;
  /** Inhabitants of a gemeente in a year (CBS). */
  inwoners?: (code: string, year: number) => number | undefined;
}

export interface PublicSite {
  pages: PublicPage[];
  /**
   * The report pages of the editions built now as the site shows them: those handed in, each with
   * its headline, map, comparison with Nederland and trends per soort (new objects; the pages
   * handed in are left as they were).
   */
  reportPages: ReportPage[];
  /** Files beside the pages: open data (CSV), its metadata (JSON-LD) and the sitemap. */
  files: { path: string; content: string }[];
}

/** Columns of the open-data CSV, documented on the site. */
export const OPEN_DATA_COLUMNS: { name: string; meaning: string }[] = [
  { name: "gemeentecode", meaning: "CBS-code van de gemeente (indeling 2024), bijvoorbeeld GM0344" },
  { name: "gemeente", meaning: "naam van de gemeente" },
  { name: "periode_begin", meaning: "eerste maand van de periode (jjjj-mm)" },
  { name: "periode_eind", meaning: "laatste maand van de periode (jjjj-mm)" },
  { name: "soort_code", meaning: "code van de soort misdrijf (CBS/politie), 0.0.0 is het totaal van de soorten in de gegevens (de kolom soort zegt hoeveel dat er zijn)" },
  { name: "soort", meaning: "omschrijving van de soort misdrijf" },
  { name: "aantal", meaning: "geregistreerde misdrijven in de periode; x = geheim: een klein aantal of een aantal waaruit een klein aantal af te leiden is, niet getoond" },
  { name: "aantal_vorig_jaar", meaning: "geregistreerde misdrijven in dezelfde periode een jaar eerder" },
  { name: "verschil", meaning: "aantal min aantal_vorig_jaar" },
  { name: "verschil_procent", meaning: "verschil in procenten van aantal_vorig_jaar; leeg als de basis te klein is" },
  { name: "betekenis", meaning: "stijging, daling of geen significante verandering (exacte toets, α = 0,05)" },
  { name: "per_1000_inwoners", meaning: "aantal per 1.000 inwoners van de gemeente" },
  { name: "per_1000_inwoners_regio", meaning: "hetzelfde voor de hele regio, om mee te vergelijken" },
  { name: "voorlopig", meaning: "ja als het cijfer voorlopig is" },
];

/**
 * The pages and files that make a public report a site of its own: a front page with the latest
 * edition's gemeenten (searchable), per edition an index with its open data (CSV and DCAT-AP-NL
 * metadata), an archive of all editions, the accessibility statement, the open-data description,
 * a 404 page and a sitemap. `built` holds the report pages of the editions made in this build (after
 * disclosure control); `editions` every edition the site has, built now or earlier, newest first.
 */
export function publicSite(
  definition: ReportDefinition,
  editions: readonly Edition[],
  built: ReadonlyMap<string, readonly ReportPage[]>,
  options: PublicSiteOptions & { existingPages: readonly string[] },
): PublicSite {
  const kind = definition.kind;
  const base = (root: string): Pick<PublicPage, "root" | "organisation" | "buildDate" | "site"> => ({
    root,
    organisation: options.organisation,
    buildDate: options.buildDateLabel,
    site: { title: definition.title, home: `${root}index.html`, archive: `${root}archief.html`, accessibility: `${root}toegankelijkheid.html`, openData: `${root}open-data.html` },
  });
  const fileName = (edition: Edition, ext: string): string => `${kind}-${edition.id}.${ext}`;
  const pages: PublicPage[] = [];
  const files: PublicSite["files"] = [];

  // Charts, maps, cards and sentences are made here, from the pages as published (after
  // disclosure control): each reads its figures through figureOfCell, so an x stays an x.
  const seriesIds = new Set(definition.sections.filter((spec) => spec.type === "period-series").map((spec) => spec.id));
  const regionName = options.regionName ?? "de regio";
  const reportPages: ReportPage[] = [];
  for (const editionPages of built.values()) {
    for (const page of editionPages) {
      const sections = page.sections.map((section) => (section.type === "table" && seriesIds.has(section.id) ? { ...section, panels: soortTrends(section.table, page.area.naam) } : section));
      const nederland = options.national && options.inwoners ? nederlandComparison(page, { national: options.national, inwoners: options.inwoners }) : undefined;
      const map = gemeenteMap(editionPages, options.geometry, { id: "kaart", highlight: page.area.code, regionName });
      reportPages.push({ ...page, sections, highlights: { ...headline(page, regionName, nederland), ...(map ? { map } : {}), ...(nederland ? { nederland: nederland.section } : {}) } });
    }
  }

  for (const edition of editions) {
    const reportPages = built.get(edition.id);
    if (!reportPages) continue;
    const areas = byName(reportPages.map((page) => ({ href: page.path.slice(page.path.lastIndexOf("/") + 1), naam: page.area.naam, code: page.area.code })));
    pages.push({
      ...base("../"),
      path: `${kind}/${edition.id}/index.html`,
      layout: "public/edition.njk",
      title: `${definition.title} ${edition.label}`,
      breadcrumbs: [{ href: "../index.html", label: definition.title }],
      intro: `Geregistreerde misdrijven per gemeente in het ${edition.label}, vergeleken met dezelfde periode een jaar eerder. Kies een gemeente.`,
      areas,
      edition: { label: edition.label, csv: fileName(edition, "csv"), excel: `${kind}-${edition.id}-excel.csv`, metadata: fileName(edition, "jsonld") },
    });
    files.push({ path: `${kind}/${edition.id}/${fileName(edition, "csv")}`, content: openDataCsv(reportPages) });
    files.push({ path: `${kind}/${edition.id}/${kind}-${edition.id}-excel.csv`, content: openDataExcelCsv(reportPages) });
    files.push({ path: `${kind}/${edition.id}/${fileName(edition, "jsonld")}`, content: metadata(definition, edition, options, `${kind}/${edition.id}/${fileName(edition, "csv")}`) });
  }

  const latest = editions[0];
  const latestPages = latest ? built.get(latest.id) : undefined;
  pages.push({
    ...base(""),
    path: `${kind}/index.html`,
    layout: "public/home.njk",
    title: definition.title,
    breadcrumbs: [],
    intro: definition.description,
    ...(latest && latestPages
      ? {
          ...(() => {
            const map = gemeenteMap(latestPages, options.geometry, { id: "kaart", regionName });
            const region = regionHeadline(latestPages, regionName, options.national);
            return region || map ? { highlights: { tiles: [], sentences: [], ...region, ...(map ? { map } : {}) } } : {};
          })(),
          areas: byName(latestPages.map((page) => ({ href: page.path.slice(kind.length + 1), naam: page.area.naam, code: page.area.code }))),
          edition: { label: latest.label, csv: `${latest.id}/${fileName(latest, "csv")}`, excel: `${latest.id}/${kind}-${latest.id}-excel.csv`, metadata: `${latest.id}/${fileName(latest, "jsonld")}` },
        }
      : {}),
    editions: editions.map((edition) => ({
      href: `${edition.id}/index.html`,
      label: edition.label,
      csv: `${edition.id}/${fileName(edition, "csv")}`,
      metadata: `${edition.id}/${fileName(edition, "jsonld")}`,
    })),
  });
  pages.push({
    ...base(""),
    path: `${kind}/archief.html`,
    layout: "public/archive.njk",
    title: `${definition.title}: alle edities`,
    breadcrumbs: [{ href: "index.html", label: definition.title }],
    editions: editions.map((edition) => ({
      href: `${edition.id}/index.html`,
      label: edition.label,
      csv: `${edition.id}/${fileName(edition, "csv")}`,
      metadata: `${edition.id}/${fileName(edition, "jsonld")}`,
    })),
  });
  pages.push({
    ...base(""),
    path: `${kind}/toegankelijkheid.html`,
    layout: "public/accessibility.njk",
    title: "Toegankelijkheidsverklaring",
    breadcrumbs: [{ href: "index.html", label: definition.title }],
    contact: options.contact,
  });
  pages.push({
    ...base(""),
    path: `${kind}/open-data.html`,
    layout: "public/open-data.njk",
    title: "Open data",
    breadcrumbs: [{ href: "index.html", label: definition.title }],
    columns: OPEN_DATA_COLUMNS,
  });
  // The 404 page is served at any missing path, so its links cannot be relative: they use the
  // site's own path from baseUrl, or the root when none is configured.
  const absoluteRoot = options.baseUrl ? new URL(options.baseUrl).pathname.replace(/\/?$/, "/") : "/";
  pages.push({ ...base(absoluteRoot), path: `${kind}/404.html`, layout: "public/404.njk", title: "Pagina niet gevonden", breadcrumbs: [] });

  const allPaths = [...pages.filter((page) => !page.path.endsWith("404.html")).map((page) => page.path), ...[...built.values()].flat().map((page) => page.path), ...options.existingPages];
  files.push({ path: `${kind}/sitemap.xml`, content: sitemap(allPaths, kind, options.baseUrl) });
  files.push({ path: `${kind}/robots.txt`, content: robots(options.baseUrl) });
  return { pages, reportPages, files };
}

const collator = new Intl.Collator("nl", { sensitivity: "base", ignorePunctuation: true });

/** Gemeenten in alphabetical order, as a reader looks for them ('s-Hertogenbosch among the H). */
function byName<T extends { naam: string }>(areas: T[]): T[] {
  return areas.sort((a, b) => collator.compare(a.naam.replace(/^'s-/, ""), b.naam.replace(/^'s-/, "")));
}

/** Every figure shown on the gemeente pages of one edition, one row per gemeente × period × soort. */
export function openDataCsv(pages: readonly ReportPage[]): string {
  return openDataRows(pages).map((fields) => fields.map((field) => quote(field, ",")).join(",")).join("\r\n") + "\r\n";
}

/** Columns whose figures have decimals (a point in the open data, a comma for Dutch Excel). */
const DECIMAL_COLUMNS = new Set(["verschil_procent", "per_1000_inwoners", "per_1000_inwoners_regio"]);

/**
 * The open data as Dutch Excel opens it by a double click: UTF-8 with BOM, `;` between fields and
 * a decimal comma; the same rows and columns (and the same x for geheim) as the open-data CSV.
 */
export function openDataExcelCsv(pages: readonly ReportPage[]): string {
  const [header = [], ...rows] = openDataRows(pages);
  const decimals = header.map((name) => DECIMAL_COLUMNS.has(name));
  const lines = [header, ...rows.map((fields) => fields.map((field, i) => (decimals[i] ? field.replace(".", ",") : field)))];
  // Text Excel would take for a formula (also after a leading line break) gets a '; numbers are left as they are.
  return `\uFEFF${lines.map((fields) => fields.map((field) => quote(field, ";")).join(";")).join("\r\n")}\r\n`;
}

function openDataRows(pages: readonly ReportPage[]): string[][] {
  const header = OPEN_DATA_COLUMNS.map((column) => column.name);
  const rows = new Map<string, string[]>();
  for (const page of pages) {
    for (const section of page.sections) {
      if (!("table" in section)) continue;
      const table = section.table;
      for (const row of table.rows) {
        const soort = row.id.startsWith("soort:") ? row.id.slice(6) : row.id;
        if (section.id === "verloop") {
          row.cells.forEach((cell) => {
            const ref = cell.ref;
            if (!ref) return;
            const key = `${page.area.code}|${ref.first}|${ref.last}|${soort}`;
            if (rows.has(key)) return;
            rows.set(key, [page.area.code, page.area.naam, formatMonth(ref.first), formatMonth(ref.last), soort, row.label, value(cell, "count"), "", "", "", "", "", "", voorlopig(table.columns[row.cells.indexOf(cell)])]);
          });
          continue;
        }
        const byColumn = new Map(table.columns.map((column, i) => [column.id, { column, cell: row.cells[i] as Cell }]));
        const current = byColumn.get("current");
        const ref = current?.cell.ref;
        if (!ref) continue;
        const get = (id: string): string => {
          const entry = byColumn.get(id);
          return entry ? value(entry.cell, entry.column.kind) : "";
        };
        // Keyed by the whole period: the full year and its first half year begin in the same month.
        rows.set(`${page.area.code}|${ref.first}|${ref.last}|${soort}`, [
          page.area.code,
          page.area.naam,
          formatMonth(ref.first),
          formatMonth(ref.last),
          soort,
          row.label,
          get("current"),
          get("previous"),
          get("change"),
          get("percent"),
          byColumn.get("verdict")?.cell.symbol === "x" ? "x" : (byColumn.get("verdict")?.cell.verdict ?? ""),
          get("per1000"),
          get("per1000-region"),
          voorlopig(current.column),
        ]);
      }
    }
  }
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, fields]) => fields);
  return [header, ...sorted];
}

function value(cell: Cell, kind: Column["kind"]): string {
  if (cell.symbol === "x") return "x";
  if (cell.symbol || cell.value === null) return "";
  if (kind === "percent") return (cell.value * 100).toFixed(1);
  if (kind === "rate" || kind === "average") return cell.value.toFixed(2);
  return String(cell.value);
}

function voorlopig(column: Column | undefined): string {
  return column?.flags?.includes("voorlopig") ? "ja" : "nee";
}

/** DCAT-AP-NL style metadata of one edition's open data, as JSON-LD. */
function metadata(definition: ReportDefinition, edition: Edition, options: PublicSiteOptions, csvPath: string): string {
  const url = (path: string): string => (options.baseUrl ? new URL(path.slice(definition.kind.length + 1), options.baseUrl).href : path.slice(path.lastIndexOf("/") + 1));
  const first = edition.period.first;
  const last = edition.period.last;
  const lastDay = new Date(Date.UTC(yearOf(last), monthNumberOf(last), 0)).getUTCDate();
  const document = {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@type": "dcat:Dataset",
    "dct:identifier": `${definition.kind}-${edition.id}`,
    "dct:title": { "@language": "nl", "@value": `${definition.title} ${edition.label}` },
    "dct:description": { "@language": "nl", "@value": `${definition.description} Periode: ${edition.label}.` },
    "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/NLD" },
    "dct:license": { "@id": "http://creativecommons.org/licenses/by/4.0/" },
    "dct:publisher": { "@type": "foaf:Organization", "foaf:name": options.organisation },
    "dct:issued": { "@type": "xsd:date", "@value": options.buildDate },
    "dct:temporal": {
      "@type": "dct:PeriodOfTime",
      "dcat:startDate": { "@type": "xsd:date", "@value": `${formatMonth(first)}-01` },
      "dcat:endDate": { "@type": "xsd:date", "@value": `${formatMonth(last)}-${String(lastDay).padStart(2, "0")}` },
    },
    "dcat:keyword": ["criminaliteit", "misdrijven", "gemeente", "politie"],
    "dcat:theme": { "@id": "http://standaarden.overheid.nl/owms/terms/Openbare_orde_en_veiligheid" },
    "dcat:distribution": {
      "@type": "dcat:Distribution",
      "dct:title": `${definition.title} ${edition.label} (CSV)`,
      "dcat:downloadURL": { "@id": url(csvPath) },
      "dcat:accessURL": { "@id": url(csvPath) },
      "dcat:mediaType": "text/csv",
      "dct:format": { "@id": "http://publications.europa.eu/resource/authority/file-type/CSV" },
      "dct:license": { "@id": "http://creativecommons.org/licenses/by/4.0/" },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Every page of the site except the 404 page, as absolute URLs when the base URL is known. */
function sitemap(sitePaths: readonly string[], kind: string, baseUrl: string | undefined): string {
  const paths = [...new Set(sitePaths)].map((path) => path.slice(kind.length + 1)).sort();
  const loc = (path: string): string => (baseUrl ? new URL(path, baseUrl).href : path);
  const urls = paths.map((path) => `  <url><loc>${escapeXml(loc(path))}</loc></url>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

/**
 * Every page may be indexed; the sitemap is named by its absolute URL when the base URL is known
 * (robots.txt counts only at the root of a host: put it there when the site lives in a sub-path).
 */
function robots(baseUrl: string | undefined): string {
  return `User-agent: *\nAllow: /\n${baseUrl ? `Sitemap: ${new URL("sitemap.xml", baseUrl).href}\n` : ""}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

