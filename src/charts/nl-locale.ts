import { formatLocale } from "d3-format";
import nlFormat from "d3-format/locale/nl-NL" with { type: "json" };

/** d3-format with the nl-NL locale: 1.234, 12,5, −3. */
export const nl = formatLocale(nlFormat as Parameters<typeof formatLocale>[0]);

const integer = nl.format(",.0f");
const oneDecimal = nl.format(",.1f");

/** 1234 → "1.234". */
export function formatCount(value: number): string {
  return integer(value);
}

/** 37.94 → "37,9". */
export function formatRate(value: number): string {
  return oneDecimal(value);
}

const signedWholePercent = nl.format("+.0%");
const signedInteger = nl.format("+,.0f");

/** 0.583 → "+58%", −0.12 → "−12%" (whole percents: for sentences, where a decimal adds nothing). */
export function formatPercentChange(value: number): string {
  return signedWholePercent(value);
}

/** 5 → "+5", −3 → "−3", 0 → "0". */
export function formatSignedCount(value: number): string {
  return value === 0 ? "0" : signedInteger(value);
}
