import { max } from "d3-array";
import { scaleLinear, scalePoint } from "d3-scale";
import { chartFrame, type ChartText } from "./chart-frame.ts";
import { formatCount } from "./nl-locale.ts";
import { COLOURS } from "./palette.ts";
import { escapeXml, polyline, svgElement } from "./svg-markup.ts";

export interface LinePoint {
  /** Label on the x axis, e.g. "2025". */
  label: string;
  value: number;
  /** A provisional figure: drawn as an open point reached by a dashed line, labelled with *. */
  provisional?: boolean;
}

export interface LineChartSpec extends ChartText {
  points: readonly LinePoint[];
  /** Formats the value labels (default: whole numbers, nl-NL). */
  format?: (value: number) => string;
  width?: number;
  height?: number;
}

/**
 * A small line chart of a few periods (a five-year trend): every point labelled with its value,
 * the y axis starting at zero so the slope is honest, provisional figures marked. Meant as one
 * panel of a set of small multiples, each with the same size.
 */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 260;
  const height = spec.height ?? 125;
  const format = spec.format ?? formatCount;
  const margin = { top: 20, right: 24, bottom: 22, left: 32 };
  const x = scalePoint<string>()
    .domain(spec.points.map((point) => point.label))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const top = max(spec.points, (point) => point.value) ?? 0;
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([height - margin.bottom, margin.top])
    .nice(4);
  const at = (point: LinePoint): [number, number] => [x(point.label) ?? 0, y(point.value)];

  const body: string[] = [];
  const baseline = y(0);
  body.push(svgElement("line", { x1: margin.left - 14, x2: width - margin.right + 14, y1: baseline, y2: baseline, stroke: COLOURS.axis, "stroke-width": 1 }));
  // The axis starts at zero (said once, at the baseline); every point carries its own value.
  body.push(svgElement("text", { x: margin.left - 18, y: baseline + 3.5, "text-anchor": "end", "font-size": 9.5, fill: COLOURS.muted }, "0"));
  // Segments one by one: a segment that ends in a provisional figure is dashed.
  for (let i = 1; i < spec.points.length; i++) {
    const from = spec.points[i - 1] as LinePoint;
    const to = spec.points[i] as LinePoint;
    body.push(
      svgElement("path", {
        d: polyline([at(from), at(to)]),
        fill: "none",
        stroke: COLOURS.primary,
        "stroke-width": 2.2,
        "stroke-dasharray": to.provisional ? "4 3" : undefined,
        "stroke-linecap": "round",
      }),
    );
  }
  spec.points.forEach((point) => {
    const [cx, cy] = at(point);
    body.push(
      svgElement("circle", {
        cx,
        cy,
        r: 3.6,
        fill: point.provisional ? COLOURS.paper : COLOURS.primary,
        stroke: COLOURS.primary,
        "stroke-width": 1.8,
      }),
    );
    body.push(svgElement("text", { x: cx, y: cy - 8, "text-anchor": "middle", "font-size": 10.5, fill: COLOURS.ink }, escapeXml(`${format(point.value)}${point.provisional ? "*" : ""}`)));
    body.push(svgElement("text", { x: cx, y: height - 6, "text-anchor": "middle", "font-size": 10.5, fill: COLOURS.muted }, escapeXml(point.label)));
  });
  return chartFrame(spec, width, height, body);
}
