import type { MapFigure } from "../../charts/choropleth.ts";
import { formatCount, formatPercentChange, formatRate, formatSignedCount } from "../../charts/nl-locale.ts";
import type { Change } from "../../model/compare.ts";
import type { Verdict } from "../../model/significance.ts";
import type { PublicHighlights, ReportPage } from "../page.ts";
import { changeSentence } from "../sections/change-sentence.ts";
import { soortWords } from "../sections/reader-names.ts";
import type { NederlandComparison } from "./nederland.ts";
import { sectionTable, shown, type PublishedTable } from "./published-table.ts";

const TOTAL = "soort:0.0.0";
/** Sentences about soorten besides the total and the closing one: at most four in all. */
const SOORT_SENTENCES = 2;

/**
 * The key figures and sentences of a public gemeente page, from its tables as published (after
 * disclosure control): the total of the half year, its change and what the exact test says of it,
 * the rate per 1.000 inwoners against the region, and — when the comparison has it — against
 * Nederland. Sentences as in the gebiedsscan: the total first, then the soorten whose change is
 * more than chance, the most certain first (by the p-value of the betekenis column, not by size),
 * then how many changed within chance. A figure shown as x is never read for its value: a soort
 * with any hidden figure is left out of the sentences, and a hidden card says "x".
 */
export function headline(page: ReportPage, regionName: string, nederland?: NederlandComparison): Pick<PublicHighlights, "tiles" | "sentences"> {
  const main = sectionTable(page, "halfjaar");
  if (!main) return { tiles: [], sentences: [] };
  const period = page.period.label;
  const mark = main.column("current")?.flags?.includes("voorlopig") ? "*" : "";
  const total = main.table.rows.find((row) => row.id === TOTAL);
  const tiles: PublicHighlights["tiles"] = [];
  if (total) {
    const now = main.figure(TOTAL, "current");
    const before = main.figure(TOTAL, "previous");
    tiles.push({ label: `${total.label}, ${period}${mark}`, value: text(now, formatCount), detail: `${page.period.previousLabel}: ${text(before, formatCount)}` });
    const change = main.figure(TOTAL, "change");
    const percent = main.figure(TOTAL, "percent");
    const verdict = verdictOf(main, TOTAL);
    tiles.push({
      label: `Verandering t.o.v. ${page.period.previousLabel}`,
      value: typeof percent === "number" ? percentText(percent) : text(change, formatSignedCount),
      detail: verdict === "geheim" ? "betekenis: x" : verdict === undefined ? "" : verdict === "geen significante verandering" ? "binnen wat toeval kan verklaren" : `${verdict}: meer dan toeval`,
    });
    tiles.push({
      label: `Per 1.000 inwoners, ${period}${mark}`,
      value: text(main.figure(TOTAL, "per1000"), formatRate),
      detail: `${regionName}: ${text(main.figure(TOTAL, "per1000-region"), formatRate)}`,
    });
  }
  const nl = nederland?.total;
  if (nederland && nl && nl.nlRate !== undefined) {
    const own = nederland.provisional.own ? "*" : "";
    const national = nederland.provisional.nederland ? "*" : "";
    tiles.push({ label: `Per 1.000 inwoners, ${nederland.year}${own}`, value: text(nl.rate, formatRate), detail: `Nederland: ${formatRate(nl.nlRate)}${national} (dezelfde soorten)` });
  }
  return { tiles, sentences: sentences(page, main) };
}

function sentences(page: ReportPage, main: PublishedTable): string[] {
  const said: string[] = [];
  const changeOf = (rowId: string): Change | undefined => {
    const current = shown(main.figure(rowId, "current"));
    const previous = shown(main.figure(rowId, "previous"));
    const verdict = verdictOf(main, rowId);
    const pValue = shown(main.figure(rowId, "verdict"));
    if (current === undefined || previous === undefined || verdict === undefined || verdict === "geheim") return undefined;
    const percent = shown(main.figure(rowId, "percent"));
    return { current, previous, absolute: current - previous, percent: percent ?? null, percentOmitted: percent === undefined ? "basis te klein" : undefined, verdict, pValue: pValue ?? 1 };
  };
  const total = main.table.rows.find((row) => row.id === TOTAL);
  const totalChange = total ? changeOf(TOTAL) : undefined;
  if (total && totalChange) {
    const subject = total.label === "Totaal misdrijven" ? "misdrijven in totaal" : `${total.label.replace(/^Totaal van /, "misdrijven van ")} samen`;
    said.push(`${changeSentence(subject, totalChange).replace(/\.$/, "")} (${page.period.label} tegen ${page.period.previousLabel}).`);
  }
  const soorten = main.table.rows.filter((row) => row.id !== TOTAL);
  const compared = soorten.flatMap((row) => {
    const change = changeOf(row.id);
    return change ? [{ row, change }] : [];
  });
  const significant = compared
    .filter(({ change }) => change.verdict !== "geen significante verandering")
    .sort((a, b) => a.change.pValue - b.change.pValue || Math.abs(b.change.absolute) - Math.abs(a.change.absolute) || (a.row.id < b.row.id ? -1 : 1));
  for (const { row, change } of significant.slice(0, SOORT_SENTENCES)) {
    said.push(changeSentence(soortWords(row.id.replace(/^soort:/, "")) ?? `registraties van ${row.label.toLowerCase()}`, change));
  }
  const rest = significant.length - Math.min(significant.length, SOORT_SENTENCES);
  const withinChance = compared.length - significant.length;
  const hidden = soorten.filter((row) => ["current", "previous", "verdict"].some((column) => main.figure(row.id, column) === "geheim")).length;
  const closing: string[] = [];
  if (significant.length === 0 && compared.length > 0) closing.push(`Bij geen van de ${compared.length} soorten misdrijf is het verschil groter dan toeval kan verklaren`);
  else if (rest > 0) closing.push(`Bij nog ${rest} ${rest === 1 ? "soort" : "soorten"} is het verschil meer dan toeval, bij ${withinChance} niet`);
  else if (withinChance > 0) closing.push(`Bij de andere ${withinChance === 1 ? "soort" : `${withinChance} soorten`} is het verschil niet groter dan toeval kan verklaren`);
  if (hidden > 0) closing.push(`van ${hidden} ${hidden === 1 ? "soort zijn" : "soorten zijn"} de cijfers geheim (x)`);
  if (closing.length > 0) said.push(`${capitalise(closing.join("; "))}.`);
  return said;
}

/** The verdict of a row's betekenis cell as published: geheim when hidden, undefined when there is none. */
function verdictOf(main: PublishedTable, rowId: string): Verdict | "geheim" | undefined {
  const figure = main.figure(rowId, "verdict");
  if (figure === "geheim") return "geheim";
  return figure === "ontbreekt" ? undefined : main.cell(rowId, "verdict")?.verdict;
}

function text(figure: MapFigure, format: (value: number) => string): string {
  return figure === "geheim" ? "x" : figure === "ontbreekt" ? "." : format(figure);
}

function percentText(value: number): string {
  return Math.abs(value) < 0.005 ? "0%" : formatPercentChange(value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
