import type { AreaLevel } from "../reference/areas.ts";

/** Who a report is for; decides what it may contain (see src/model/disclosure). */
export type Audience = "public" | "gezag" | "intern";

export const AUDIENCE_LABELS: Record<Audience, string> = {
  public: "Openbaar",
  gezag: "Vertrouwelijk — uitsluitend bestemd voor het gezag",
  intern: "Uitsluitend voor intern gebruik (politie)",
};

/** Columns a category table can have. */
export type CategoryColumn =
  /** each month of the edition's year so far */
  | "months"
  /** year to date */
  | "ytd"
  /** the same period last year */
  | "ytd-previous"
  /** change absolute and in % */
  | "change"
  /** significance of the change in words/marker */
  | "verdict"
  /** year to date per 1.000 inwoners */
  | "per1000";

/** A table of INP categories (niv1 → niv2 → niv3 with subtotals) for one part. */
export interface CategoryTableSection {
  type: "category-table";
  id: string;
  title: string;
  /** J: misdrijven; N: incidenten/overlast. */
  part: "J" | "N";
  /** Deepest INP level shown (1–3). */
  depth: 1 | 2 | 3;
  columns: CategoryColumn[];
}

export type SectionSpec = CategoryTableSection;

/**
 * A periodic product as data: which areas get a page, what period an edition covers, which
 * sections it holds and who may read it. Adding a product means writing one of these, not new
 * machinery.
 */
export interface ReportDefinition {
  /** URL-safe name, also the output folder: dist/<kind>/<edition>/. */
  kind: string;
  title: string;
  description: string;
  audience: Audience;
  areaLevels: AreaLevel[];
  /** The period an edition covers, given the edition month: year to date for the tabellenboek. */
  period: "ytd";
  sections: SectionSpec[];
  /** Nunjucks layout in layouts/ that renders a page of this report. */
  layout: string;
  pdf: { landscape: boolean } | false;
}
