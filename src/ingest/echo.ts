import type { ColumnField } from "./export-columns.ts";

/**
 * What a value of each column must look like to be repeated in a message, the data-quality report
 * or a log. The column decides, not the look of the value alone: a buurtcode is shown when it has
 * the shape of a buurtcode, a date when it has the shape of a date, and so on. Anything else is
 * described instead ("a value that is not a buurtcode, not shown") — a street address, postcode,
 * phone number or name in a code column must never reach an output. A registratienummer is never
 * shown.
 */
const PERIOD_WORDS = /\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec|kwartaal|jaar|voorlopig|nader|voorlopige|cijfers|[1-4]e|MM|KW|JJ|Q|M|v)\b/gi;

/** A period: a year and period words or codes, nothing else (no street name with a year in it). */
const PERIOD = {
  test: (value: string): boolean =>
    /(?:19|20)\d{2}/.test(value) && value.length <= 40 && value.replace(/(?:MM|KW|JJ|Q|M)(?=\s*\d)/gi, " ").replace(PERIOD_WORDS, "").replace(/[\d\s*()/-]/g, "") === "",
};

interface Shape {
  shape: { test(value: string): boolean };
  what: string;
  /** The part of a value of this shape that is shown (a klasse's code, not the text after it). */
  shownPart?: (value: string) => string;
}

const SHAPES: Partial<Record<ColumnField, Shape>> = {
  // A date and perhaps a time: digits, separators, T, and Z or an offset (+01:00).
  pleegdatum: { shape: /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$|^\d{5,8}(?:\.\d+)?$/i, what: "a date" },
  pleegtijd: { shape: /^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?$/, what: "a time" },
  modus_operandi: { shape: /^[A-Z]{1,4}\d{1,4}$/, what: "a modus operandi code" },
  registratiedatum: { shape: /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/, what: "a date" },
  // B70, B 70, F5295, B70 Straatroof (a code, then its label), or a soort code 1.2.3 with its label.
  // Only the code is shown: the text after it may be anything.
  maatschappelijke_klasse: {
    shape: /^(?:[A-Za-z] ?\d{1,5}[A-Za-z]?|[A-Za-z]{1,3}\d{1,4}[A-Za-z]?|\d{1,2}\.\d{1,2}\.\d{1,2})(?:\s*[-:]?\s+[\p{L} ,./()'-]{1,60})?$/u,
    what: "a maatschappelijke klasse or soort code",
    shownPart: (value) => (/^[A-Za-z] \d/.test(value) ? value.slice(0, value.search(/\d/)) + (/\d[\dA-Za-z]*/.exec(value)?.[0] ?? "") : (/^[\dA-Za-z.]+/.exec(value)?.[0] ?? value)),
  },
  // BU03440101, bu 0344 0101, 3440101, BU0363MK01 (Amsterdam); without the prefix at most 8 digits.
  buurtcode: { shape: /^(?:BU\s*\d{4}[\dA-Z ]{0,6}|\d[\d ]{0,9})$/i, what: "a buurtcode" },
  wijkcode: { shape: /^(?:WK\s*\d{4}[\dA-Z ]{0,4}|\d[\d ]{0,7})$/i, what: "a wijkcode" },
  gemeentecode: { shape: /^(?:GM\s*\d{1,4}|\d{1,4})$/i, what: "a gemeentecode" },
  basisteam: { shape: /^[A-Z]{1,3}\d{1,6}$/i, what: "a basisteamcode" },
  // 2024, 2024-01, 2024MM01, 2024 januari, januari 2024, 2024KW01, 2024 1e kwartaal, 2024*, 2024 voorlopig.
  maand: { shape: PERIOD, what: "a period" },
  // A code, or a name as CBS writes areas: letters and punctuation, digits only in "Wijk 00 …".
  gebied: { shape: /^(?:(?:BU|WK|GM)\d[\dA-Z]{2,9}|NL\d{0,2}|(?:Wijk \d{1,3} )?[\p{L}' .()/&,-]{1,60})$/u, what: "an area code or name" },
  aantal: { shape: /^[-+]?[\d .,]{1,15}$/, what: "a count" },
};

/** `value` quoted when column `column` may show it, else a description of what it is not. */
export function echo(column: ColumnField | undefined, value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  const rule = column === undefined ? undefined : SHAPES[column];
  if (!rule) return "(value not shown)";
  if (clean === "") return "an empty value";
  if (!rule.shape.test(clean)) return `(a value that is not ${rule.what}, not shown)`;
  return `"${rule.shownPart ? rule.shownPart(clean) : clean}"`;
}

/** Whether `echo` would show the value (so that it may also be kept, e.g. as an unknown code). */
export function echoes(column: ColumnField | undefined, value: string): boolean {
  return echo(column, value).startsWith('"');
}

/**
 * "\"B7O\" is not a maatschappelijke klasse code", or — when the column may not show the value —
 * "a value that is not a maatschappelijke klasse code (not shown)".
 */
export function notA(column: ColumnField | undefined, value: string, description: string): string {
  return echoes(column, value) ? `${echo(column, value)} is not ${description}` : value.trim() === "" ? `an empty value is not ${description}` : `a value that is not ${description} (not shown)`;
}
