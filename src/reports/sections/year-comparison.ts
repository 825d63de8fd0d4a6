import { barChart } from "../../charts/bar-chart.ts";
import { formatCount, formatPercentChange } from "../../charts/nl-locale.ts";
import { compare } from "../../model/compare.ts";
import { shiftYears } from "../../model/periods.ts";
import type { Row } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { YearComparisonSpec } from "../definition.ts";
import type { ChartSection } from "../page.ts";
import { countsOf, planColumns } from "./columns.ts";
import { tableNotes } from "./notes.ts";
import { categoryTitle, categoryWords, namesOf } from "./reader-names.ts";
import { allSoorten, periodMarks, presentInRegion, yearLabel } from "./year-periods.ts";

/**
 * This year against last year per category: paired horizontal bars (largest first), a sentence on
 * which changes are more than chance, and the table with change, significance and rate.
 */
export function yearComparison(spec: YearComparisonSpec, area: string, level: AreaLevel, ctx: ReportContext): ChartSection {
  const counts = ctx.counts(level);
  const current = ctx.edition.period;
  const previous = shiftYears(current);
  const names = namesOf(ctx);
  const areaName = ctx.reference.areas.nameOf(area);
  const categories = presentInRegion(spec.categories === "soorten" ? allSoorten(ctx) : spec.categories, ctx, previous.first, current.last);
  const data = categories.map((category) => {
    const now = counts.sum(area, category, current.first, current.last);
    const before = counts.sum(area, category, previous.first, previous.last);
    return { category, now, before, change: compare(now, before, ctx.comparison) };
  });

  const plan = planColumns(["current", "previous", "change", "verdict", "per1000"], ctx);
  const rows: Row[] = data.map(({ category }) => ({ id: category, label: categoryTitle(category, names), level: 0, role: "detail", cells: plan.cells(countsOf(ctx, area, level, category)) }));

  const sumNow = data.reduce((sum, item) => sum + item.now, 0);
  const sumBefore = data.reduce((sum, item) => sum + item.before, 0);
  // The soorten together are the total of the soorten: "misdrijven", or "misdrijven van de 12 soorten in de gegevens".
  const what = spec.categories === "soorten" ? categoryWords("soort:0.0.0", names) : `registraties in deze ${data.length} categorieën`;
  const lead = [`In ${yearLabel(current)} registreerde de politie in ${areaName} ${formatCount(sumNow)} ${what}, tegen ${formatCount(sumBefore)} in ${yearLabel(previous)}.`];
  const significant = data.filter(({ change }) => change.verdict !== "geen significante verandering").sort((a, b) => a.change.pValue - b.change.pValue);
  if (significant.length === 0) {
    lead.push(data.length === 1 ? "Bij deze soort is het verschil niet groter dan toeval kan verklaren." : `Bij geen van de ${data.length} soorten is het verschil groter dan toeval kan verklaren.`);
  } else {
    const list = significant.map(({ category, change }) => `${categoryWords(category, names)} (${change.percent === null ? `${formatCount(change.previous)} → ${formatCount(change.current)}` : formatPercentChange(change.percent)})`);
    const others = data.length - significant.length;
    lead.push(`Meer dan toeval veranderden: ${joinDutch(list)}.${others > 0 ? ` Bij de andere ${others === 1 ? "soort" : `${others} soorten`} valt het verschil binnen wat toeval kan verklaren.` : ""}`);
  }

  const sorted = [...data].sort((a, b) => b.now - a.now || b.before - a.before || (a.category < b.category ? -1 : 1));
  const largest = sorted[0];
  const svg = barChart({
    id: `grafiek-${spec.id}`,
    title: `${spec.title}: ${areaName}`,
    description: `${lead.join(" ")}${largest ? ` De meeste registraties: ${categoryWords(largest.category, names)} (${formatCount(largest.now)}).` : ""}`,
    categories: sorted.map(({ category }) => categoryTitle(category, names)),
    series: [
      { name: `${yearLabel(current)}${periodMarks(current, ctx)}`, style: "solid-primary", values: sorted.map(({ now }) => now) },
      { name: `${yearLabel(previous)}${periodMarks(previous, ctx)}`, style: "solid-secondary", values: sorted.map(({ before }) => before) },
    ],
  });

  return {
    type: "chart",
    id: spec.id,
    title: spec.title,
    lead,
    figures: data.length > 0 ? [{ id: spec.id, caption: `${yearLabel(current)} en ${yearLabel(previous)} per soort misdrijf`, svg }] : [],
    table: {
      id: spec.id,
      caption: `${spec.title}: ${areaName}`,
      rowHeading: "Soort misdrijf",
      columns: plan.columns,
      rows,
      notes: tableNotes({ columns: plan.columns, rows }, ctx, level),
    },
    // The bars carry every count and the lead names the changes that are more than chance;
    // the table (with % and rates) stays in the HTML and the downloads.
    printTable: false,
  };
}

/** "a, b en c". */
export function joinDutch(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}
