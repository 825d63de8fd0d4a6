import { bandChart } from "../../charts/band-chart.ts";
import { formatCount } from "../../charts/nl-locale.ts";
import { MONTH_NAMES, SHORT_MONTH_NAMES } from "../../model/dutch-months.ts";
import { monthNumberOf, monthRange } from "../../model/months.ts";
import { shiftYears, type Period } from "../../model/periods.ts";
import type { Cell, CellRef, Column, Row } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { SeasonalitySpec } from "../definition.ts";
import type { ChartSection } from "../page.ts";
import { tableNotes } from "./notes.ts";
import { capitalize, categoryWords, namesOf } from "./reader-names.ts";
import { joinDutch } from "./year-comparison.ts";
import { periodFlags, yearLabel } from "./year-periods.ts";

/**
 * The months of the period against the same months of earlier years: per month the lowest and
 * highest count of those years (the band) and their average. Says in words which months fell
 * outside the band: the ones worth a question, not proof of a trend.
 */
export function seasonality(spec: SeasonalitySpec, area: string, level: AreaLevel, ctx: ReportContext): ChartSection {
  const counts = ctx.counts(level);
  const current = ctx.edition.period;
  const earlier: Period[] = Array.from({ length: spec.years }, (_, i) => shiftYears(current, spec.years - i));
  const months = monthRange(current.first, current.last);
  const areaName = ctx.reference.areas.nameOf(area);
  const names = namesOf(ctx);
  const earlierLabel = earlier.length === 1 ? yearLabel(earlier[0] as Period) : `${yearLabel(earlier[0] as Period)}–${yearLabel(earlier[earlier.length - 1] as Period)}`;

  const data = months.map((month) => {
    const before = earlier.map((_, i) => counts.count(area, spec.category, month - 12 * (spec.years - i)));
    const complete = month <= ctx.lastCompleteMonth;
    return {
      month,
      now: complete ? counts.count(area, spec.category, month) : null,
      before,
      low: Math.min(...before),
      high: Math.max(...before),
      mean: before.reduce((a, b) => a + b, 0) / before.length,
    };
  });

  const above = data.filter((item) => item.now !== null && item.now > item.high);
  const below = data.filter((item) => item.now !== null && item.now < item.low);
  const monthList = (items: typeof data) => joinDutch(items.map((item) => MONTH_NAMES[monthNumberOf(item.month) - 1] ?? ""));
  const words = categoryWords(spec.category, names);
  const lead: string[] = [];
  const busiest = data.reduce<(typeof data)[number] | undefined>((best, item) => (item.now !== null && (best?.now ?? -1) < item.now ? item : best), undefined);
  if (busiest?.now !== null && busiest !== undefined) {
    lead.push(`${capitalize(words)} per maand in ${yearLabel(current)}: de meeste in ${MONTH_NAMES[monthNumberOf(busiest.month) - 1]} (${formatCount(busiest.now ?? 0)}).`);
  }
  const known = data.filter((item) => item.now !== null);
  if (above.length === 0 && below.length === 0) {
    lead.push(`Elke maand lag binnen de spreiding van dezelfde maand in ${earlierLabel}.`);
  } else {
    for (const [items, where] of [
      [above, "boven het hoogste"],
      [below, "onder het laagste"],
    ] as const) {
      if (items.length === 0) continue;
      const others = known.filter((item) => !items.includes(item));
      if (items.length === known.length) {
        lead.push(`Alle maanden lagen ${where} aantal van dezelfde maand in ${earlierLabel}: het hele jaar week af, niet één seizoen.`);
      } else if (items.length > known.length / 2) {
        lead.push(`In ${items.length} van de ${known.length} maanden lag het aantal ${where} van ${earlierLabel}; niet in ${monthList(others)}.`);
      } else {
        lead.push(`${capitalize(where)} aantal van ${earlierLabel}: ${monthList(items)}.`);
      }
    }
    if (above.length + below.length < known.length) lead.push("Een enkele maand buiten de band kan toeval zijn; meerdere maanden achter elkaar wijzen eerder op een verandering.");
  }

  const svg = bandChart({
    id: `grafiek-${spec.id}`,
    title: `${capitalize(words)} per maand in ${areaName}: ${yearLabel(current)} vergeleken met ${earlierLabel}`,
    description: lead.join(" "),
    labels: months.map((month) => SHORT_MONTH_NAMES[monthNumberOf(month) - 1] ?? ""),
    current: data.map((item) => item.now),
    reference: data.map((item) => item.mean),
    low: data.map((item) => item.low),
    high: data.map((item) => item.high),
    names: { current: yearLabel(current), reference: `gemiddelde ${earlierLabel}`, band: `laagste–hoogste ${earlierLabel}` },
  });

  const flags = periodFlags(current, ctx);
  const columns: Column[] = [
    { id: "current", label: yearLabel(current), kind: "count", ...(flags.length > 0 ? { flags } : {}) },
    { id: "average", label: `gem. ${earlierLabel}`, kind: "average" },
    { id: "low", label: "laagste", kind: "count", group: earlierLabel },
    { id: "high", label: "hoogste", kind: "count", group: earlierLabel },
  ];
  const rows: Row[] = data.map((item) => {
    const refs: CellRef[] = earlier.map((_, i) => {
      const month = item.month - 12 * (spec.years - i);
      return { area, category: spec.category, first: month, last: month };
    });
    const nowRef: CellRef = { area, category: spec.category, first: item.month, last: item.month };
    const lowIndex = item.before.indexOf(item.low);
    const highIndex = item.before.indexOf(item.high);
    const cells: Cell[] = [
      item.now === null ? { value: null, symbol: ".", note: "de maand was nog niet voorbij" } : { value: item.now, ref: nowRef },
      { value: item.mean, sources: refs },
      { value: item.low, ref: refs[lowIndex] as CellRef },
      { value: item.high, ref: refs[highIndex] as CellRef },
    ];
    return { id: `m${item.month}`, label: MONTH_NAMES[monthNumberOf(item.month) - 1] ?? "", level: 0, role: "detail", cells };
  });
  const notes = tableNotes({ columns, rows }, ctx, level);
  notes.unshift(`De band in de grafiek loopt per maand van het laagste tot het hoogste aantal in ${earlierLabel}; de stippellijn is het gemiddelde van die jaren.`);
  return {
    type: "chart",
    id: spec.id,
    title: spec.title,
    lead,
    figures: [{ id: spec.id, caption: `${capitalize(words)} per maand, ${yearLabel(current)} en ${earlierLabel}`, svg }],
    table: { id: spec.id, caption: `${capitalize(words)} per maand in ${areaName}`, rowHeading: "Maand", columns, rows, notes },
    // The chart has no value labels (twelve months × four lines would not read): the PDF prints the table.
    printTable: true,
  };
}
