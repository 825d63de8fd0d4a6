import { categoryKeys } from "../model/categories.ts";
import { FENOMEEN_PREFIX } from "../model/fenomeen-counts.ts";
import type { Classification } from "../reference/classification.ts";

/** A fenomeen: a named set of soorten, INP categories and klassen (any category keys but other fenomenen). */
export interface FenomeenSpec {
  id: string;
  label: string;
  categories: readonly string[];
  /** Why the set is what it is, for the page (e.g. what INP 2013 has no klasse for). */
  note?: string;
}

/**
 * The fenomenen every definition can use as `fenomeen:<id>`; a definition's own `fenomenen`
 * add to them or replace one of the same id. They follow the words of the regions' products, in
 * the codes of INP 2013 and the CBS soorten. Ondermijning has no official list of codes: this one
 * is a choice (drugs, wapens, mensenhandel en -smokkel, vuurwerk, drugsafval, heling), and INP 2013
 * has no klasse for witwassen — heling is its nearest registration.
 */
export const FENOMENEN: readonly FenomeenSpec[] = [
  { id: "woninginbraak", label: "Woninginbraak", categories: ["soort:1.1.1"] },
  { id: "high-impact-crime", label: "High impact crime", categories: ["soort:1.1.1", "soort:1.4.6", "soort:1.4.7", "soort:1.4.1", "soort:1.4.2", "soort:1.4.3", "soort:1.4.4", "soort:1.4.5"] },
  { id: "geweld", label: "Geweld", categories: ["soort:1.4.1", "soort:1.4.2", "soort:1.4.3", "soort:1.4.4", "soort:1.4.5"] },
  { id: "drugsoverlast", label: "Drugsoverlast", categories: ["klasse:E38", "klasse:F46", "klasse:F47"] },
  { id: "drugs", label: "Drugs (bezit, handel, productie)", categories: ["soort:3.1.1", "klasse:M0111"] },
  { id: "vuurwerk", label: "Vuurwerk", categories: ["soort:2.6.9", "klasse:M131", "klasse:M135"] },
  {
    id: "ondermijning",
    label: "Ondermijning",
    categories: ["soort:3.1.1", "soort:3.1.2", "soort:3.1.3", "soort:1.6.3", "soort:2.6.9", "klasse:M0111", "klasse:A81"],
    note: "Ondermijning telt hier drugshandel, mensensmokkel, wapenhandel, mensenhandel, vuurwerk, drugsafval en heling (een keuze: er is geen officiële lijst; INP 2013 heeft geen klasse voor witwassen).",
  },
  { id: "fietsdiefstal", label: "Fietsdiefstal", categories: ["soort:1.2.3"] },
  { id: "overlast", label: "Overlast", categories: ["N:2.1", "N:2.2", "N:2.4", "N:2.7"] },
];

/** A fenomeen with the klassen it counts. */
export interface Fenomeen extends FenomeenSpec {
  klassen: ReadonlySet<string>;
}

/**
 * The fenomenen of a definition (the built-in ones, then its own, which replace one of the same id),
 * by key ("fenomeen:woninginbraak"), each with the klassen of the classification it counts.
 */
export function resolveFenomenen(own: readonly FenomeenSpec[], classification: Classification): Map<string, Fenomeen> {
  const specs = new Map<string, FenomeenSpec>();
  for (const spec of [...FENOMENEN, ...own]) specs.set(spec.id, spec);
  const result = new Map<string, Fenomeen>();
  const keysOf = new Map<string, readonly string[]>();
  for (const code of classification.klasseCodes()) {
    const klasse = classification.klasse(code);
    if (klasse) keysOf.set(code, categoryKeys(klasse));
  }
  // Input by soort (open data, BI tables) counts each soort under a pseudo-klasse of its code:
  // a fenomeen of that soort (or of its INP category) counts it too.
  for (const soort of classification.soorten()) {
    const pseudo = soort.code === "0.0.0" ? undefined : classification.klasse(soort.code);
    if (pseudo && !keysOf.has(soort.code)) keysOf.set(soort.code, categoryKeys(pseudo));
  }
  for (const spec of specs.values()) {
    const wanted = new Set(spec.categories);
    const klassen = new Set([...keysOf].filter(([, keys]) => keys.some((key) => wanted.has(key))).map(([code]) => code));
    result.set(`${FENOMEEN_PREFIX}${spec.id}`, { ...spec, klassen });
  }
  return result;
}
