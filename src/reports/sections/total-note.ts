import { isCrimeTotal, type Names } from "./reader-names.ts";

/**
 * Why the rows of a table do not add up to its total: the soorten of the input that the total
 * counts but that have no row of their own ("Het totaal omvat ook 6 soorten die hier niet apart
 * staan: …"), and for all misdrijven (J) the crimes that no soort counts. `categories` are the
 * table's rows, in order; undefined when the table has no crime total, no soort rows beside it, or
 * when its rows cover everything the total counts.
 */
export function totalNote(categories: readonly string[], names: Names): string | undefined {
  const total = categories.find(isCrimeTotal);
  const shown = new Set(categories.filter((category) => category.startsWith("soort:") && !isCrimeTotal(category)).map((category) => category.slice("soort:".length)));
  if (!total || shown.size === 0) return undefined;
  const missing = names.coverage.soorten.filter((code) => !shown.has(code));
  const outside = total === "J" && names.coverage.crimesOutsideSoorten;
  if (missing.length === 0 && !outside) return undefined;
  const parts: string[] = [];
  if (missing.length > 0) {
    const list = missing.map((code) => names.nameOf(code).toLowerCase());
    parts.push(`${missing.length === 1 ? "1 soort die" : `${missing.length} soorten die`} hier niet apart ${missing.length === 1 ? "staat" : "staan"} (${list.join("; ")})`);
  }
  if (outside) parts.push("misdrijven die onder geen soort vallen");
  return `Het totaal omvat ook ${parts.join(" en ")}.`;
}
