import type { Klasse } from "../reference/classification.ts";

/**
 * Category keys a klasse is counted under, so that one pass over the cube fills every level:
 * - `J`, `N`, `O`: all misdrijven, all incidenten/overlast, all other registrations;
 * - `J:1`, `J:1.1`, `J:1.1.1`: INP niv1, niv2, niv3 within that part (niv3 1.4.5 holds both crimes
 *   and incidents, so the part is in the key);
 * - `soort:1.1.1` and `soort:0.0.0`: CBS soort misdrijf and its total;
 * - `klasse:A20`: the klasse itself.
 * The pseudo-klasse of misdrijven not assigned to a soort (`klasse:0.0.0-rest`) counts only in `J`
 * and `soort:0.0.0`.
 */
export function categoryKeys(klasse: Klasse): string[] {
  const part = klasse.misdrijf;
  // Counted in a table's "Totaal misdrijven" under none of its soorten: the totals only.
  if (klasse.unassigned) return [part, `klasse:${klasse.code}`, "soort:0.0.0"];
  const keys = [part, `${part}:${klasse.niv1}`, `${part}:${klasse.niv2}`, `${part}:${klasse.niv3}`, `klasse:${klasse.code}`];
  if (klasse.soort) keys.push(`soort:${klasse.soort}`, "soort:0.0.0");
  return keys;
}

/** The key of INP node `code` ("1", "1.1", "1.1.1") in part `part`. */
export function inpKey(part: "J" | "N" | "O", code?: string): string {
  return code === undefined ? part : `${part}:${code}`;
}

/** The key of CBS soort misdrijf `code` ("0.0.0" for the total). */
export function soortKey(code: string): string {
  return `soort:${code}`;
}
