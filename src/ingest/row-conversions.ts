import type { ColumnField } from "./export-columns.ts";
import type { Granularity } from "../model/cube.ts";
import { dayOf, type Day } from "../model/days.ts";
import { dayPartOf, UNKNOWN_DAY_PART } from "../model/day-parts.ts";
import { monthOf, type Month } from "../model/months.ts";
import type { AreaIndex } from "../reference/areas.ts";
import type { Classification } from "../reference/classification.ts";
import type { Herindelingen } from "../reference/herindelingen.ts";
import type { RejectReason, Rejection } from "./export-record.ts";
import { echo, echoes, notA } from "./echo.ts";
import type { ColumnMap } from "./map-columns.ts";
import { parseDate } from "./parse-date.ts";
import { parseKlasseCode } from "./parse-klasse.ts";
import { parsePeriod, type CountPeriod } from "./parse-period.ts";
import { suggestCode } from "./suggest-code.ts";

/** What the conversions need to know, the same for every file of an ingest. */
export interface ConversionOptions {
  areas: AreaIndex;
  classification: Classification;
  /** Registrations and counts dated after this month are rejected as "in the future". */
  lastPlausibleMonth: Month;
  earliestYear: number;
  /** Historic gemeentecodes (Weesp GM0457) are counted under the current gemeente (Amsterdam GM0363). */
  herindelingen?: Pick<Herindelingen, "currentOf">;
  /**
   * The modus operandi codes of the code list (data/reference/modus-operandi.csv): a value of the
   * MO column is kept only when it is one of them, so free text in that column never gets in.
   */
  moCodes?: ReadonlySet<string>;
}

/** A pleegdatum converted: its month (the cube's) and its day (for periods of days). */
export interface DatedValue {
  month: Month;
  day: Day;
}

/** Raw value → what it converts to (or why it is rejected), per kind of value. */
export interface ConversionCaches {
  klasse: Map<string, string | Rejection>;
  date: Map<string, DatedValue | Rejection>;
  period: Map<string, CountPeriod | Rejection>;
  area: Record<"buurtcode" | "wijkcode" | "gemeentecode", Map<string, string | Rejection>>;
}

export function conversionCaches(): ConversionCaches {
  return { klasse: new Map(), date: new Map(), period: new Map(), area: { buurtcode: new Map(), wijkcode: new Map(), gemeentecode: new Map() } };
}

/** The conversions of one file: each distinct raw value is converted once per ingest and remembered. */
export interface RowConversions {
  /** A maatschappelijke klasse or soort code, or why not. */
  klasse(raw: string): string | Rejection;
  /** The month of a pleegdatum (dd-mm-jjjj, jjjj-mm-dd), or why not. */
  monthOfDate(raw: string): Month | Rejection;
  /** The month and day of a pleegdatum, or why not (one lookup: the same cache as monthOfDate). */
  dateOf(raw: string): DatedValue | Rejection;
  /**
   * The part of the day (index into DAY_PARTS) of a pleegdatum with a time, or of the time in a
   * column of its own; UNKNOWN_DAY_PART without a time. Only the band is kept, never the minute.
   */
  dayPartOf(rawDate: string, rawTime: string): number;
  /**
   * A modus operandi code of the code list; undefined without one (no column, an empty value, or
   * no code list given); null for a value that is not a listed code (never kept, never shown).
   */
  modusOperandi(raw: string): string | undefined | null;
  /** The period of a count (2024, 2024-01, 2024MM01, 2024 januari, 2024KW01, …), or why not. */
  period(raw: string, column: ColumnField): CountPeriod | Rejection;
  /** The finest area of the code columns a row has (buurtcode, then wijkcode, then gemeentecode), or why not. */
  areaOfCodes(fields: string[]): string | Rejection;
  /** The raw value of `field` in a row ("" when the file lacks the column). */
  field(fields: string[], name: ColumnField): string;
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === "object" && value !== null && "reason" in value;
}

