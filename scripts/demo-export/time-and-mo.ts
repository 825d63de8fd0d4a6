/**
 * The time of day and the modus operandi code of a demo registration: **illustrative**. Both are
 * drawn from a hash of the registratienummer, not from the generator's random stream, so adding
 * them changed no other value of the export (every real yearly total stays exact) and a repeated
 * registration keeps its time and code in every delivery.
 *
 * Times follow plausible hourly profiles per kind of klasse (woninginbraak in the late afternoon
 * and evening, geweld and overlast in the evening and night, other crime in the day); one in ten
 * has no time (BVH then writes no time, the tool shows "onbekend"). The MO code is given for
 * woninginbraak only (the codes of data/reference/modus-operandi.csv, illustrative themselves),
 * with about a fifth without a code.
 */

const WONINGINBRAAK = new Set(["A20", "A30", "B20", "B30"]);
const GEWELD_OVERLAST = /^(?:F5[2-5]|E|B7|F010)/;

/** Weights per hour 0–23. */
const PROFILES = {
  woninginbraak: [2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 8, 9, 11, 13, 14, 13, 10, 7, 4, 3],
  avond: [7, 6, 5, 3, 2, 1, 1, 2, 3, 3, 4, 4, 5, 5, 5, 6, 7, 8, 9, 10, 11, 11, 10, 9],
  dag: [2, 1, 1, 1, 1, 1, 2, 4, 6, 7, 8, 8, 8, 8, 8, 8, 8, 7, 6, 5, 4, 3, 3, 2],
};
const MO_CODES = ["WI01", "WI02", "WI03", "WI04", "WI05", "WI06", "WI07", "WI99"];
const MO_WEIGHTS = [14, 10, 22, 12, 16, 4, 6, 16];

/** FNV-1a of a text with a salt: a stable 32-bit number per registratienummer and purpose. */
function hash(text: string, salt: number): number {
  let h = (2166136261 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  // A final avalanche, so that consecutive numbers give unrelated values.
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

function pick(weights: readonly number[], unit: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let at = unit * total;
  for (let i = 0; i < weights.length; i++) {
    at -= weights[i] as number;
    if (at < 0) return i;
  }
  return weights.length - 1;
}

/** "hh:mm", or "" for one registration in ten (no time known). */
export function demoPleegtijd(registratienummer: string, klasse: string): string {
  const h = hash(registratienummer, 1);
  if (h % 10 === 0) return "";
  const profile = WONINGINBRAAK.has(klasse) ? PROFILES.woninginbraak : GEWELD_OVERLAST.test(klasse) ? PROFILES.avond : PROFILES.dag;
  const hour = pick(profile, (hash(registratienummer, 2) % 1_000_000) / 1_000_000);
  const minute = hash(registratienummer, 3) % 60;
  // 0:00 would read as "no time" (that is how BVH writes a date without one).
  return `${String(hour).padStart(2, "0")}:${String(hour === 0 && minute === 0 ? 1 : minute).padStart(2, "0")}`;
}

/** A modus operandi code for a woninginbraak, "" for a fifth of them and for every other klasse. */
export function demoModusOperandi(registratienummer: string, klasse: string): string {
  if (!WONINGINBRAAK.has(klasse)) return "";
  const h = hash(registratienummer, 4);
  if (h % 5 === 0) return "";
  return MO_CODES[pick(MO_WEIGHTS, (hash(registratienummer, 5) % 1_000_000) / 1_000_000)] as string;
}
