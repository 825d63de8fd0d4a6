import { lineChart } from "../../charts/line-chart.ts";
import { compare } from "../../model/compare.ts";
import { yearOf } from "../../model/months.ts";
import type { Period } from "../../model/periods.ts";
import type { Cell, CellRef, Column, Row } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { HighImpactCrimeSpec } from "../definition.ts";
import type { ChartSection, Figure } from "../page.ts";
import { changeSentence } from "./change-sentence.ts";
import { tableNotes } from "./notes.ts";
import { capitalize, categoryTitle, groupWords, namesOf } from "./reader-names.ts";
import { trendSentence } from "./trend.ts";
import { joinDutch } from "./year-comparison.ts";
import { periodFlags, presentInRegion, yearLabel, yearPeriods } from "./year-periods.ts";

/**
 * High impact crime: per group (woninginbraak, straatroof, overval, geweld) the last N years, the
 * change against last year in words, and a table with the soorten each group counts. Only what the
 * data holds is shown: a soort without any registration in the whole region in those years is not
 * in the export (the demo has no straatroof), so it is named as absent, never shown as 0.
 */
export function highImpactCrime(spec: HighImpactCrimeSpec, area: string, level: AreaLevel, ctx: ReportContext): ChartSection {
  const counts = ctx.counts(level);
  const periods = yearPeriods(ctx.edition.period, spec.years);
  const first = periods[0] as Period;
  const current = periods[periods.length - 1] as Period;
  const previous = periods[periods.length - 2] as Period;
  const names = namesOf(ctx);
  const areaName = ctx.reference.areas.nameOf(area);
  const span = `${yearLabel(first)}–${yearLabel(current)}`;

  const groups = spec.groups.map((group) => ({ ...group, present: presentInRegion(group.categories, ctx, first.first, current.last) }));
  const shown = groups.filter((group) => group.present.length > 0);
  const absent = groups.filter((group) => group.present.length === 0);
  const sumOf = (categories: readonly string[], period: Period) => categories.reduce((sum, category) => sum + counts.sum(area, category, period.first, period.last), 0);
  const refsOf = (categories: readonly string[], period: Period): CellRef[] => categories.map((category) => ({ area, category, first: period.first, last: period.last }));

  const lead: string[] = [];
  const figures: Figure[] = [];
  const columns: Column[] = [
    ...periods.map((period): Column => {
      const flags = periodFlags(period, ctx);
      return { id: `y${yearOf(period.last)}`, label: yearLabel(period), kind: "count", ...(flags.length > 0 ? { flags } : {}) };
    }),
    { id: "verdict", label: `${yearLabel(current)} t.o.v. ${yearLabel(previous)}`, kind: "verdict" },
  ];
  const rows: Row[] = [];
  for (const group of shown) {
    const values = periods.map((period) => sumOf(group.present, period));
    const change = compare(values[values.length - 1] ?? 0, values[values.length - 2] ?? 0, ctx.comparison);
    lead.push(changeSentence(groupWords(group.label), change));
    const slug = group.label.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    figures.push({
      id: `${spec.id}-${slug}`,
      caption: group.label,
      svg: lineChart({
        id: `grafiek-${spec.id}-${slug}`,
        title: `${group.label} in ${areaName}, ${span}`,
        description: trendSentence(values, periods, ctx.comparison.minBase),
        points: values.map((value, i) => ({ label: yearLabel(periods[i] as Period), value, provisional: ctx.voorlopig.has(yearOf((periods[i] as Period).last)) })),
      }),
    });
    const single = group.present.length === 1 && group.categories.length === 1;
    rows.push({
      id: `groep:${slug}`,
      label: single ? `${group.label}` : `${group.label} (totaal)`,
      level: 0,
      role: single ? "detail" : "subtotal",
      cells: [
        ...periods.map((period, i): Cell => (single ? { value: values[i] ?? 0, ref: refsOf(group.present, period)[0] as CellRef } : { value: values[i] ?? 0, sources: refsOf(group.present, period) })),
        { value: change.pValue, verdict: change.verdict, sources: refsOf(group.present, current).concat(refsOf(group.present, previous)) },
      ],
    });
    if (!single) {
      for (const category of group.present) {
        const memberValues = periods.map((period) => counts.sum(area, category, period.first, period.last));
        const memberChange = compare(memberValues[memberValues.length - 1] ?? 0, memberValues[memberValues.length - 2] ?? 0, ctx.comparison);
        rows.push({
          id: category,
          label: categoryTitle(category, names),
          level: 1,
          role: "detail",
          cells: [
            ...periods.map((period, i): Cell => ({ value: memberValues[i] ?? 0, ref: refsOf([category], period)[0] as CellRef })),
            { value: memberChange.pValue, verdict: memberChange.verdict, sources: [...refsOf([category], current), ...refsOf([category], previous)] },
          ],
        });
      }
    }
  }

  const notes = tableNotes({ columns, rows }, ctx, level);
  for (const group of groups.filter((candidate) => candidate.categories.length > 1)) {
    const missing = group.categories.filter((category) => !group.present.includes(category));
    notes.unshift(
      `${group.label} telt hier de CBS-soorten ${joinDutch(group.categories.map((category) => `${categoryTitle(category, names).toLowerCase()} (${category.replace(/^soort:/, "")})`))}.` +
        (missing.length > 0 ? ` In de gegevens van deze rapportage komen ${joinDutch(missing.map((category) => categoryTitle(category, names).toLowerCase()))} niet voor.` : ""),
    );
  }
  if (absent.length > 0) {
    notes.unshift(`${capitalize(joinDutch(absent.map((group) => group.label.toLowerCase())))} ${absent.length === 1 ? "komt" : "komen"} in de gegevens van deze rapportage (${span}) in het hele gebied niet voor en ${absent.length === 1 ? "is" : "zijn"} daarom weggelaten.`);
  }
  return {
    type: "chart",
    id: spec.id,
    title: spec.title,
    lead,
    figures,
    table: { id: spec.id, caption: `High impact crime in ${areaName}, ${span}`, rowHeading: "Categorie", columns, rows, notes },
    // The table shows the soorten that geweld counts and which changes are significant.
    printTable: true,
  };
}
