import { max } from "d3-array";
import { scaleLinear, scalePoint } from "d3-scale";
import type { MapFigure } from "./choropleth.ts";
import { chartFrame, type ChartText } from "./chart-frame.ts";
import { formatCount } from "./nl-locale.ts";
import { COLOURS } from "./palette.ts";
import { escapeXml, polyline, svgElement } from "./svg-markup.ts";

export interface TrendPoint {
  /** Label on the x axis, e.g. "1e hj 2025". */
  label: string;
  /** The figure as published: a number, or `geheim` (x) / `ontbreekt` (.) — never a hidden value. */
  figure: MapFigure;
  /** A provisional figure: an open point reached by a dashed line. */
  provisional?: boolean;
}

export interface TrendPanelSpec extends ChartText {
  points: readonly TrendPoint[];
  format?: (value: number) => string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 10, bottom: 34, left: 44 };

/**
 * One panel of a set of small multiples: a soort over a few periods, with a real y axis (gridlines
 * at round values from zero, labelled), the first and last period named on the x axis and every
 * period ticked. A hidden figure (geheim) breaks the line and is marked "x" on the baseline; a
 * missing one (ontbreekt) "."; their value is never used, not even for the scale. The panels of one
 * set share their size, not their scale: each soort's own range stays readable.
 */
export function trendPanel(spec: TrendPanelSpec): string {
  const width = spec.width ?? 300;
  const height = spec.height ?? 150;
  const format = spec.format ?? formatCount;
  const x = scalePoint<string>()
    .domain(spec.points.map((point) => point.label))
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.4);
  const top = max(spec.points, (point) => (typeof point.figure === "number" ? point.figure : 0)) ?? 0;
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice(3);
  const body: string[] = [];
  // Whole numbers only for counts (no "0,5 misdrijf"); without any figure only the baseline.
  const ticks = top > 0 ? y.ticks(3).filter((tick) => Number.isInteger(tick)) : [0];
  for (const tick of ticks) {
    const at = y(tick);
    body.push(svgElement("line", { x1: MARGIN.left - 4, x2: width - MARGIN.right, y1: at, y2: at, stroke: tick === 0 ? COLOURS.axis : COLOURS.grid, "stroke-width": 1 }));
    body.push(svgElement("text", { x: MARGIN.left - 7, y: at + 3.5, "text-anchor": "end", "font-size": 10, fill: COLOURS.muted }, escapeXml(format(tick))));
  }
  const xy = (point: TrendPoint): [number, number] => [x(point.label) ?? 0, y(typeof point.figure === "number" ? point.figure : 0)];
  for (let i = 1; i < spec.points.length; i++) {
    const from = spec.points[i - 1] as TrendPoint;
    const to = spec.points[i] as TrendPoint;
    // No segment to or from a figure that is not shown: the line breaks there.
    if (typeof from.figure !== "number" || typeof to.figure !== "number") continue;
    body.push(svgElement("path", { d: polyline([xy(from), xy(to)]), fill: "none", stroke: COLOURS.primary, "stroke-width": 2, "stroke-dasharray": to.provisional ? "4 3" : undefined, "stroke-linecap": "round" }));
  }
  spec.points.forEach((point, i) => {
    const [cx, cy] = xy(point);
    if (typeof point.figure === "number") {
      body.push(svgElement("circle", { cx, cy, r: 3.2, fill: point.provisional ? COLOURS.paper : COLOURS.primary, stroke: COLOURS.primary, "stroke-width": 1.6 }));
    } else {
      body.push(svgElement("text", { x: cx, y: y(0) - 4, "text-anchor": "middle", "font-size": 12, "font-weight": 700, fill: COLOURS.secondary }, point.figure === "geheim" ? "x" : "."));
    }
    const last = i === spec.points.length - 1;
    body.push(svgElement("line", { x1: cx, x2: cx, y1: y(0), y2: y(0) + 4, stroke: COLOURS.axis }));
    if (i === 0 || last) {
      body.push(svgElement("text", { x: cx, y: height - MARGIN.bottom + 16, "text-anchor": i === 0 ? "start" : "end", "font-size": 10, fill: COLOURS.muted }, escapeXml(point.label)));
    }
  });
  const hidden = spec.points.filter((point) => point.figure === "geheim").length;
  if (hidden > 0) {
    body.push(svgElement("text", { x: MARGIN.left, y: height - 4, "font-size": 10, fill: COLOURS.muted }, "x: geheim"));
  }
  return chartFrame(spec, width, height, body);
}