/** A rejection to be given its line when a row meets it. */
export function rejection(reason: RejectReason, column: ColumnField | undefined, detail: string): Rejection {
  return { reason, line: 0, column, detail };
}


/** The conversions for a file with `columns`, sharing `caches` with the other files of an ingest. */
export function rowConversions(columns: ColumnMap, options: ConversionOptions, caches: ConversionCaches): RowConversions {
  const { areas, classification } = options;

  const klasse = (raw: string): string | Rejection => {
    let result = caches.klasse.get(raw);
    if (result === undefined) {
      const code = parseKlasseCode(raw);
      if (!code) result = rejection("bad-klasse", "maatschappelijke_klasse", notA("maatschappelijke_klasse", raw, "a maatschappelijke klasse or soort code"));
      else if (!classification.klasse(code) && !echoes("maatschappelijke_klasse", code)) {
        // The shape of a code, but not of a klasse (a licence plate, say): described, not shown.
        result = rejection("unknown-klasse", "maatschappelijke_klasse", notA("maatschappelijke_klasse", code, "a known maatschappelijke klasse"));
      } else if (!classification.klasse(code)) {
        const suggestion = suggestCode(code, classification.klasseCodes());
        const hint = suggestion ? ` — did you mean ${suggestion} (${classification.klasse(suggestion)?.naam})?` : "";
        result = { ...rejection("unknown-klasse", "maatschappelijke_klasse", `unknown maatschappelijke klasse "${code}"${hint}`), code, ...(suggestion ? { suggestion } : {}) };
      } else result = code;
      caches.klasse.set(raw, result);
    }
    return result;
  };

  const inRange = (month: Month, raw: string, column: ColumnField, what: string): Month | Rejection => {
    if (Math.floor(month / 12) < options.earliestYear) return rejection("too-early", column, `${what} ${echo(column, raw)} lies before ${options.earliestYear}`);
    return month > options.lastPlausibleMonth ? rejection("future-date", column, `${what} ${echo(column, raw)} lies in the future`) : month;
  };

  const dateOf = (raw: string): DatedValue | Rejection => {
    let result = caches.date.get(raw);
    if (result === undefined) {
      const date = parseDate(raw);
      if ("error" in date) {
        // parseDate quotes the value; free text in a date column must not reach a message.
        const safe = raw.trim() === "" || echoes("pleegdatum", raw);
        result = rejection("bad-date", "pleegdatum", safe ? date.error : notA("pleegdatum", raw, "a date (expected dd-mm-jjjj or jjjj-mm-dd)"));
      } else {
        const month = inRange(monthOf(date.year, date.month), raw, "pleegdatum", "pleegdatum");
        result = isRejection(month) ? month : { month, day: dayOf(date.year, date.month, date.day) };
      }
      caches.date.set(raw, result);
    }
    return result;
  };

  const monthOfDate = (raw: string): Month | Rejection => {
    const result = dateOf(raw);
    return isRejection(result) ? result : result.month;
  };

  const dayPartOfRow = (rawDate: string, rawTime: string): number => {
    const minutes = minutesOf(rawTime.trim()) ?? minutesOf(rawDate.trim());
    // BVH writes a pleegdatum without a time as midnight: 0:00 exactly says nothing about the time.
    return minutes === undefined || minutes === 0 ? UNKNOWN_DAY_PART : dayPartOf(minutes);
  };

  const modusOperandi = (raw: string): string | undefined | null => {
    const code = raw.trim().toUpperCase();
    if (code === "" || !options.moCodes) return undefined;
    return options.moCodes.has(code) ? code : null;
  };

  const period = (raw: string, column: ColumnField): CountPeriod | Rejection => {
    let result = caches.period.get(raw);
    if (result === undefined) {
      const parsed = parsePeriod(raw);
      // parsePeriod quotes the value: only a value with the shape of a period may be repeated.
      if ("error" in parsed) result = rejection("bad-date", column, echoes(column, raw) || raw.trim() === "" ? parsed.error : notA(column, raw, "a period (expected a year, month or quarter such as 2024, 2024-01 or 2024KW01)"));
      else {
        // A period counts as in the future when it has not begun by the build month.
        const checked = inRange(parsed.month, raw, column, "period");
        result = isRejection(checked) ? checked : parsed;
      }
      caches.period.set(raw, result);
    }
    return result;
  };

  // The area columns the file has, finest first, each with its own cache of raw value → outcome.
  const areaColumns = (
    [
      ["buurtcode", "BU", 8],
      ["wijkcode", "WK", 6],
      ["gemeentecode", "GM", 4],
    ] as const
  ).flatMap(([field, prefix, digits]) => (columns[field] === undefined ? [] : [{ field, prefix, digits, index: columns[field], cache: caches.area[field] }]));
  const areaOfCodes = (fields: string[]): string | Rejection => {
    for (const { field, prefix, digits, index, cache } of areaColumns) {
      const raw = fields[index] ?? "";
      if (raw.trim() === "") continue;
      let result = cache.get(raw);
      if (result === undefined) {
        const code = normalizeAreaCode(raw, prefix, digits);
        // All comparisons use the current boundaries: a merged gemeente counts for the one it joined.
        const folded = field === "gemeentecode" ? options.herindelingen?.currentOf(code) : undefined;
        if (areas.has(code)) result = code;
        else if (folded) result = folded;
        else {
          const suggestion = suggestCode(code, areas.buurtenOf(code.slice(0, 2) === "BU" ? `GM${code.slice(2, 6)}` : code).slice(0, 500));
          const safe = echoes(field, raw) ? { code } : {};
          result = {
            ...rejection("unknown-area", field, `${echoes(field, raw) ? `unknown ${field} ${echo(field, raw)}` : `a value that is not a ${field} (not shown)`}${suggestion ? ` — did you mean ${suggestion}?` : ""}`),
            ...safe,
            ...(suggestion ? { suggestion } : {}),
          };
        }
        cache.set(raw, result);
      }
      return result;
    }
    return rejection("missing-area", "buurtcode", "no buurtcode, wijkcode or gemeentecode");
  };

  const field = (fields: string[], name: ColumnField): string => {
    const index = columns[name];
    return index === undefined ? "" : (fields[index] ?? "");
  };

  return { klasse, monthOfDate, dateOf, dayPartOf: dayPartOfRow, modusOperandi, period, areaOfCodes, field };
}

