import type { Rejection } from "../export-record.ts";
import { notA } from "../echo.ts";
import type { CountPeriod } from "../parse-period.ts";
import { isRejection, rejection, type RowConversions } from "../row-conversions.ts";
import type { Requirement } from "./input-format.ts";

/** An area by code: a buurtcode, wijkcode or gemeentecode column (the finest one a row fills counts). */
export const AREA_CODES: Requirement = { anyOf: ["buurtcode", "wijkcode", "gemeentecode"], description: "an area column (buurtcode, wijkcode or gemeentecode)" };

export const PERIOD: Requirement = { anyOf: ["maand"], description: "a period column (maand, perioden)" };

export const COUNT: Requirement = { anyOf: ["aantal"], description: "a count column (aantal)" };

/**
 * A count as tables write it: digits, perhaps padded with spaces ("   11987"). "." and "x" (CBS:
 * ontbreekt, geheim) and an empty field are missing — undefined, never 0; "-" and "–" (nihil) are
 * 0. Anything else is "bad": a negative, a decimal, and "1.234" too, which is a thousand in Dutch
 * and one and a bit in English (refused rather than guessed).
 */
export function parseCount(raw: string): number | undefined | "bad" {
  const value = raw.trim();
  if (value === "" || value === "." || value === "x" || value === "X") return undefined;
  if (value === "-" || value === "–" || value === "—") return 0;
  if (!/^\d+$/.test(value)) return "bad";
  const count = Number(value);
  return Number.isSafeInteger(count) ? count : "bad";
}

/** The count and the period of a row of a table of counts, or why the row is refused (its line still to be set). */
export function countAndPeriod(conversions: RowConversions, fields: string[]): { aantal: number | undefined; period: CountPeriod } | Rejection {
  const raw = conversions.field(fields, "aantal");
  const aantal = parseCount(raw);
  if (aantal === "bad") return rejection("bad-count", "aantal", notA("aantal", raw, "a count (a whole number ≥ 0)"));
  const period = conversions.period(conversions.field(fields, "maand"), "maand");
  return isRejection(period) ? period : { aantal, period };
}
