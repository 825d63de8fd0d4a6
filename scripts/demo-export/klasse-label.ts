/**
 * How a maatschappelijke klasse is written in the export. Real exports mix forms; the code is
 * what counts, so the demo varies the form to keep ingest honest.
 */

/** The forms a klasse cell takes. */
export type KlasseLabelStyle = "readable" | "upper" | "code";

const ROMAN_NUMERAL = /^(I|II|III|IV)\)?$/;

/**
 * The INP name in sentence case: `GEKWAL. DIEFSTAL IN/UIT WONING` → `Gekwal. diefstal in/uit woning`.
 * Roman numerals (`LIJST I`) stay upper case.
 */
export function readableKlasseNaam(inpNaam: string): string {
  const words = inpNaam
    .trim()
    .split(/\s+/)
    .map((word) => (ROMAN_NUMERAL.test(word) ? word : word.toLowerCase()));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label cell: mostly `A72 Diefstal fiets`, sometimes `A72 DIEFSTAL FIETS`, rarely just `A72`. */
export function klasseLabel(code: string, inpNaam: string, style: KlasseLabelStyle): string {
  switch (style) {
    case "readable":
      return `${code} ${readableKlasseNaam(inpNaam)}`;
    case "upper":
      return `${code} ${inpNaam.trim().replace(/\s+/g, " ")}`;
    case "code":
      return code;
  }
}

/** Share of each style, in the order drawn. */
export const LABEL_STYLE_WEIGHTS: readonly (readonly [KlasseLabelStyle, number])[] = [
  ["readable", 0.9],
  ["upper", 0.07],
  ["code", 0.03],
];
