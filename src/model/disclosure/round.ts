/**
 * Rounding to a multiple of 5, the CBS practice for tables that are published without
 * suppression: 0 stays 0 (no registration is not a small number), 1 to 7 become 5, and every
 * other count goes to the nearest multiple of 5, halves up (8 → 10, 12 → 10, 13 → 15). Totals are
 * rounded on their own, so they may differ from the sum of their rounded parts.
 */
export function roundToFive(count: number): number {
  if (count <= 0) return 0;
  return Math.max(5, Math.round(count / 5) * 5);
}

export const ROUNDING_NOTE = "Aantallen zijn afgerond op vijftallen; totalen kunnen daardoor afwijken van de som van de delen.";
