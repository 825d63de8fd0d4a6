import type { Table } from "../model/table.ts";
import type { AreaLevel } from "../reference/areas.ts";
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
}

/** A file written beside a page: `path` relative to the output folder, `href` relative to the page. */
export interface FileLink {
  path: string;
  href: string;
}

export type PageSection = TableSection;

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
  sections: PageSection[];
  /** The PDF made from this page; absent when the report has none. */
  pdf?: FileLink & { landscape: boolean; footer: string; cover: boolean };
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
  edition?: { label: string; csv: string; metadata: string };
  contact?: string;
  columns?: { name: string; meaning: string }[];
}

export type SitePage = ReportPage | IndexPage | PublicPage;
