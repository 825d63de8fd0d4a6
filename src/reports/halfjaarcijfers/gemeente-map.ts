import { choropleth, figureOfCell, type MapArea } from "../../charts/choropleth.ts";
import { shapesFor, type AreaGeometry } from "../../reference/geometry.ts";
import type { ChartSection, ReportPage } from "../page.ts";

const TOTAL = "soort:0.0.0";

export interface GemeenteMapOptions {
  /** Unique on the page. */
  id: string;
  /** The page's own gemeente, outlined. */
  highlight?: string;
  /** The region the gemeenten make up: "provincie Utrecht". */
  regionName: string;
  /** The soort mapped (default the total). */
  soort?: string;
}

/**
 * The map of an edition: every gemeente of its pages coloured by its rate per 1.000 inwoners of a
 * soort in the period, read from each page's half-year table as published (after disclosure
 * control) through `figureOfCell` — a hidden rate is drawn as "geheim" (hatched), never by its
 * value. Undefined without boundaries for every gemeente (the map is left out, not drawn with
 * holes) or without the soort.
 */
export function gemeenteMap(pages: readonly ReportPage[], geometry: AreaGeometry | undefined, options: GemeenteMapOptions): ChartSection | undefined {
  const soort = options.soort ?? TOTAL;
  const areas: MapArea[] = [];
  let label: string | undefined;
  for (const page of pages) {
    const table = page.sections.find((section) => section.id === "halfjaar");
    if (!table || !("table" in table)) continue;
    const column = table.table.columns.findIndex((item) => item.id === "per1000");
    const row = table.table.rows.find((item) => item.id === soort);
    const cell = row?.cells[column];
    if (!row || !cell) continue;
    label ??= row.label;
    areas.push({ code: page.area.code, name: page.area.naam, figure: figureOfCell(cell), ...(cell.sources ? { sources: cell.sources } : {}), ...(cell.flags ? { flags: cell.flags } : {}) });
  }
  const shapes = shapesFor(geometry, areas.map((area) => area.code));
  const first = pages[0];
  if (!shapes || !first || !label || areas.length === 0) return undefined;
  const subject = soort === TOTAL ? (label === "Totaal misdrijven" ? "Misdrijven" : `Misdrijven (${label.charAt(0).toLowerCase()}${label.slice(1)})`) : label;
  const title = `${subject} per 1.000 inwoners per gemeente in ${options.regionName}, ${first.period.label}`;
  // The section carries the id; the drawing and its table their own (ids are unique on a page).
  const figureId = `grafiek-${options.id}`;
  const map = choropleth({
    id: figureId,
    title,
    areas,
    shapes,
    unit: "misdrijven per 1.000 inwoners",
    noun: { one: "gemeente", many: "gemeenten" },
    column: { label: "per 1.000 inw.", kind: "rate" },
    ...(options.highlight ? { highlight: options.highlight } : {}),
  });
  return {
    type: "chart",
    id: options.id,
    title: "Kaart",
    lead: [map.description],
    figures: [{ id: figureId, caption: title, svg: map.svg }],
    table: { ...map.table, notes: [...map.table.notes, ...(map.table.rows.some((row) => row.cells[0]?.symbol === "x") ? ["x : geheim — gearceerd op de kaart; het cijfer is niet getoond om herleidbaarheid te voorkomen."] : [])] },
    printTable: true,
  };
}
