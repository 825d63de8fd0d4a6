import { formatCount } from "../../charts/nl-locale.ts";
import type { ReportPage } from "../page.ts";
import { tableOf } from "../page.ts";

/**
 * What a public page says in words when disclosure control hid most of its figures per soort (a
 * small gemeente such as Renswoude): that the numbers per soort are too small to show, and what can
 * be shown — the total of the period against a year earlier, and the total of the full year when
 * the page has it. Undefined when at most half of the soorten of the period are hidden. Reads the
 * page as published (after disclosure control), so it never names a hidden figure.
 */
export function disclosureSummary(page: ReportPage): string | undefined {
  const sections = page.sections.map((section) => ({ id: section.id, table: tableOf(section) }));
  const main = sections.find((section) => section.table?.columns.some((column) => column.id === "current"))?.table;
  if (!main) return undefined;
  const current = main.columns.findIndex((column) => column.id === "current");
  const previous = main.columns.findIndex((column) => column.id === "previous");
  const details = main.rows.filter((row) => row.role !== "total");
  const hidden = details.filter((row) => row.cells[current]?.symbol === "x").length;
  if (details.length === 0 || hidden * 2 <= details.length) return undefined;
  const naam = page.area.naam;
  const words = [
    hidden === details.length
      ? `In ${naam} zijn de aantallen per soort misdrijf in het ${page.period.label} te klein om te tonen.`
      : `In ${naam} zijn de meeste aantallen per soort misdrijf in het ${page.period.label} te klein om te tonen.`,
  ];
  const total = main.rows.find((row) => row.role === "total");
  const now = total?.cells[current];
  const before = previous >= 0 ? total?.cells[previous] : undefined;
  if (now && now.value !== null && now.symbol !== "x") {
    const then = before && before.value !== null && before.symbol !== "x" ? `, tegen ${formatCount(before.value)} in het ${page.period.previousLabel}` : "";
    words.push(`In totaal registreerde de politie er ${formatCount(now.value)} ${totalWords(total?.label)}${then}.`);
  }
  // The full year, where the page has it (the second half year).
  const year = sections.find((section) => section.table !== main && section.table?.columns.some((column) => column.id === "current"))?.table;
  const yearCurrent = year?.columns.findIndex((column) => column.id === "current") ?? -1;
  const yearTotal = year?.rows.find((row) => row.role === "total")?.cells[yearCurrent];
  if (year && yearTotal && yearTotal.value !== null && yearTotal.symbol !== "x") {
    const label = year.columns[yearCurrent]?.label ?? "het hele jaar";
    words.push(`Over ${/^\d{4}$/.test(label) ? `heel ${label}` : label.toLowerCase()} waren het er ${formatCount(yearTotal.value)}.`);
  }
  words.push("Per soort zijn de cijfers als x weergegeven: kleine aantallen, en aantallen waaruit een klein aantal af te leiden is.");
  return words.join(" ");
}

/**
 * What the total row counts, as the sentence names it: "misdrijven" under "Totaal misdrijven",
 * "misdrijven van de 12 soorten in de gegevens" under "Totaal van de 12 soorten in de gegevens" —
 * a total that covers fewer soorten than all misdrijven says so in words as in its label.
 */
function totalWords(label: string | undefined): string {
  const rest = /^Totaal (.+)$/.exec(label ?? "")?.[1];
  if (!rest) return "misdrijven";
  return rest.startsWith("misdrijven") ? rest : `misdrijven ${rest}`;
}
