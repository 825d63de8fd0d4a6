import type { Day } from "./days.ts";

/**
 * The registrations of incident-level input at day granularity, for the sections that need days
 * or single incidents (periods of weeks and days, the incident list, modus operandi). A row holds
 * only the day of the pleegdatum, its part of the day, the klasse, the finest area and the modus
 * operandi code: no registratienummer, no address, no free text, no time to the minute. Rows are
 * sorted by their values, so their order tells nothing about the order of registration.
 */
export interface Registrations {
  areas: string[];
  klassen: string[];
  /** Modus operandi codes of the code list (see data/reference/modus-operandi.csv). */
  mos: string[];
  area: Int32Array;
  klasse: Int32Array;
  day: Int32Array;
  /** Index into DAY_PARTS, or -1 when the export gave no time. */
  dayPart: Int8Array;
  /** Index into `mos`, or -1 without a code. */
  mo: Int32Array;
}

export function emptyRegistrations(): Registrations {
  return { areas: [], klassen: [], mos: [], area: new Int32Array(0), klasse: new Int32Array(0), day: new Int32Array(0), dayPart: new Int8Array(0), mo: new Int32Array(0) };
}

/** Number of registrations. */
export function registrationCount(registrations: Registrations): number {
  return registrations.day.length;
}

/** The first and last day with a registration, or undefined when there are none. */
export function dayRange(registrations: Registrations): { first: Day; last: Day } | undefined {
  if (registrations.day.length === 0) return undefined;
  // Sorted by day first.
  return { first: registrations.day[0] as number, last: registrations.day[registrations.day.length - 1] as number };
}
