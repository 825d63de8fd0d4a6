import { soortTotalLabel, type Coverage } from "../../model/coverage.ts";
import type { ReportContext } from "../context.ts";

/**
 * How a category is named in a sentence that counts it: "Woninginbraken namen toe van 399 naar
 * 629". CBS names ("Diefstal/inbraak woning") are labels, not nouns one can count with; these are
 * the plural forms a reader would use. Categories not listed fall back to "registraties van …".
 */
const WORDS: Record<string, string> = {
  "0.0.0": "misdrijven",
  "1.1.1": "woninginbraken",
  "1.1.2": "inbraken in boxen, garages en schuren",
  "1.2.1": "diefstallen uit of vanaf auto's",
  "1.2.2": "diefstallen van auto's en andere motorvoertuigen",
  "1.2.3": "diefstallen van fietsen en brommers",
  "1.2.4": "zakkenrollerijen",
  "1.2.5": "diefstallen van andere voertuigen",
  "1.4.1": "zedenmisdrijven",
  "1.4.2": "gevallen van moord en doodslag",
  "1.4.3": "gevallen van openlijk geweld tegen personen",
  "1.4.4": "bedreigingen",
  "1.4.5": "mishandelingen",
  "1.4.6": "straatroven",
  "1.4.7": "overvallen",
  "1.6.1": "branden en ontploffingen",
  "2.2.1": "vernielingen",
  "2.5.1": "inbraken en diefstallen bij bedrijven en instellingen",
  "2.5.2": "winkeldiefstallen",
  "3.1.1": "registraties van drugshandel",
  "3.1.3": "registraties van wapenbezit en -handel",
  "3.7.4": "gevallen van cybercrime",
  "3.9.3": "gevallen van oplichting en bedrog",
};

/**
 * What the names of totals need to know: the names of codes, and which soorten the input holds. A
 * total over fewer soorten than the classification knows never says "alle misdrijven".
 */
export interface Names {
  nameOf(code: string): string;
  coverage: Pick<Coverage, "soorten" | "allSoorten" | "crimesOutsideSoorten"> & Partial<Pick<Coverage, "klassen">>;
  /** Every soort code the classification knows (not 0.0.0); for what an INP node of soort-level input covers. */
  knownSoorten?: readonly string[];
}

/** The names of a report context: its classification and its coverage. */
export function namesOf(ctx: Pick<ReportContext, "reference" | "coverage"> & Partial<Pick<ReportContext, "fenomenen">>): Names {
  const { classification } = ctx.reference;
  const knownSoorten = classification
    .soorten()
    .map((soort) => soort.code)
    .filter((code) => code !== "0.0.0");
  // A fenomeen's key is "fenomeen:<id>": sections name it by what follows the colon, its id.
  const fenomeenLabel = (code: string): string | undefined => ctx.fenomenen?.get(`fenomeen:${code}`)?.label;
  return { nameOf: (code) => fenomeenLabel(code) ?? classification.nameOf(code), coverage: ctx.coverage, knownSoorten };
}

/** Whether a key counts every misdrijf of the input together: J (every crime klasse) or soort:0.0.0 (every soort). */
export function isCrimeTotal(key: string): boolean {
  return key === "J" || key === "soort:0.0.0";
}

/**
 * How a crime total covers the input: `all` (every soort of the classification), `soorten` (the
 * soorten of the input and nothing else), or `input` (J over an input that lacks soorten but holds
 * crime klassen no soort counts: every crime of the input, more than its soorten).
 */
function totalScope(key: string, names: Names): "all" | "soorten" | "input" {
  const { coverage } = names;
  if (coverage.allSoorten) return "all";
  return key === "J" && coverage.crimesOutsideSoorten ? "input" : "soorten";
}

/** "van de 12 soorten in de gegevens", "van de soort diefstal van brom-, snor-, fietsen". */
function soortenPhrase(names: Names): string {
  const { soorten } = names.coverage;
  if (soorten.length === 1) return `van de soort ${lowerFirst(names.nameOf(soorten[0] as string))}`;
  return `van de ${soorten.length} soorten in de gegevens`;
}

/**
 * " (1 van de 15 soorten in de gegevens)" for an INP node of misdrijven ("J:1", "J:1.2") over
 * soort-level input that lacks some of the node's soorten: such a node counts only the soorten the
 * input holds. Empty otherwise — klasse-level input counts a node from its klassen.
 */
