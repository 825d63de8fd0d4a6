import { CHART_FONT, COLOURS } from "./palette.ts";
import { escapeXml, svgElement, textWidth } from "./svg-markup.ts";

/** What every chart states about itself for readers who cannot see it. */
export interface ChartText {
  /** Stable id, unique on the page ("trend-j"): the ids inside the SVG derive from it. */
  id: string;
  /** Short name of the chart, e.g. "Misdrijven in Utrecht, 2021–2025". */
  title: string;
  /** The main finding in words, e.g. "Het aantal daalde van 15.210 in 2021 naar 13.977 in 2025." */
  description: string;
}

/**
 * The root of an accessible chart: role="img" named by its title and described by its finding,
 * scalable through its viewBox, with the chart font and no external references.
 */
export function chartFrame(text: ChartText, width: number, height: number, body: readonly string[], defs: readonly string[] = []): string {
  const titleId = `${text.id}-title`;
  const descId = `${text.id}-desc`;
  return svgElement(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      viewBox: `0 0 ${Math.round(width)} ${Math.round(height)}`,
      width: Math.round(width),
      height: Math.round(height),
      role: "img",
      "aria-labelledby": `${titleId} ${descId}`,
      class: "chart",
      id: text.id,
      "font-family": CHART_FONT,
      "font-size": 11,
      fill: COLOURS.ink,
    },
    [
      `<title id="${escapeXml(titleId)}">${escapeXml(text.title)}</title>`,
      `<desc id="${escapeXml(descId)}">${escapeXml(text.description)}</desc>`,
      ...(defs.length > 0 ? [`<defs>${defs.join("")}</defs>`] : []),
      ...body,
    ],
  );
}

/** One legend entry: its swatch drawn at (x, y) — y is the top of a 12-unit-high row — and its label. */
export interface LegendEntry {
  label: string;
  swatch(x: number, y: number): string;
}

/**
 * A legend laid out left to right from (x, 4), wrapping onto a new row when the next entry would
 * pass `right`. Returns the markup and the y below the last row.
 */
export function legend(entries: readonly LegendEntry[], x: number, right: number, fontSize = 11): { markup: string; bottom: number } {
  const parts: string[] = [];
  let left = x;
  let top = 4;
  for (const entry of entries) {
    const width = 22 + textWidth(entry.label, fontSize);
    if (left > x && left + width > right) {
      left = x;
      top += 18;
    }
    parts.push(entry.swatch(left, top), svgElement("text", { x: left + 22, y: top + 10, fill: COLOURS.ink }, escapeXml(entry.label)));
    left += width + 14;
  }
  return { markup: parts.join(""), bottom: top + 18 };
}
