import { COLOURS } from "./palette.ts";
import { svgElement } from "./svg-markup.ts";

/**
 * Thin diagonal lines on white: a mark that differs from every solid fill by its texture, in colour
 * and in grey. The bar chart draws Nederland with it; a map draws a hidden figure ("geheim").
 */
export function hatchPattern(id: string): string {
  return svgElement("pattern", { id, width: 4, height: 4, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, [
    svgElement("rect", { width: 4, height: 4, fill: COLOURS.paper }),
    svgElement("line", { x1: 0, y1: 0, x2: 0, y2: 4, stroke: COLOURS.tertiary, "stroke-width": 1.4 }),
  ]);
}

/**
 * Small grey dots on white: a map's area without a figure ("." ontbreekt), told apart from the
 * hatch of a hidden figure and from the solid classes.
 */
export function dotPattern(id: string): string {
  return svgElement("pattern", { id, width: 5, height: 5, patternUnits: "userSpaceOnUse" }, [
    svgElement("rect", { width: 5, height: 5, fill: COLOURS.paper }),
    svgElement("circle", { cx: 2.5, cy: 2.5, r: 0.9, fill: COLOURS.tertiary }),
  ]);
}
