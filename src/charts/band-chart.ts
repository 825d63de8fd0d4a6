import { max, min } from "d3-array";
import { scaleLinear, scalePoint } from "d3-scale";
import { area, line } from "d3-shape";
import { chartFrame, legend, type ChartText } from "./chart-frame.ts";
import { formatCount } from "./nl-locale.ts";
import { COLOURS } from "./palette.ts";
import { escapeXml, svgElement } from "./svg-markup.ts";

export interface BandChartSpec extends ChartText {
  /** x-axis labels, e.g. the months "jan" … "dec". */
  labels: readonly string[];
  /** The series the chart is about (this year); null where there is no figure yet. */
  current: readonly (number | null)[];
  /** The reference line (the average of earlier years). */
  reference: readonly number[];
  /** The range of earlier years: lowest and highest per label. */
  low: readonly number[];
  high: readonly number[];
  names: { current: string; reference: string; band: string };
  format?: (value: number) => string;
  width?: number;
  height?: number;
}

/**
 * One series against a band: this year's months against the lowest–highest range and the average
 * of earlier years. The band is a light fill, the average a dashed orange line, this year a solid
 * dark blue line with points; a few labelled gridlines (the axis starts at zero unless every value
 * lies well above it).
 */
export function bandChart(spec: BandChartSpec): string {
  const width = spec.width ?? 380;
  const height = spec.height ?? 220;
  const format = spec.format ?? formatCount;
  const left = 40;
  const key = legend(
    [
      { label: spec.names.current, swatch: (x, y) => svgElement("path", { d: `M${x},${y + 6}h16`, stroke: COLOURS.primary, "stroke-width": 2.2 }) + svgElement("circle", { cx: x + 8, cy: y + 6, r: 3.2, fill: COLOURS.primary }) },
      { label: spec.names.reference, swatch: (x, y) => svgElement("path", { d: `M${x},${y + 6}h16`, stroke: COLOURS.secondary, "stroke-width": 2, "stroke-dasharray": "5 3" }) },
      { label: spec.names.band, swatch: (x, y) => svgElement("rect", { x, y, width: 16, height: 12, fill: COLOURS.band }) },
    ],
    left,
    width,
  );
  const margin = { top: key.bottom + 12, right: 12, bottom: 22, left };
  const x = scalePoint<string>()
    .domain(spec.labels.map(String))
    .range([margin.left, width - margin.right])
    .padding(0.4);
  const values = [...spec.high, ...spec.low, ...spec.current.filter((value): value is number => value !== null), ...spec.reference];
  const top = max(values) ?? 0;
  const bottom = min(values) ?? 0;
  // The chart compares shapes through the year, so the axis may start above zero when every value
  // lies well above it (the tick labels say where it starts); otherwise it starts at zero.
  const floor = bottom > 0.5 * top ? bottom * 0.85 : 0;
  const y = scaleLinear()
    .domain([floor, top > floor ? top : floor + 1])
    .range([height - margin.bottom, margin.top])
    .nice(4);
  const xAt = (i: number) => x(spec.labels[i] ?? "") ?? 0;

  const body: string[] = [key.markup];

  for (const tick of y.ticks(4)) {
    body.push(svgElement("line", { x1: margin.left - 4, x2: width - margin.right, y1: y(tick), y2: y(tick), stroke: tick === y.domain()[0] ? COLOURS.axis : COLOURS.grid, "stroke-width": tick === y.domain()[0] ? 1 : 0.6 }));
    body.push(svgElement("text", { x: margin.left - 7, y: y(tick) + 3.5, "text-anchor": "end", "font-size": 10, fill: COLOURS.muted }, escapeXml(format(tick))));
  }
  const indices = spec.labels.map((_, i) => i);
  const band = area<number>()
    .x((i) => xAt(i))
    .y0((i) => y(spec.low[i] ?? 0))
    .y1((i) => y(spec.high[i] ?? 0))
    .digits(1);
  body.push(svgElement("path", { d: band(indices) ?? "", fill: COLOURS.band, stroke: "none" }));
  const reference = line<number>()
    .x((i) => xAt(i))
    .y((i) => y(spec.reference[i] ?? 0))
    .digits(1);
  body.push(svgElement("path", { d: reference(indices) ?? "", fill: "none", stroke: COLOURS.secondary, "stroke-width": 2, "stroke-dasharray": "5 3" }));
  const current = line<number>()
    .defined((i) => spec.current[i] !== null && spec.current[i] !== undefined)
    .x((i) => xAt(i))
    .y((i) => y(spec.current[i] ?? 0))
    .digits(1);
  body.push(svgElement("path", { d: current(indices) ?? "", fill: "none", stroke: COLOURS.primary, "stroke-width": 2.2, "stroke-linejoin": "round" }));
  indices.forEach((i) => {
    const value = spec.current[i];
    if (value !== null && value !== undefined) body.push(svgElement("circle", { cx: xAt(i), cy: y(value), r: 3, fill: COLOURS.primary }));
    body.push(svgElement("text", { x: xAt(i), y: height - 6, "text-anchor": "middle", "font-size": 10.5, fill: COLOURS.muted }, escapeXml(spec.labels[i] ?? "")));
  });
  return chartFrame(spec, width, height, body);
}
