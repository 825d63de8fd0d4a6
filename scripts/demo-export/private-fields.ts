/**
 * Invented values for the columns a real BVH export carries but the tool must never let reach
 * any output: street, house number, free-text description. The tool's canary tests search the
 * built site for them, so they must look like real data (a street name, a number, prose-like
 * text with `;` and quotes) while being fictitious: nothing here comes from a real address.
 */
import type { Random } from "./random.ts";

const STREET_STEMS = [
  "Linde", "Kerk", "Molen", "Beuken", "Eiken", "Dorps", "School", "Wilgen", "Berken", "Esdoorn",
  "Kastanje", "Populier", "Meidoorn", "Jasmijn", "Rozen", "Tulpen", "Merel", "Lijster", "Zwaluw",
  "Reiger", "Spoor", "Haven", "Sluis", "Dijk", "Polder", "Weide", "Akker", "Brink", "Veld", "Hoeve",
  "Vaart", "Gracht", "Markt", "Koren", "Smids", "Bakkers", "Touwslagers", "Zilver", "Goud", "Zonne",
];
const STREET_SUFFIXES = [
  "straat", "laan", "weg", "plein", "singel", "hof", "kade", "dijk", "pad", "steeg", "dreef", "erf", "park",
];
const SYLLABLES = [
  "ka", "lo", "ver", "stin", "ma", "bor", "del", "ten", "ri", "plo", "gen", "han", "sel", "dru", "vo",
  "ne", "wik", "pal", "der", "mon", "te", "brak", "zo", "gel", "fin", "ard", "hoe", "sma", "lin", "kro",
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(items.length)]!;
}

/** An invented street name such as `Lindelaan`. */
export function inventStraat(random: Random): string {
  return pick(random, STREET_STEMS) + pick(random, STREET_SUFFIXES);
}

/** An invented house number 1–250, one in ten with a letter suffix (`12a`). */
export function inventHuisnummer(random: Random): string {
  const number = 1 + random.int(250);
  return random.next() < 0.1 ? `${number}${pick(random, ["a", "b", "c", "A", "B"])}` : String(number);
}

function inventWord(random: Random): string {
  const syllables = 1 + random.int(3);
  let word = "";
  for (let i = 0; i < syllables; i++) word += pick(random, SYLLABLES);
  return word;
}

/**
 * Invented free text of 6–14 nonsense words. About one in twenty contains a `;` and one in
 * twenty a quoted word, so that writers and readers must get CSV quoting right.
 */
export function inventOmschrijving(random: Random): string {
  const count = 6 + random.int(9);
  const words = Array.from({ length: count }, () => inventWord(random));
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
  if (random.next() < 0.05) words[1 + random.int(count - 2)] += ";";
  if (random.next() < 0.05) {
    const i = random.int(count);
    words[i] = `"${words[i]}"`;
  }
  return words.join(" ") + ".";
}
