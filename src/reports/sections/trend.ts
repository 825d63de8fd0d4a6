import { lineChart } from "../../charts/line-chart.ts";
import { formatCount, formatPercentChange } from "../../charts/nl-locale.ts";
import { yearOf } from "../../model/months.ts";
import type { Period } from "../../model/periods.ts";
import type { Cell, Column, Row } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { TrendSpec } from "../definition.ts";
import type { ChartSection, Figure } from "../page.ts";
import { categoryInInput } from "./not-in-input.ts";
import { tableNotes } from "./notes.ts";
import { capitalize, categoryTitle, categoryWords, namesOf } from "./reader-names.ts";
import { periodFlags, yearLabel, yearPeriods } from "./year-periods.ts";

/**
 * The last N years of each category as small line charts of one size (small multiples), with the
 * provisional years marked, and the counts as a table.
 */
export function trendSection(spec: TrendSpec, area: string, level: AreaLevel, ctx: ReportContext): ChartSection {
  const counts = ctx.counts(level);
  const periods = yearPeriods(ctx.edition.period, spec.years);
  const first = periods[0] as Period;
  const last = periods[periods.length - 1] as Period;
  const names = namesOf(ctx);
  const areaName = ctx.reference.areas.nameOf(area);
  const span = `${yearLabel(first)}–${yearLabel(last)}`;

  // A category the input does not hold (incidenten in a table of crimes) is said to be missing, not drawn as a line of zeros.
  const absent = spec.categories.filter((category) => !categoryInInput(category, ctx.coverage));
  const series = spec.categories.filter((category) => !absent.includes(category)).map((category) => ({ category, values: periods.map((period) => counts.sum(area, category, period.first, period.last)) }));
  const shown = series.filter(({ values }) => values.some((value) => value > 0));
  const empty = series.filter(({ values }) => values.every((value) => value === 0));

  const figures: Figure[] = shown.map(({ category, values }) => {
    const title = categoryTitle(category, names);
    return {
      id: `${spec.id}-${category.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`,
      caption: title,
      svg: lineChart({
        id: `grafiek-${spec.id}-${category.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`,
        title: `${title} in ${areaName}, ${span}`,
        description: trendSentence(values, periods, ctx.comparison.minBase),
        points: values.map((value, i) => ({ label: yearLabel(periods[i] as Period), value, provisional: ctx.voorlopig.has(yearOfPeriod(periods[i] as Period)) })),
      }),
    };
  });

  const columns: Column[] = periods.map((period) => {
    const flags = periodFlags(period, ctx);
    return { id: `y${yearOfPeriod(period)}`, label: yearLabel(period), kind: "count", ...(flags.length > 0 ? { flags } : {}) };
  });
  const rows: Row[] = shown.map(({ category, values }) => ({
    id: category,
    label: categoryTitle(category, names),
    level: 0,
    role: "detail",
    cells: values.map((value, i): Cell => ({ value, ref: { area, category, first: (periods[i] as Period).first, last: (periods[i] as Period).last } })),
  }));
  const notes = tableNotes({ columns, rows }, ctx, level);
  if (columns.some((column) => column.flags?.includes("voorlopig"))) notes.push("In de grafieken: een open punt met een stippellijn ernaartoe is een voorlopig cijfer.");
  const absentText = absent.length > 0 ? `Niet in deze gegevens, dus niet getoond: ${absent.map((category) => categoryTitle(category, names)).join(", ")}.` : undefined;
  if (absentText) notes.push(absentText);
  if (empty.length > 0) notes.push(`Geen registraties in ${span}: ${empty.map(({ category }) => categoryTitle(category, names)).join(", ")}.`);

  return {
    type: "chart",
    id: spec.id,
    title: spec.title,
    lead: [
      ...shown.map(({ category, values }) => `${capitalize(categoryWords(category, names))}: ${lowerFirst(trendSentence(values, periods, ctx.comparison.minBase, false))}`),
      // The table (and its notes) is not printed: the PDF reader learns from the lead what is missing.
      ...(absentText ? [absentText] : []),
    ],
    figures,
    table: { id: spec.id, caption: `${spec.title}: ${areaName}, ${span}`, rowHeading: "Categorie", columns, rows, notes },
    printTable: false,
  };
}

/**
 * The trend in words: "Van 15.210 in 2021 naar 13.977 in 2025 (−8%); het hoogste aantal was 15.210 (2021), het laagste 13.300 (2024)."
 * A percentage only when the first year reaches `minBase`; the highest and lowest year only with `extremes`.
 */
export function trendSentence(values: readonly number[], periods: readonly Period[], minBase: number, extremes = true): string {
  const firstValue = values[0] ?? 0;
  const lastValue = values[values.length - 1] ?? 0;
  const label = (i: number) => yearLabel(periods[i] as Period);
  const percent = firstValue > 0 && firstValue >= minBase ? ` (${formatPercentChange((lastValue - firstValue) / firstValue)})` : "";
  let high = 0;
  let low = 0;
  values.forEach((value, i) => {
    if (value > (values[high] ?? 0)) high = i;
    if (value < (values[low] ?? 0)) low = i;
  });
  const range = !extremes || high === low ? "" : `; het hoogste aantal was ${formatCount(values[high] ?? 0)} (${label(high)}), het laagste ${formatCount(values[low] ?? 0)} (${label(low)})`;
  return `Van ${formatCount(firstValue)} in ${label(0)} naar ${formatCount(lastValue)} in ${label(values.length - 1)}${percent}${range}.`;
}

function yearOfPeriod(period: Period): number {
  return yearOf(period.last);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
