import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { geoIdentity, geoPath } from "d3-geo";
import type { Cell, CellRef, ColumnKind, Flag, Row, Table } from "../model/table.ts";
import { chartFrame, legend, type LegendEntry } from "./chart-frame.ts";
import { mapClasses, type MapClass } from "./map-classes.ts";
import { nl } from "./nl-locale.ts";
import { COLOURS, mapRamp } from "./palette.ts";
import { dotPattern, hatchPattern } from "./patterns.ts";
import { escapeXml, svgElement } from "./svg-markup.ts";

/**
 * An area's figure on a map: a number, or the CBS reason there is none — `geheim` (x, hidden by
 * disclosure control) or `ontbreekt` (., no figure). A hidden figure carries no value, so nothing
 * downstream can colour, class or describe an area by it.
 */
export type MapFigure = number | "geheim" | "ontbreekt";

export interface MapArea {
  /** CBS area code, the key of its shape: `GM0344`, `WK034401`. */
  code: string;
  name: string;
  figure: MapFigure;
  /** Copied onto the area's table cell: the counts the figure is computed from, for disclosure control. */
  sources?: CellRef[];
  /** Copied onto the area's table cell: marks such as voorlopig. */
  flags?: Flag[];
}

/** The boundary of an area in planar coordinates (RD New metres), as `src/reference/geometry.ts` reads them. */
export type MapShape = Polygon | MultiPolygon;

export interface ChoroplethSpec {
  /** Stable id, unique on the page: the SVG's id, the prefix of the ids inside it, the table's id. */
  id: string;
  /** Short name of the map, e.g. "Woninginbraken per 1.000 inwoners in provincie Utrecht, 2024". */
  title: string;
  /** The finding in words; by default `describeChoropleth` (the highest, the lowest, the own area). */
  description?: string;
  /** The areas to draw, each with its figure; the map is fitted to them and shows nothing else. */
  areas: readonly MapArea[];
  /** A shape for every area (more are ignored). */
  shapes: ReadonlyMap<string, MapShape>;
  /** The code of the page's own area: outlined and named in the legend. */
  highlight?: string;
  /** What the figures are, in lower case: "misdrijven per 1.000 inwoners". */
  unit: string;
  /** Decimals the figures are shown with (default 1); classes are judged on the shown figure. */
  decimals?: number;
  /** At most this many classes, 1–5 (default 5). */
  classes?: number;
  /** What the areas are called (default gebied/gebieden): "gemeente"/"gemeenten", "wijk"/"wijken". */
  noun?: { one: string; many: string };
  /** The table's value column (default: the unit, of kind `rate`, or `count` with 0 decimals). */
  column?: { label: string; kind: ColumnKind };
  /** Width of the viewBox (default 360, the width of the other charts: legible on a phone unscaled); the height follows the shape of the areas. */
  width?: number;
  /** Largest height of the map itself, below the legend (default 1,2 × width). */
  maxMapHeight?: number;
}

/** A drawn map and what goes beside it on a page. */
export interface Choropleth {
  /** Accessible SVG: role="img", title, description, legend. */
  svg: string;
  /** The description the SVG carries. */
  description: string;
  /** The numbers of the map, one row per area (alphabetical), hidden ones as x and missing as `.`. */
  table: Table;
  /** The classes of the legend, lowest first. */
  classes: MapClass[];
}

const GEHEIM_NOTE = "geheim: niet getoond om herleidbaarheid te voorkomen";
const MARGIN = 4;
/** Where the legend's entries start, below its heading. */
const LEGEND_TOP = 16;

/**
 * Drawing a map on a page, where the figures are published:
 *
 *     const shapes = shapesFor(await loadGeometry(file), codes);   // src/reference/geometry.ts
 *     if (shapes) { const map = choropleth({ id, title, unit, areas, shapes, highlight }); … }
 *
 * with `areas` made from the table after disclosure control (`figureOfCell` of each area's cell),
 * so that a hidden figure reaches the map only as `geheim`; no shapes means no map (no wijk or
 * buurt boundaries configured, or not for these areas). `map.svg` is a `Figure`'s svg and
 * `map.table` the `ChartSection`'s table.
 *
 * A choropleth of areas keyed by CBS code: each area coloured by the class of its figure (a single-hue
 * ramp of up to five lightness steps from the palette's dark blue, rounded quantile classes), a
 * hidden figure hatched and a missing one dotted, both named in the legend, the page's own area
 * outlined in ink on a white halo. The shapes are drawn flat (RD New is planar: an identity
 * projection with y flipped, no spherical projection), fitted to the areas asked for, with
 * coordinates rounded to 0,1 and no random ids, so the same input gives the same bytes.
 */
