import { formatMonth, type Month } from "../model/months.ts";
import type { Cell, CellRef, Column, Flag, Row, Table } from "../model/table.ts";
import type { ReportPage, TableSection } from "../reports/page.ts";

/**
 * The status of a figure, as CBS and the police mark it, never mixed into the value: `x` geheim
 * (hidden by disclosure control), `.` ontbreekt (not available), `-` niet van toepassing (a
 * percentage on too small a base), `*` voorlopig, `°` onvolledig (a delivery is missing), `*°`
 * both; empty for a final figure.
 */
export type FigureStatus = "" | "x" | "." | "-" | "*" | "°" | "*°";

/** One figure in long form: what the data package's rows and the JSON API's records hold. */
export interface Figure {
  /** CBS or police area code (GM0344, WK034401, BT0301); a remainder row is `<code>:rest`. */
  area: string;
  /** "2025-03" for a month, "2025-01/2025-12" for a longer period (ISO 8601). */
  period: string;
  periodStart: Month;
  periodEnd: Month;
  /** Category key: "J" (alle misdrijven), "J:1.1.1", "N:2.7", "soort:1.2.3", "klasse:B70". */
  category: string;
  measure: MeasureId;
  /** Null when the status says why there is no number. */
  value: number | null;
  status: FigureStatus;
}

/** What a measure is, for the package's measure table and the docs. */
export interface MeasureInfo {
  label: string;
  /** Unit of the value. */
  unit: string;
  description: string;
}

/**
 * The measures a figure can be. Each table column of a report maps onto one of them; a column
 * without one is a programming error (see measureOf). Values are rounded as the pages and the
 * public open data show them (see roundedValue).
 */
export const MEASURES = {
  aantal: { label: "aantal", unit: "registraties", description: "geregistreerde misdrijven of incidenten in de periode" },
  gemiddelde_eerdere_jaren: { label: "gemiddelde eerdere jaren", unit: "registraties", description: "gemiddelde van dezelfde periode in de jaren ervoor (config comparison.years), op 1 decimaal" },
  verschil_vorig_jaar: { label: "verschil t.o.v. vorig jaar", unit: "registraties", description: "aantal min het aantal in dezelfde periode een jaar eerder" },
  verschil_vorig_jaar_procent: { label: "verschil t.o.v. vorig jaar in %", unit: "procent", description: "verschil in procenten van het aantal een jaar eerder, op 1 decimaal; status - als de basis te klein is" },
  verschil_gemiddelde: { label: "verschil t.o.v. gemiddelde", unit: "registraties", description: "aantal min het gemiddelde van eerdere jaren, op 1 decimaal" },
  verschil_gemiddelde_procent: { label: "verschil t.o.v. gemiddelde in %", unit: "procent", description: "verschil in procenten van het gemiddelde, op 1 decimaal" },
  betekenis_vorig_jaar: { label: "betekenis t.o.v. vorig jaar", unit: "code", description: "1 significante stijging, -1 significante daling, 0 geen significante verandering (exacte toets van gelijke Poisson-intensiteiten)" },
  per_1000_inwoners: { label: "per 1.000 inwoners", unit: "per 1.000 inwoners", description: "aantal per 1.000 inwoners van het gebied, op 2 decimalen" },
  per_1000_inwoners_regio: { label: "per 1.000 inwoners regio", unit: "per 1.000 inwoners", description: "hetzelfde voor de hele regio van de rapportage, ter vergelijking, op 2 decimalen" },
  aantal_vorige_editie: { label: "aantal in de vorige editie", unit: "registraties", description: "het aantal zoals de vorige editie het toonde (herziene registraties)" },
  verschil_vorige_editie: { label: "verschil t.o.v. de vorige editie", unit: "registraties", description: "aantal min het aantal in de vorige editie" },
} as const satisfies Record<string, MeasureInfo>;

export type MeasureId = keyof typeof MEASURES;

