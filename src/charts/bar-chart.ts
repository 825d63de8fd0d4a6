import { max } from "d3-array";
import { scaleLinear } from "d3-scale";
import { chartFrame, legend, type ChartText } from "./chart-frame.ts";
import { formatCount } from "./nl-locale.ts";
import { COLOURS, type BarStyle } from "./palette.ts";
import { hatchPattern } from "./patterns.ts";
import { escapeXml, svgElement, textWidth } from "./svg-markup.ts";

export interface BarSeries {
  /** Legend text, e.g. "2025" or "Nederland". */
  name: string;
  style: BarStyle;
  /** One value per category; null when there is none (drawn as "." with no bar). */
  values: readonly (number | null)[];
  /** Marks after a value label, e.g. "*" for a provisional year. */
  mark?: string;
}

export interface BarChartSpec extends ChartText {
  /** Category labels, one group of bars each, top to bottom. */
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Formats the value labels (default: whole numbers, nl-NL). */
  format?: (value: number) => string;
  width?: number;
}

const FONT = 11;
const BAR = 11;
const GAP = 2;
const GROUP_GAP = 9;
const LINE = 13;

/**
 * Horizontal grouped bars: per category one bar per series (this year and last year; the area,
 * the eenheid and Nederland), every bar labelled with its value, the axis starting at zero.
 * Category labels wrap onto two lines when long.
 */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 360;
  const format = spec.format ?? formatCount;
  const labelWidth = Math.min(
    width * 0.4,
    Math.max(60, ...spec.categories.map((category) => Math.min(textWidth(category, FONT), width * 0.4))) + 6,
  );
  const lines = spec.categories.map((category) => wrap(category, labelWidth - 6, FONT));
  const valueLabels = spec.series.map((series) => series.values.map((value) => (value === null ? "." : `${format(value)}${series.mark ?? ""}`)));
  const labelRoom = Math.max(...valueLabels.flat().map((label) => textWidth(label, 10.5))) + 8;
  // The legend runs left to right above the bars; when it does not fit there in one row it starts
  // at the left edge, and wraps when it still does not fit.
  const entries = spec.series.map((series) => ({ label: series.name, swatch: (x: number, y: number) => swatch(series.style, x, y + 1, `${spec.id}-hatch`) }));
  const legendWidth = entries.reduce((sum, entry) => sum + 36 + textWidth(entry.label, FONT), -14);
  const key = legend(entries, labelWidth + 4 + legendWidth <= width ? labelWidth + 4 : 4, width);
  const top = key.bottom + 4;
  const groupHeight = (index: number) => Math.max((lines[index]?.length ?? 1) * LINE, spec.series.length * (BAR + GAP) - GAP);

  const highest = max(spec.series.flatMap((series) => series.values.filter((value): value is number => value !== null))) ?? 0;
  const x = scaleLinear()
    .domain([0, highest > 0 ? highest : 1])
    .range([labelWidth + 4, width - labelRoom]);

  const defs = [hatchPattern(`${spec.id}-hatch`)];
  const body: string[] = [key.markup];

  let y = top;
  spec.categories.forEach((_, index) => {
    const height = groupHeight(index);
    const labelLines = lines[index] ?? [];
    const labelTop = y + height / 2 - (labelLines.length * LINE) / 2 + LINE - 3;
    body.push(
      svgElement(
        "text",
        { x: labelWidth - 2, y: labelTop, "text-anchor": "end", fill: COLOURS.ink },
        labelLines.map((line, i) => svgElement("tspan", { x: labelWidth - 2, dy: i === 0 ? undefined : LINE }, escapeXml(line))),
      ),
    );
    const barsHeight = spec.series.length * (BAR + GAP) - GAP;
    let barY = y + (height - barsHeight) / 2;
    spec.series.forEach((series, s) => {
      const value = series.values[index] ?? null;
      const x0 = x(0);
      const x1 = value === null ? x0 : x(value);
      if (value !== null && value > 0) body.push(bar(series.style, x0, barY, Math.max(x1 - x0, 0.8), BAR, `${spec.id}-hatch`));
      body.push(svgElement("text", { x: x1 + 4, y: barY + BAR - 2, "font-size": 10.5, fill: value === null ? COLOURS.muted : COLOURS.ink }, escapeXml(valueLabels[s]?.[index] ?? "")));
      barY += BAR + GAP;
    });
    y += height + GROUP_GAP;
  });
  const bottom = y - GROUP_GAP + 6;
  body.push(svgElement("line", { x1: x(0), x2: x(0), y1: top - 4, y2: bottom, stroke: COLOURS.axis, "stroke-width": 1 }));
  return chartFrame(spec, width, bottom + 4, body, defs);
}

function bar(style: BarStyle, x: number, y: number, width: number, height: number, hatchId: string): string {
  switch (style) {
    case "solid-primary":
      return svgElement("rect", { x, y, width, height, fill: COLOURS.primary });
    case "solid-secondary":
      return svgElement("rect", { x, y, width, height, fill: COLOURS.secondary });
    case "hatched-tertiary":
      return svgElement("rect", { x: x + 0.5, y: y + 0.5, width: Math.max(width - 1, 0.5), height: height - 1, fill: `url(#${hatchId})`, stroke: COLOURS.tertiary, "stroke-width": 1 });
  }
}

function swatch(style: BarStyle, x: number, y: number, hatchId: string): string {
  return bar(style, x, y, 16, 10, hatchId);
}

/**
 * Breaks a label into at most two lines that fit `width`, after a space or a slash
 * ("Diefstal/inbraak box/garage/…"); a second line that is still too long is cut with "…".
 */
export function wrap(text: string, width: number, fontSize: number): string[] {
  if (textWidth(text, fontSize) <= width) return [text];
  const parts = text.split(/(?<=[ /])/);
  let first = "";
  let i = 0;
  for (; i < parts.length; i++) {
    const candidate = first + (parts[i] ?? "");
    if (first && textWidth(candidate.trimEnd(), fontSize) > width) break;
    first = candidate;
  }
  const rest = parts.slice(i).join("");
  if (!rest) return [first.trimEnd()];
  let second = rest;
  while (textWidth(`${second}…`, fontSize) > width && second.length > 1) second = second.slice(0, -1);
  return [first.trimEnd(), second === rest ? second : `${second.trimEnd()}…`];
}