export function choropleth(spec: ChoroplethSpec): Choropleth {
  const width = spec.width ?? 360;
  const decimals = spec.decimals ?? 1;
  const format = nl.format(`,.${decimals}f`);
  const shown = (value: number) => Number(value.toFixed(decimals));
  const areas = [...spec.areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  checkAreas(areas, spec.shapes);

  const values = areas.flatMap((area) => (typeof area.figure === "number" ? [shown(area.figure)] : []));
  const { classes, classOf } = mapClasses(values, spec.classes ?? 5, format);
  const ramp = classes.length > 0 ? mapRamp(classes.length) : [];
  const hatchId = `${spec.id}-hatch`;
  const dotsId = `${spec.id}-dots`;
  const fillOf = (figure: MapFigure): string =>
    figure === "geheim" ? `url(#${hatchId})` : figure === "ontbreekt" ? `url(#${dotsId})` : (ramp[classOf(shown(figure))] as string);
  const highlighted = areas.find((area) => area.code === spec.highlight);

  const swatch = (fill: string) => (x: number, y: number) => svgElement("rect", { x, y: y + 1, width: 16, height: 11, fill, stroke: COLOURS.axis, "stroke-width": 0.5 });
  const entries: LegendEntry[] = classes.map((item, i) => ({ label: item.label, swatch: swatch(ramp[i] as string) }));
  const anyGeheim = areas.some((area) => area.figure === "geheim");
  const anyOntbreekt = areas.some((area) => area.figure === "ontbreekt");
  if (anyGeheim) entries.push({ label: "geheim (x)", swatch: swatch(`url(#${hatchId})`) });
  if (anyOntbreekt) entries.push({ label: "ontbreekt (.)", swatch: swatch(`url(#${dotsId})`) });
  if (highlighted) {
    entries.push({
      label: highlighted.name,
      swatch: (x, y) => svgElement("rect", { x: x + 1, y: y + 2, width: 14, height: 9, fill: "none", stroke: COLOURS.ink, "stroke-width": 2 }),
    });
  }
  // The legend's heading says what is mapped; the entries wrap below it.
  const key = legend(entries, MARGIN, width - MARGIN);
  const body: string[] = [
    svgElement("text", { x: MARGIN, y: 12, "font-weight": 600 }, escapeXml(capitalise(spec.unit))),
    svgElement("g", { transform: `translate(0,${LEGEND_TOP})` }, key.markup),
  ];
  const top = LEGEND_TOP + key.bottom + 4;

  const collection: FeatureCollection<MapShape> = {
    type: "FeatureCollection",
    features: areas.map((area): Feature<MapShape> => ({ type: "Feature", id: area.code, properties: {}, geometry: spec.shapes.get(area.code) as MapShape })),
  };
  const inner = width - 2 * MARGIN;
  // First fitted to the width alone (an extent far taller than any map), to learn the height.
  const projection = geoIdentity().reflectY(true).fitSize([inner, 1e6], collection);
  const [[, y0], [, y1]] = geoPath(projection).bounds(collection);
  const mapHeight = Math.min(Math.ceil(y1 - y0), spec.maxMapHeight ?? Math.round(width * 1.2));
  projection.fitExtent(
    [
      [MARGIN, top],
      [MARGIN + inner, top + mapHeight],
    ],
    collection,
  );
  const path = geoPath(projection).digits(1);

  // One group carries the borders (thin white lines between the areas), so that a map of every
  // gemeente does not repeat them 342 times; each area carries its fill and, for a pointer, its name.
  const shapes = collection.features.map((item, i) => {
    const area = areas[i] as MapArea;
    const figure = area.figure;
    const text = `${area.name}: ${typeof figure === "number" ? format(figure) : figure}`;
    // A hatched or dotted area is white between its marks: a grey border keeps its shape.
    const stroke = typeof figure === "number" ? undefined : COLOURS.axis;
    return svgElement("path", { d: path(item) ?? "", fill: fillOf(figure), stroke }, [`<title>${escapeXml(text)}</title>`]);
  });
  // Even-odd: a hole is a hole whatever the winding of its ring (planar sources do not agree on one).
  body.push(svgElement("g", { stroke: COLOURS.paper, "stroke-width": 0.6, "stroke-linejoin": "round", "fill-rule": "evenodd" }, shapes));
  if (highlighted) {
    const outline = path(collection.features[areas.indexOf(highlighted)] as Feature<MapShape>) ?? "";
    // Ink on a white halo: visible on the darkest class and on the lightest alike, and in grey.
    body.push(svgElement("path", { d: outline, fill: "none", stroke: COLOURS.paper, "stroke-width": 4, "stroke-linejoin": "round" }));
    body.push(svgElement("path", { d: outline, fill: "none", stroke: COLOURS.ink, "stroke-width": 1.8, "stroke-linejoin": "round" }));
  }

  const description = spec.description ?? describeChoropleth(spec);
  const defs = [...(anyGeheim ? [hatchPattern(hatchId)] : []), ...(anyOntbreekt ? [dotPattern(dotsId)] : [])];
  const svg = chartFrame({ id: spec.id, title: spec.title, description }, width, top + mapHeight + MARGIN, body, defs);
  return { svg, description, table: tableOf(spec, areas, classes), classes };
}

/**
 * The finding of a map in words: where the figure is highest and lowest (every area that shares
 * it), the own area's figure, and how many areas have a hidden or no figure. Hidden figures are
 * never in it, not even by their rank.
 */
export function describeChoropleth(spec: Pick<ChoroplethSpec, "areas" | "unit" | "decimals" | "highlight" | "noun">): string {
  const decimals = spec.decimals ?? 1;
  const format = nl.format(`,.${decimals}f`);
  const noun = spec.noun ?? { one: "gebied", many: "gebieden" };
  const shown = spec.areas.flatMap((area) => (typeof area.figure === "number" ? [{ name: area.name, value: Number(area.figure.toFixed(decimals)) }] : []));
  const sentences: string[] = [];
  if (shown.length === 0) {
    sentences.push(`Van geen ${noun.one} is een cijfer te tonen.`);
  } else {
    const high = Math.max(...shown.map((item) => item.value));
    const low = Math.min(...shown.map((item) => item.value));
    const namesAt = (value: number) => joinNames(shown.filter((item) => item.value === value).map((item) => item.name));
    if (high === low) sentences.push(`In ${shown.length === 1 ? namesAt(high) : `alle ${shown.length} ${noun.many} met een cijfer`} was het ${format(high)} ${spec.unit}.`);
    else sentences.push(`Het hoogst was het cijfer in ${namesAt(high)} (${format(high)} ${spec.unit}), het laagst in ${namesAt(low)} (${format(low)}).`);
  }
  const own = spec.areas.find((area) => area.code === spec.highlight);
  if (own) {
    if (typeof own.figure === "number") sentences.push(`In ${own.name} was het ${format(own.figure)}.`);
    else sentences.push(`Het cijfer van ${own.name} ${own.figure === "geheim" ? "is geheim" : "ontbreekt"}.`);
  }
  const count = (figure: MapFigure) => spec.areas.filter((area) => area.figure === figure).length;
  const geheim = count("geheim");
  const ontbreekt = count("ontbreekt");
  const of = (n: number) => `${n} ${n === 1 ? noun.one : noun.many}`;
  if (geheim > 0 && ontbreekt > 0) sentences.push(`Van ${of(geheim)} is het cijfer geheim, van ${of(ontbreekt)} ontbreekt het.`);
  else if (geheim > 0) sentences.push(`Van ${of(geheim)} is het cijfer geheim.`);
  else if (ontbreekt > 0) sentences.push(`Van ${of(ontbreekt)} ontbreekt het cijfer.`);
  return sentences.join(" ");
}

/**
 * The figure a table cell holds, for drawing a map from a table after disclosure control: a cell
 * marked x is `geheim` whatever value it still holds, one without a value `ontbreekt`.
 */
export function figureOfCell(cell: Pick<Cell, "value" | "symbol">): MapFigure {
  if (cell.symbol === "x") return "geheim";
  if (cell.symbol !== undefined || cell.value === null) return "ontbreekt";
  return cell.value;
}

function tableOf(spec: ChoroplethSpec, areas: readonly MapArea[], classes: readonly MapClass[]): Table {
  const noun = spec.noun ?? { one: "gebied", many: "gebieden" };
  const column = spec.column ?? { label: spec.unit, kind: (spec.decimals ?? 1) === 0 ? "count" : "rate" };
  const rows: Row[] = [...areas]
    .sort((a, b) => a.name.localeCompare(b.name, "nl") || (a.code < b.code ? -1 : 1))
    .map((area) => {
      const passed = { ...(area.sources ? { sources: area.sources } : {}), ...(area.flags && area.flags.length > 0 ? { flags: area.flags } : {}) };
      const cell: Cell =
        area.figure === "geheim"
          ? { value: null, symbol: "x", note: GEHEIM_NOTE, ...passed }
          : area.figure === "ontbreekt"
            ? { value: null, symbol: ".", note: "ontbreekt", ...passed }
            : { value: area.figure, ...passed };
      return { id: area.code, label: area.name, level: 1, role: "detail", cells: [cell] };
    });
  const notes = classes.length > 1 ? [`Klassen op de kaart (${spec.unit}): ${classes.map((item) => item.label).join("; ")}.`] : [];
  return { id: spec.id, caption: spec.title, rowHeading: capitalise(noun.one), columns: [{ id: "waarde", label: column.label, kind: column.kind }], rows, notes };
}

function checkAreas(areas: readonly MapArea[], shapes: ReadonlyMap<string, MapShape>): void {
  const seen = new Set<string>();
  for (const area of areas) {
    if (seen.has(area.code)) throw new Error(`choropleth: area ${area.code} is given twice`);
    seen.add(area.code);
    if (!shapes.has(area.code)) throw new Error(`choropleth: no shape for area ${area.code} (use shapesFor to leave out a map without geometry)`);
  }
  if (areas.length === 0) throw new Error("choropleth: no areas to draw");
}

function joinNames(names: readonly string[]): string {
  const sorted = [...names].sort((a, b) => a.localeCompare(b, "nl"));
  if (sorted.length <= 1) return sorted.join("");
  if (sorted.length > 3) return `${sorted.slice(0, 3).join(", ")} en ${sorted.length - 3} andere`;
  return `${sorted.slice(0, -1).join(", ")} en ${sorted[sorted.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