const DUTCH_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** Minutes after midnight of "23:15", "23.15", "23:15:00" or the time in "08-12-2025 23:15" / "2025-12-08T22:15:00Z" (in Dutch time); undefined without one. */
function minutesOf(value: string): number | undefined {
  const match = /(?:^|[ T])(\d{1,2})[:.](\d{2})(?:[:.]\d{2}(?:\.\d+)?)?(Z?)$/.exec(value);
  if (!match) return undefined;
  let hours = Number(match[1]);
  let minutes = Number(match[2]);
  if (match[3] === "Z") {
    const moment = new Date(value);
    if (Number.isNaN(moment.getTime())) return undefined;
    [hours, minutes] = DUTCH_HOUR.format(moment).split(":").map(Number) as [number, number];
  }
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** "3440101", "bu03440101" and "BU03440101" all give "BU03440101". */
export function normalizeAreaCode(raw: string, prefix: string, digits: number): string {
  const value = raw.trim().toUpperCase().replace(/\s+/g, "");
  const number = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return /^\d+$/.test(number) ? prefix + number.padStart(digits, "0") : value;
}

/** Granularity words for messages: "monthly", "quarterly", "yearly". */
export const GRANULARITY_WORDS: Record<Granularity, string> = { month: "monthly", quarter: "quarterly", year: "yearly" };
