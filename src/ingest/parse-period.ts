import type { Granularity } from "../model/cube.ts";
import { MONTH_NAMES, SHORT_MONTH_NAMES } from "../model/dutch-months.ts";
import { monthOf, type Month } from "../model/months.ts";

/** The period a count is for: its first month and how long it is. */
export interface CountPeriod {
  /** The first month of the period (January for a year, the quarter's first month). */
  month: Month;
  granularity: Granularity;
  /** Marked as provisional by the source (`2024*`, `2024 voorlopig`). */
  provisional: boolean;
}

// "*", "**", "(voorlopig)", "voorlopig", "nader voorlopig", "(v)" after the period.
const PROVISIONAL = /\s*(?:\*+|\(?\s*(?:nader\s+)?voorlopig(?:e cijfers)?\s*\)?|\(v\))\s*$/i;

const YEAR = /^(\d{4})(?:\s*JJ\s*00)?$/i;
// 2024MM01, 2024M01, 2024-01, 2024/01, 2024 01, 202401.
const MONTH_NUMBER = /^(\d{4})\s*(?:MM|M|-|\/|\s)?\s*(\d{1,2})$/i;
// 2024KW01, 2024 KW1, 2024-Q1, 2024Q1, 2024 1e kwartaal, 2024 kwartaal 1, 1e kwartaal 2024.
const QUARTER = /^(\d{4})\s*(?:KW\s*0?|-?\s*Q)([1-4])$/i;
const QUARTER_WORDS_AFTER = /^(\d{4})\s+(?:([1-4])e\s+kwartaal|kwartaal\s+([1-4]))$/i;
const QUARTER_WORDS_BEFORE = /^(?:([1-4])e\s+kwartaal|kwartaal\s+([1-4]))\s+(\d{4})$/i;
// 2024 januari, januari 2024, 2024 jan, jan 2024.
const MONTH_NAME_AFTER = /^(\d{4})\s+([a-z]+)\.?$/i;
const MONTH_NAME_BEFORE = /^([a-z]+)\.?\s+(\d{4})$/i;

/**
 * Parses a period as the police open-data portal, CBS StatLine and BI tools write it:
 * `2024`, `2024JJ00` (year); `2024 januari`, `januari 2024`, `2024MM01`, `2024-01`, `202401`
 * (month); `2024KW01`, `2024-Q1`, `2024 1e kwartaal` (quarter); each optionally marked provisional
 * (`2024*`, `2024 voorlopig`). Returns a reason for anything else, quoting the value (a period
 * is not personal; it is cut to 40 characters).
 */
export function parsePeriod(text: string): CountPeriod | { error: string } {
  let value = text.trim().replace(/\s+/g, " ");
  const provisional = PROVISIONAL.test(value);
  if (provisional) value = value.replace(PROVISIONAL, "").trim();
  const found = periodOf(value);
  if (found) return { ...found, provisional };
  const shown = text.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  const quoted = shown === "" ? "an empty period" : `"${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"`;
  return { error: `${quoted} is not a period (expected a year such as 2024, a month such as 2024-01, 2024MM01 or 2024 januari, or a quarter such as 2024KW01)` };
}

function periodOf(value: string): Omit<CountPeriod, "provisional"> | undefined {
  let match = YEAR.exec(value);
  if (match) return { month: monthOf(Number(match[1]), 1), granularity: "year" };
  if ((match = QUARTER.exec(value))) return quarter(match[1], match[2]);
  if ((match = QUARTER_WORDS_AFTER.exec(value))) return quarter(match[1], match[2] ?? match[3]);
  if ((match = QUARTER_WORDS_BEFORE.exec(value))) return quarter(match[3], match[1] ?? match[2]);
  if ((match = MONTH_NUMBER.exec(value))) return month(match[1], Number(match[2]));
  if ((match = MONTH_NAME_AFTER.exec(value))) return month(match[1], monthNumberOfName(match[2]));
  if ((match = MONTH_NAME_BEFORE.exec(value))) return month(match[2], monthNumberOfName(match[1]));
  return undefined;
}

function quarter(year: string | undefined, number: string | undefined): Omit<CountPeriod, "provisional"> {
  return { month: monthOf(Number(year), (Number(number) - 1) * 3 + 1), granularity: "quarter" };
}

function month(year: string | undefined, number: number): Omit<CountPeriod, "provisional"> | undefined {
  return number >= 1 && number <= 12 ? { month: monthOf(Number(year), number), granularity: "month" } : undefined;
}

/** "januari" or "jan" (any case) → 1; 0 when it names no month. */
function monthNumberOfName(name: string | undefined): number {
  const lower = (name ?? "").toLowerCase();
  const full = MONTH_NAMES.indexOf(lower);
  if (full >= 0) return full + 1;
  const short = SHORT_MONTH_NAMES.indexOf(lower);
  return short + 1;
}