/** Labels of the areas and categories the figures name, for the package's lookup tables. */
export interface FigureLabels {
  areas: Map<string, string>;
  categories: Map<string, string>;
}

/** The figures of some pages with their labels; the same figure on several pages is one. */
export interface FigureSet {
  figures: Figure[];
  labels: FigureLabels;
}

/**
 * Every figure of the tables of `pages` as they will be shown — the page data after disclosure
 * control, never the cube — in long form, each once, sorted by area, category, period and
 * measure. Only table sections count (the tables of the report); the numbers behind charts and
 * key figures stay in the page's downloads. `areaName` names an area no row names. Throws when one
 * figure has two values (which would be a bug in the mapping of columns onto measures).
 */
export function figuresOf(pages: readonly ReportPage[], areaName: (code: string) => string | undefined = () => undefined): FigureSet {
  const byKey = new Map<string, Figure>();
  const labels: FigureLabels = { areas: new Map(), categories: new Map() };
  for (const page of pages) {
    labels.areas.set(page.area.code, page.area.naam);
    for (const section of page.sections) {
      if (section.type !== "table") continue;
      for (const figure of tableFigures(section, labels)) {
        const key = figureKey(figure);
        const before = byKey.get(key);
        if (!before) byKey.set(key, figure);
        else if (before.value === figure.value && before.value !== null) {
          // One count in two tables: a table may leave a mark to its column header that another shows (voorlopig).
          before.status = unionStatus(before.status, figure.status);
        } else if (before.value !== figure.value || before.status !== figure.status) {
          throw new Error(`${page.report.kind} ${page.edition.id} ${page.area.code}, table "${section.table.id}": ${key} is ${figure.value ?? figure.status} here and ${before.value ?? before.status} elsewhere`);
        }
      }
    }
  }
  const figures = [...byKey.values()].sort(compareFigures);
  for (const figure of figures) {
    if (!labels.areas.has(figure.area)) labels.areas.set(figure.area, areaName(figure.area) ?? figure.area);
    if (!labels.categories.has(figure.category)) labels.categories.set(figure.category, figure.category);
  }
  return { figures, labels };
}

/** The primary key of a figure: area, period, category and measure. */
export function figureKey(figure: Pick<Figure, "area" | "period" | "category" | "measure">): string {
  return `${figure.area}|${figure.period}|${figure.category}|${figure.measure}`;
}

/** "2025-03" for one month, "2025-01/2025-12" for more. */
export function periodKey(first: Month, last: Month): string {
  return first === last ? formatMonth(first) : `${formatMonth(first)}/${formatMonth(last)}`;
}

function tableFigures(section: TableSection, labels: FigureLabels): Figure[] {
  const { table } = section;
  const figures: Figure[] = [];
  for (const row of table.rows) {
    const anchor = anchorOf(row, table);
    if (!anchor) continue;
    if (row.id === anchor.category) labels.categories.set(anchor.category, row.label);
    if (row.id === anchor.area) labels.areas.set(anchor.area, row.label.replace(/^Totaal /, ""));
    row.cells.forEach((cell, i) => {
      const column = table.columns[i];
      if (!column) return;
      const measure = measureOf(column, cell, table);
      // A count is of its own area, category and period; anything derived is of the row's.
      const ref = measure === "aantal" && cell.ref ? cell.ref : anchor;
      const period = measure === "aantal" ? ref : anchor;
      figures.push({
        area: ref.area,
        period: periodKey(period.first, period.last),
        periodStart: period.first,
        periodEnd: period.last,
        category: ref.category,
        measure,
        value: roundedValue(cell, measure),
        status: statusOf(cell, column),
      });
    });
  }
  return figures;
}

/**
 * The count a row is about: the one in the column of the period (current, or a month-series'
 * count, or a revision's new count), else the first count of the row. Derived figures of the row
 * (changes, rates, verdicts) are of its area, category and period.
 */
