// Here in reports rather than in site: the public site's open data (public-site.ts) is CSV text too,
// and site may use reports but not the other way round.

/**
 * A field a spreadsheet may run as a formula: one starting with = + - @, also after leading
 * white space or control characters (Excel and LibreOffice skip a leading LF or CR, and a quoted
 * field may start with one), and one starting with a tab, CR or LF at all.
 */
const FORMULA_START = /^[\s\u0000-\u001f]*[=+\-@]|^[\t\r\n]/;
/** A plain number (negative, with a decimal comma or point) is data, not a formula. */
const NUMBER = /^-?\d+([.,]\d+)?$/;

/**
 * One field of a CSV file separated by `separator` (the downloads use ";", the open data ","):
 * text that a spreadsheet would run as a formula is prefixed with ', and the field is quoted when
 * it holds the separator, a quote or a line break. Every CSV the build writes goes through here.
 */
export function quote(field: string, separator: ";" | "," = ";"): string {
  const safe = FORMULA_START.test(field) && !NUMBER.test(field) ? `'${field}` : field;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
