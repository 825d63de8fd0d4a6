/**
 * A tiny string builder for SVG: attributes are escaped, numbers rounded to one decimal (so the
 * same chart gives the same bytes and golden files stay readable), and `undefined` attributes are
 * left out. No DOM is needed: charts are rendered on the server as strings.
 */
export type Attributes = Record<string, string | number | undefined>;

/** `<tag a="1">children</tag>`, or `<tag a="1"/>` without children. */
export function svgElement(tag: string, attributes: Attributes = {}, children: readonly string[] | string = []): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(typeof value === "number" ? round(value) : value)}"`)
    .join("");
  const content = typeof children === "string" ? children : children.join("");
  return content === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${content}</${tag}>`;
}

/** A text node's or attribute's content with &, <, >, " and ' escaped. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A coordinate as text: one decimal at most, no "-0", no trailing ".0". */
export function round(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** An SVG path through points, from rounded coordinates ("M1,2L3,4"). */
export function polyline(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${round(x)},${round(y)}`).join("");
}

/**
 * The rough width of a text in the chart font (Source Sans 3), for layout without a DOM: the
 * average advance of Dutch text is about 0.5 em, digits 0.53 em.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += /[0-9]/.test(char) ? 0.53 : /[ il.,:;'|!]/.test(char) ? 0.27 : /[mwMW]/.test(char) ? 0.82 : /[A-Z]/.test(char) ? 0.62 : 0.5;
  return em * fontSize;
}