function anchorOf(row: Row, table: Table): CellRef | undefined {
  for (const id of ["current", "count", "now"]) {
    const index = table.columns.findIndex((column) => column.id === id);
    const ref = index >= 0 ? row.cells[index]?.ref : undefined;
    if (ref) return ref;
  }
  return row.cells.find((cell) => cell.ref)?.ref;
}

/** The measure of each column id of the report tables (src/reports/sections/columns.ts, month-series, revisions). */
const COLUMN_MEASURES: Readonly<Record<string, MeasureId>> = {
  before: "aantal_vorige_editie",
  average: "gemiddelde_eerdere_jaren",
  change: "verschil_vorig_jaar",
  percent: "verschil_vorig_jaar_procent",
  "change-average": "verschil_gemiddelde",
  "percent-average": "verschil_gemiddelde_procent",
  verdict: "betekenis_vorig_jaar",
  per1000: "per_1000_inwoners",
  "per1000-region": "per_1000_inwoners_regio",
};

/**
 * The measure of a cell: a count with its CellRef is `aantal`; every other column names its own. In
 * the table of revisions (a "before" column) the change is against the previous edition.
 */
function measureOf(column: Column, cell: Cell, table: Table): MeasureId {
  if (column.kind === "count" && cell.ref) return "aantal";
  const revisions = table.columns.some((candidate) => candidate.id === "before");
  const measure = column.id === "change" && revisions ? "verschil_vorige_editie" : COLUMN_MEASURES[column.id];
  if (!measure) throw new Error(`table "${table.id}": column "${column.id}" (${column.kind}) has no measure in src/deliver/figures.ts`);
  return measure;
}

/**
 * The value as the pages and the public open data show it, never more precise: counts and changes
 * of counts whole, percentages as percent with one decimal, averages with one, rates with two
 * (as the open-data CSV), a verdict as 1, -1 or 0. Null for a cell without a number.
 */
function roundedValue(cell: Cell, measure: MeasureId): number | null {
  if (cell.symbol) return null;
  if (measure === "betekenis_vorig_jaar") return cell.verdict === "stijging" ? 1 : cell.verdict === "daling" ? -1 : cell.verdict ? 0 : null;
  if (cell.value === null) return null;
  switch (measure) {
    case "verschil_vorig_jaar_procent":
    case "verschil_gemiddelde_procent":
      return round(cell.value * 100, 1);
    case "per_1000_inwoners":
    case "per_1000_inwoners_regio":
      return round(cell.value, 2);
    default:
      return Number.isInteger(cell.value) ? cell.value : round(cell.value, 1);
  }
}

/** Rounded exactly as the pages, their CSVs and the open data round (toFixed). */
function round(value: number, digits: number): number {
  return Number(value.toFixed(digits)) + 0;
}

function statusOf(cell: Cell, column: Column): FigureStatus {
  if (cell.symbol === "x") return "x";
  if (cell.symbol === ".") return ".";
  if (cell.symbol === "–") return "-";
  if (cell.value === null && !cell.verdict) return ".";
  const flags = new Set<Flag>([...(column.flags ?? []), ...(cell.flags ?? [])]);
  const voorlopig = flags.has("voorlopig") ? "*" : "";
  const onvolledig = flags.has("onvolledig") ? "°" : "";
  return `${voorlopig}${onvolledig}` as FigureStatus;
}

/** The marks of two showings of one number together: `*` and `°` as both say. */
function unionStatus(a: FigureStatus, b: FigureStatus): FigureStatus {
  const voorlopig = a.includes("*") || b.includes("*") ? "*" : "";
  const onvolledig = a.includes("°") || b.includes("°") ? "°" : "";
  return `${voorlopig}${onvolledig}` as FigureStatus;
}

function compareFigures(a: Figure, b: Figure): number {
  return compare(a.area, b.area) || compare(a.category, b.category) || a.periodStart - b.periodStart || a.periodEnd - b.periodEnd || compare(a.measure, b.measure);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
