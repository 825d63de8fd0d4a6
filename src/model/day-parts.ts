/**
 * Parts of the day an incident list shows instead of a time: a time to the minute, together with
 * a day and a buurt, points at one incident and often at one person. The bands are the police's
 * usual four of six hours.
 */
export const DAY_PARTS = ["nacht", "ochtend", "middag", "avond"] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** Stored as its index in DAY_PARTS; UNKNOWN_DAY_PART when the export gives no time. */
export const UNKNOWN_DAY_PART = -1;

/** The band of a time of day in minutes after midnight: nacht 0:00–5:59, ochtend 6:00–11:59, middag 12:00–17:59, avond 18:00–23:59. */
export function dayPartOf(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) return UNKNOWN_DAY_PART;
  return Math.floor(minutes / 360);
}

/** "nacht" … "avond", or "onbekend". */
export function dayPartLabel(index: number): DayPart | "onbekend" {
  return DAY_PARTS[index] ?? "onbekend";
}
