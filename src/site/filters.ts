import { formatLocale } from "d3-format";
import nlFormat from "d3-format/locale/nl-NL" with { type: "json" };
import type { Cell, Column, Flag } from "../model/table.ts";
import { MONTH_NAMES } from "../model/dutch-months.ts";
import type { Verdict } from "../model/significance.ts";

/**
 * Nunjucks filters: tiny pure formatters for nl-NL presentation, registered in one place
 * (src/site/render-site.ts). Numbers follow CBS/politie conventions: 1.234, 12,3%, +5,0%.
 */
const nl = formatLocale(nlFormat as Parameters<typeof formatLocale>[0]);
const integer = nl.format(",.0f");
const signedInteger = nl.format("+,.0f");
const oneDecimal = nl.format(",.1f");
const signedPercent = nl.format("+.1%");

/** Formatters by specifier, made once: d3 parses the specifier each time one is made. */
const formats = new Map<string, (value: number) => string>();
function formatOf(specifier: string): (value: number) => string {
  let format = formats.get(specifier);
  if (!format) formats.set(specifier, (format = nl.format(specifier)));
  return format;
}

/** 1234 → "1.234"; 12.5 with decimals 1 → "12,5". */
export function nlNumber(value: number, decimals = 0): string {
  if (decimals === 0) return Number.isSafeInteger(value) ? groupThousands(value) : integer(value);
  return formatOf(`,.${decimals}f`)(value);
}

/**
 * A whole number with "." between thousands and d3's minus sign, as `integer` writes it: tables
 * hold thousands of counts, and this is several times faster than the general formatter.
 */
function groupThousands(value: number): string {
  const digits = String(Math.abs(value));
  let text = digits.length > 3 ? "" : digits;
  if (digits.length > 3) {
    const head = digits.length % 3 || 3;
    text = digits.slice(0, head);
    for (let at = head; at < digits.length; at += 3) text += `.${digits.slice(at, at + 3)}`;
  }
  return value < 0 ? `\u2212${text}` : text;
}

/** 0.123 → "+12,3%"; 0 → "0,0%". */
export function nlPercent(value: number): string {
  return value === 0 ? "0,0%" : signedPercent(value);
}

/** 5 → "+5", −3 → "−3", 0 → "0"; fractional differences (against an average) get one decimal. */
export function nlChange(value: number): string {
  if (value === 0) return "0";
  if (Number.isSafeInteger(value)) return value > 0 ? `+${groupThousands(value)}` : groupThousands(value);
  return Number.isInteger(value) ? signedInteger(value) : formatOf("+,.1f")(value);
}

const FLAG_MARKS: Record<Flag, string> = { voorlopig: "*", onvolledig: "°", geschat: "~" };

/** The marks for a list of flags: ["voorlopig"] → "*". */
export function flagMarks(flags: readonly Flag[] | undefined): string {
  return (flags ?? []).map((flag) => FLAG_MARKS[flag]).join("");
}

const VERDICT_TEXT: Record<Verdict, string> = {
  stijging: "▲ stijging",
  daling: "▼ daling",
  "geen significante verandering": "",
};

/** The text of a table cell as a reader sees it. */
export function cellText(cell: Cell, column: Column): string {
  if (cell.symbol) return cell.symbol;
  if (column.kind === "verdict") return cell.verdict ? (column.words ? cell.verdict : VERDICT_TEXT[cell.verdict]) : "";
  if (cell.value === null) return ".";
  let text: string;
  switch (column.kind) {
    case "count":
      text = nlNumber(cell.value);
      break;
    case "change":
      text = nlChange(cell.value);
      break;
    case "percent":
      text = nlPercent(cell.value);
      break;
    case "rate":
    case "average":
      text = nlNumber(cell.value, 1);
      break;
  }
  return text + flagMarks(cell.flags);
}

/** A fuller wording for screen readers and tooltips where the cell text is a symbol. */
export function cellTitle(cell: Cell, column: Column): string | undefined {
  if (cell.symbol === "x") return "geheim: niet getoond om herleidbaarheid te voorkomen";
  if (cell.symbol === "–") return cell.note ?? "nihil";
  if (cell.symbol === "." || (cell.value === null && column.kind !== "verdict")) return cell.note ?? "ontbreekt";
  if (column.kind === "verdict") return cell.verdict === "geen significante verandering" ? "geen significante verandering" : undefined;
  return cell.note;
}

/** "2025-12-15" → "15 december 2025". */
export function nlDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTH_NAMES[(month ?? 1) - 1]} ${year}`;
}

export const FILTERS = { nlNumber, nlPercent, nlChange, flagMarks, cellText, cellTitle, nlDate } as const;
