import type { Table } from "../model/table.ts";
import type { AreaLevel } from "../reference/areas.ts";
import type { Cover } from "./cover.ts";
import type { Audience } from "./definition.ts";

/** A section of a report page. */
export interface TableSection {
  type: "table";
  id: string;
  title: string;
  table: Table;
  /** Shown instead of the table when it has no rows. */
  emptyText?: string;
  /** The table as CSV. */
  csv?: FileLink;
  /**
   * A small chart drawn from the table's published figures (after disclosure control): accessible
   * SVG from src/charts, trusted, not escaped.
   */
  chart?: string;
  /** Small multiples drawn from the table's published figures: one panel per row (public trends per soort). */
  panels?: Figure[];
}

/** A file written beside a page: `path` relative to the output folder, `href` relative to the page. */
export interface FileLink {
  path: string;
  href: string;
}

/**
 * A chart with its findings in words and its numbers as a table (for screen readers, the CSV and
 * the workbook). Each figure is an accessible SVG string made by src/charts.
 */
export interface ChartSection {
  type: "chart";
  id: string;
  title: string;
  /** The findings in words, a paragraph each. */
  lead: string[];
  figures: Figure[];
  /** The numbers behind the figures. */
  table: Table;
  /**
   * Whether the PDF prints the table as well. False when the figures' labels and the lead carry
   * every number a reader needs (the table stays in the HTML and the downloads).
   */
  printTable: boolean;
  csv?: FileLink;
  /** The numbers of a further figure (a map's value per area), shown beside the main table on screen. */
  extraTables?: Table[];
}

export interface Figure {
  /** Unique on the page; also the SVG's id. */
  id: string;
  /** Visible caption; the SVG carries the same text as its title. */
  caption: string;
  /** Accessible SVG markup (role="img", title, desc) from src/charts: trusted, not escaped. */
  svg: string;
}

/** The headline figures and the few changes that matter, in words. */
export interface KeyFiguresSection {
  type: "key-figures";
  id: string;
  title: string;
  /** Large figures at the top: "Misdrijven 2025" 13.977, "+5% t.o.v. 2024". */
  tiles: { label: string; value: string; detail: string }[];
  /** Sentences, the most significant change first. */
  findings: { text: string; direction: "stijging" | "daling" | "gelijk" }[];
  /** The counts behind the sentences. */
  table: Table;
  csv?: FileLink;
}

/** Text written by the analyst (the police's beschouwing), rendered from markdown without raw HTML. */
export interface TextSection {
  type: "text";
  id: string;
  title: string;
  /** Safe HTML from src/commentary/render-markdown.ts: no raw HTML, only http(s) and relative links. */
  html: string;
  /** The markdown file it was made from, relative to the project folder. */
  source: string;
}

export type PageSection = TableSection | ChartSection | KeyFiguresSection | TextSection;

/** The numbers of a section as a table (every kind has one but text), for downloads and checks. */
export function tableOf(section: PageSection | undefined): Table | undefined {
  return section && "table" in section ? section.table : undefined;
}

/** What disclosure control did to a page: the rule's parameters and the figures hidden. */
export interface PageDisclosure {
  threshold: number;
  method: "suppress" | "round5";
  /** Table cells shown as x (counts and the figures derived from them). */
  suppressed: number;
  /** For a page that is mostly x: what it can tell in words (see disclosureSummary). */
  summary?: string;
}

/** Links between pages are relative, so the site works from any folder or sub-path. */
export interface Link {
  href: string;
  label: string;
}

/**
 * The plain data of one output page: everything the layout shows is ready here (labels, values,
 * notes), so templates only format and arrange. `path` is relative to the output folder.
 */
export interface ReportPage {
  path: string;
  layout: string;
  title: string;
  /** Relative path from this page to the root of its site (where assets/ is), e.g. "../../". */
  root: string;
  report: { kind: string; title: string; audience: Audience; audienceLabel: string };
  edition: { id: string; label: string; previousLabel?: string };
  period: { label: string; previousLabel: string };
  area: { code: string; naam: string; level: AreaLevel };
  /**
   * What the data hold when that is less than every soort, klasse, incident and month ("Deze
   * gegevens bevatten 12 van de 58 soorten misdrijf. …"); absent when they hold everything.
   */
  dataNote?: string;
  /** What the page counts, for its introduction: "misdrijven en incidenten", or "misdrijven" when the data hold no incidenten. */
  subject?: string;
  /**
   * Where the counts come from, for the cover and footer: "Registraties in BVH (politie)", or for
   * tables by soort "Geregistreerde misdrijven per soort (open data van politie en CBS)"; the
   * layouts say BVH when absent (index pages).
   */
  source?: string;
  sections: PageSection[];
  /** Disclosure control applied to this page's figures (public pages only). */
  disclosure?: PageDisclosure;
  /** What the total row counts (public pages): every soort, or these soort codes; for comparing with Nederland. */
  totalCovers?: "all" | string[];
  /** What a public page shows above its tables, drawn from its figures after disclosure control. */
  highlights?: PublicHighlights;
  /** The PDF made from this page; absent when the report has none. */
  pdf?: FileLink & { landscape: boolean; footer: string; cover: boolean };
  /** The PDF's title page (src/reports/cover.ts); present when the PDF has one. */
  cover?: Cover;
  /** All tables of the page as one workbook. */
  xlsx?: FileLink;
  organisation: string;
  buildDate: string;
  breadcrumbs: Link[];
}

/** An index page: a list of links in groups. */
export interface IndexPage {
  path: string;
  layout: string;
  title: string;
  root: string;
  intro: string;
  groups: { title: string; links: (Link & { pdf?: string })[] }[];
  organisation: string;
  buildDate: string;
  breadcrumbs: Link[];
}

/**
 * The headline of a public gemeente page: key-figure cards, a few sentences, the map and the
 * comparison with Nederland. Made after disclosure control from the figures as published, so a
 * hidden figure appears in none of them (as x at most).
 */
export interface PublicHighlights {
  tiles: { label: string; value: string; detail: string }[];
  /** Plain sentences, the total first and then the most significant changes. */
  sentences: string[];
  map?: ChartSection;
  nederland?: ChartSection;
}

/** A page of the public site that is not a gemeente page. */
export interface PublicPage {
  path: string;
  layout: string;
  title: string;
  root: string;
  organisation: string;
  buildDate: string;
  breadcrumbs: Link[];
  site: { title: string; home: string; archive: string; accessibility: string; openData: string };
  intro?: string;
  /** Gemeenten with a link to their page, for the searchable list. */
  areas?: { href: string; naam: string; code: string }[];
  editions?: { href: string; label: string; csv: string; metadata: string }[];
  edition?: { label: string; csv: string; metadata: string; /** The same figures as CSV for Dutch Excel (;, decimal comma, BOM). */ excel?: string };
  contact?: string;
  columns?: { name: string; meaning: string }[];
  /** The home page's headline of the latest edition: the region's cards, sentences, map, trends and Nederland. */
  highlights?: PublicHighlights & { trends?: Figure[]; trendsTable?: Table; trendsNote?: string };
}

export type SitePage = ReportPage | IndexPage | PublicPage;