function nodeCoverage(key: string, names: Names): string {
  const { coverage, knownSoorten } = names;
  if (coverage.klassen !== false || coverage.allSoorten || !knownSoorten || !/^J:\d+(\.\d+)?$/.test(key)) return "";
  const code = key.slice(2);
  const under = (soort: string): boolean => soort.startsWith(`${code}.`);
  const known = knownSoorten.filter(under).length;
  const held = coverage.soorten.filter(under).length;
  // A node without any soort of the input is not in the input at all: see not-in-input.ts.
  return held > 0 && held < known ? ` (${held} van de ${known} soorten in de gegevens)` : "";
}

/** The plural noun phrase for a soort misdrijf code ("1.1.1" → "woninginbraken"), when there is one. */
export function soortWords(code: string): string | undefined {
  return WORDS[code];
}

/** The plural noun phrase for a category key ("J", "N", "J:1.1.1", "soort:1.1.1", "klasse:A20"). */
export function categoryWords(key: string, names: Names): string {
  if (isCrimeTotal(key)) {
    const scope = totalScope(key, names);
    return scope === "all" ? "misdrijven" : scope === "input" ? "misdrijven in de gegevens" : `misdrijven ${soortenPhrase(names)}`;
  }
  if (key === "N") return "incidenten en meldingen van overlast";
  const code = key.slice(key.indexOf(":") + 1);
  if (/^[JNO]:\d+$/.test(key)) return `misdrijven in de categorie ${names.nameOf(code).toLowerCase()}${nodeCoverage(key, names)}`;
  if ((key.startsWith("soort:") || key.startsWith("J:")) && WORDS[code]) return WORDS[code];
  return `registraties van ${lowerFirst(names.nameOf(code))}`;
}

/**
 * The label of a total row of misdrijven (J or soort:0.0.0): "Totaal misdrijven" when the input
 * holds every soort; otherwise what it covers — "Totaal van de 12 soorten in de gegevens", or
 * "Totaal misdrijven in de gegevens" for J over crime klassen that no soort counts.
 */
export function crimeTotalLabel(key: string, names: Names): string {
  const scope = totalScope(key, names);
  return scope === "all" ? "Totaal misdrijven" : scope === "input" ? "Totaal misdrijven in de gegevens" : soortTotalLabel(names.coverage);
}

const GROUP_WORDS: Record<string, string> = {
  woninginbraak: "woninginbraken",
  straatroof: "straatroven",
  overval: "overvallen",
  geweld: "geweldsmisdrijven",
};

/** The plural noun phrase for a group of categories named `label` ("Geweld" → "geweldsmisdrijven"). */
export function groupWords(label: string): string {
  return GROUP_WORDS[label.toLowerCase()] ?? `registraties van ${label.toLowerCase()}`;
}

/** A short heading for a category: "Alle misdrijven", "1 Veiligheid", "Woninginbraak" (its CBS name). */
export function categoryTitle(key: string, names: Names): string {
  if (isCrimeTotal(key)) {
    const scope = totalScope(key, names);
    if (scope === "all") return key === "J" ? "Alle misdrijven" : "Totaal misdrijven";
    return scope === "input" ? "Alle misdrijven in de gegevens" : soortTotalLabel(names.coverage);
  }
  if (key === "N") return "Incidenten en overlast";
  const code = key.slice(key.indexOf(":") + 1);
  if (/^[JNO]:/.test(key)) return `${code} ${names.nameOf(code)}${nodeCoverage(key, names)}`;
  return names.nameOf(code);
}

/** "J" → "Misdrijven" (or what they cover), "J:1.1.1" → "Diefstal/inbraak woning", "soort:1.2.3" → its name. */
export function categoryLabel(key: string, names: Names): string {
  if (isCrimeTotal(key)) {
    const scope = totalScope(key, names);
    if (scope === "all") return key === "J" ? "Misdrijven" : names.nameOf("0.0.0");
    return capitalize(categoryWords(key, names));
  }
  if (key === "N") return "Incidenten en overlast";
  return names.nameOf(key.slice(key.indexOf(":") + 1));
}

/** "Woninginbraken" from "woninginbraken". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
