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

/** The plural noun phrase for a category key ("J", "N", "J:1.1.1", "soort:1.1.1", "klasse:A20"). */
export function categoryWords(key: string, nameOf: (code: string) => string): string {
  if (key === "J" || key === "soort:0.0.0") return "misdrijven";
  if (key === "N") return "incidenten en meldingen van overlast";
  const code = key.slice(key.indexOf(":") + 1);
  if (/^[JNO]:\d+$/.test(key)) return `misdrijven in de categorie ${nameOf(code).toLowerCase()}`;
  if ((key.startsWith("soort:") || key.startsWith("J:")) && WORDS[code]) return WORDS[code];
  return `registraties van ${lowerFirst(nameOf(code))}`;
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
export function categoryTitle(key: string, nameOf: (code: string) => string): string {
  if (key === "J") return "Alle misdrijven";
  if (key === "soort:0.0.0") return "Totaal misdrijven";
  if (key === "N") return "Incidenten en overlast";
  const code = key.slice(key.indexOf(":") + 1);
  if (/^[JNO]:/.test(key)) return `${code} ${nameOf(code)}`;
  return nameOf(code);
}

/** "Woninginbraken" from "woninginbraken". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
