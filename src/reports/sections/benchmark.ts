import { barChart } from "../../charts/bar-chart.ts";
import { choropleth, type MapArea } from "../../charts/choropleth.ts";
import { shapesFor } from "../../reference/geometry.ts";
import { formatPercentChange, formatRate } from "../../charts/nl-locale.ts";
import { per1000 } from "../../model/compare.ts";
import { yearOf } from "../../model/months.ts";
import type { Cell, CellRef, Column, Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { BenchmarkSpec } from "../definition.ts";
import type { ChartSection, Figure } from "../page.ts";
import type { NotInInput } from "./not-in-input.ts";
import { tableNotes } from "./notes.ts";
import { categoryTitle, type Names, namesOf } from "./reader-names.ts";
import { joinDutch } from "./year-comparison.ts";
import { periodMarks, presentInRegion, yearLabel } from "./year-periods.ts";

/** Categories in the chart besides the total: the ones with the highest rate in the area. */
const CHART_CATEGORIES = 5;

/**
 * The area against its eenheid and Nederland per 1.000 inwoners, for the CBS soorten with national
 * figures (the real per-gemeente table): the total of those soorten and each of them. The eenheid
 * is counted from the exports, over the gemeenten in scope that lie in it, with their inhabitants;
 * Nederland from the national table. What the comparison covers is said on the page.
 */
export function benchmark(spec: BenchmarkSpec, area: string, level: AreaLevel, ctx: ReportContext): ChartSection {
  const current = ctx.edition.period;
  const year = yearOf(current.last);
  const names = namesOf(ctx);
  const areaName = ctx.reference.areas.nameOf(area);
  const national = ctx.national;
  const wanted = spec.categories === "national" ? (national?.soorten ?? []).filter((code) => code !== "0.0.0").map((code) => `soort:${code}`) : spec.categories;
  const categories = presentInRegion(wanted, ctx, current.first, current.last);
  const region = regionOf(area, ctx);

  const counts = ctx.counts(level);
  const gemeenteCounts = ctx.counts("gemeente");
  const inwoners = ctx.reference.population.of(area, year);
  const nlInwoners = national?.inwoners(year);
  const ref = (code: string, category: string): CellRef => ({ area: code, category, first: current.first, last: current.last });

  interface Line {
    id: string;
    label: string;
    categories: readonly string[];
  }
  const lines: Line[] = [{ id: "totaal", label: `Totaal van ${categories.length === 1 ? "deze soort" : `deze ${categories.length} soorten`}`, categories }, ...categories.map((category) => ({ id: category, label: soortLabel(category, names), categories: [category] }))];
  const figures = lines.map((line) => {
    const count = line.categories.reduce((sum, category) => sum + counts.sum(area, category, current.first, current.last), 0);
    const regionCount = line.categories.reduce((sum, category) => sum + region.gemeenten.reduce((total, gemeente) => total + gemeenteCounts.sum(gemeente, category, current.first, current.last), 0), 0);
    const nlValues = line.categories.map((category) => national?.count(category.replace(/^soort:/, ""), year));
    const nlCount = nlValues.every((value) => value !== undefined) ? nlValues.reduce<number>((sum, value) => sum + (value ?? 0), 0) : undefined;
    return {
      line,
      count,
      rate: inwoners ? per1000(count, inwoners.inwoners) : null,
      regionRate: region.inwoners > 0 ? per1000(regionCount, region.inwoners) : null,
      nlRate: nlCount !== undefined && nlInwoners ? per1000(nlCount, nlInwoners) : null,
    };
  });

  const mark = periodMarks(current, ctx);
  const columns: Column[] = [
    { id: "count", label: "aantal", kind: "count", group: areaName },
    { id: "per1000", label: "per 1.000 inw.", kind: "rate", group: areaName },
    { id: "per1000-eenheid", label: "per 1.000 inw.", kind: "rate", group: region.label },
    { id: "per1000-nederland", label: "per 1.000 inw.", kind: "rate", group: "Nederland" },
  ];
  const rateCell = (rate: number | null, sources: CellRef[], note: string, flags?: Cell["flags"]): Cell =>
    rate === null ? { value: null, symbol: ".", note } : { value: rate, sources, ...(flags && flags.length > 0 ? { flags } : {}) };
  const rows: Row[] = figures.map(({ line, count, rate, regionRate, nlRate }, index) => ({
    id: line.id,
    label: line.label,
    level: index === 0 ? 0 : 1,
    role: index === 0 ? "total" : "detail",
    cells: [
      index === 0 ? { value: count, sources: line.categories.map((category) => ref(area, category)) } : { value: count, ref: ref(area, line.categories[0] as string) },
      rateCell(rate, line.categories.map((category) => ref(area, category)), "inwonertal onbekend", inwoners?.geschat ? ["geschat"] : undefined),
      rateCell(regionRate, line.categories.flatMap((category) => region.gemeenten.map((gemeente) => ref(gemeente, category))), "inwonertal onbekend"),
      rateCell(nlRate, [], national ? `geen landelijk cijfer voor ${year}` : "geen landelijke cijfers"),
    ],
  }));

  const map = eenheidMap(spec, area, categories, region, ctx);
  const total = figures[0];
  const lead: string[] = [];
  if (total && total.rate !== null) {
    const parts = [`${region.label} ${total.regionRate === null ? "onbekend" : formatRate(total.regionRate)}`];
    if (total.nlRate !== null) parts.push(`Nederland ${formatRate(total.nlRate)}`);
    lead.push(`${areaName} telde in ${yearLabel(current)} ${formatRate(total.rate)} misdrijven van deze soorten per 1.000 inwoners; ${joinDutch(parts)}.`);
    if (total.nlRate !== null && total.nlRate > 0) {
      const relative = total.rate / total.nlRate - 1;
      lead.push(Math.abs(relative) < 0.05 ? "Dat is ongeveer het landelijke niveau." : `Dat is ${formatPercentChange(relative).replace(/^[+−-]/, "")} ${relative > 0 ? "meer" : "minder"} dan landelijk.`);
    }
  }
  lead.push(`De vergelijking gaat over de ${categories.length} soorten misdrijf waarvan landelijke cijfers per gemeente bestaan; de tabel noemt ze alle.`);
  if (map) lead.push(`Op de kaart: ${map.description.charAt(0).toLowerCase()}${map.description.slice(1)}`);

  const charted = [figures[0], ...figures.slice(1).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || (a.line.id < b.line.id ? -1 : 1)).slice(0, CHART_CATEGORIES)].filter(
    (item): item is (typeof figures)[number] => item !== undefined,
  );
  const svg = barChart({
    id: `grafiek-${spec.id}`,
    title: `Misdrijven per 1.000 inwoners in ${yearLabel(current)}${mark}: ${areaName}, ${region.label} en Nederland`,
    description: lead.slice(0, 2).join(" "),
    categories: charted.map((item) => (item.line.categories.length === 1 && item.line.id !== "totaal" ? categoryTitle(item.line.id, names) : item.line.label)),
    series: [
      { name: areaName, style: "solid-primary", values: charted.map((item) => item.rate) },
      { name: region.label, style: "solid-secondary", values: charted.map((item) => item.regionRate) },
      { name: "Nederland", style: "hatched-tertiary", values: charted.map((item) => item.nlRate) },
    ],
    format: formatRate,
  });

  const notes = tableNotes({ columns, rows }, ctx, level);
  notes.unshift(
    `Nederland: de som van alle gemeenten in de geregistreerde criminaliteit per gemeente van CBS/Politie (tabel 47018NED${national?.voorlopig(year) ? `; ${year} voorlopig` : ""}), inclusief misdrijven die aan geen gemeente zijn toe te delen, gedeeld door het inwonertal van Nederland (CBS).`,
    `${capitalizeFirst(region.label)}: ${region.description}`,
  );
  if (categories.length > CHART_CATEGORIES) notes.push(`De grafiek toont het totaal en de ${CHART_CATEGORIES} soorten met de meeste misdrijven per 1.000 inwoners in ${areaName}; de tabel alle ${categories.length}.`);
  if (!national) notes.push("De landelijke cijfers (geregistreerde criminaliteit per gemeente van CBS/Politie) ontbreken bij deze rapportage; alleen de eenheid is vergeleken.");
  return {
    type: "chart",
    id: spec.id,
    title: spec.title,
    lead,
    figures: [...(categories.length > 0 ? [{ id: spec.id, caption: `Misdrijven per 1.000 inwoners, ${yearLabel(current)}`, svg }] : []), ...(map ? [map.figure] : [])],
    table: { id: spec.id, caption: `Misdrijven per 1.000 inwoners in ${yearLabel(current)}: ${areaName}, ${region.label} en Nederland`, rowHeading: "Soort misdrijf", columns, rows, notes },
    printTable: true,
    ...(map ? { extraTables: [map.table] } : {}),
  };
}

/**
 * The map of the eenheid beside the comparison: every gemeente of the region per 1.000 inwoners for
 * the compared soorten together, the page's gemeente outlined (a basisteam's page outlines none).
 * The gezag sees every figure, so nothing is hidden. Undefined without boundaries for all of them.
 */
function eenheidMap(spec: BenchmarkSpec, area: string, categories: readonly string[], region: ReturnType<typeof regionOf>, ctx: ReportContext): { figure: Figure; table: Table; description: string } | undefined {
  const shapes = shapesFor(ctx.geometry, region.gemeenten);
  if (!shapes || categories.length === 0) return undefined;
  const current = ctx.edition.period;
  const year = yearOf(current.last);
  const counts = ctx.counts("gemeente");
  const areas: MapArea[] = region.gemeenten.map((gemeente) => {
    const count = categories.reduce((sum, category) => sum + counts.sum(gemeente, category, current.first, current.last), 0);
    const inwoners = ctx.reference.population.of(gemeente, year)?.inwoners;
    const rate = inwoners ? per1000(count, inwoners) : null;
    return { code: gemeente, name: ctx.reference.areas.nameOf(gemeente), figure: rate ?? "ontbreekt", sources: categories.map((category) => ({ area: gemeente, category, first: current.first, last: current.last })) };
  });
  const id = `kaart-${spec.id}`;
  const title = `Misdrijven van ${categories.length === 1 ? "deze soort" : `de ${categories.length} soorten`} per 1.000 inwoners per gemeente in ${region.label}, ${yearLabel(current)}`;
  const drawn = choropleth({ id, title, areas, shapes, unit: "misdrijven per 1.000 inwoners", noun: { one: "gemeente", many: "gemeenten" }, column: { label: "per 1.000 inw.", kind: "rate" }, ...(region.gemeenten.includes(area) ? { highlight: area } : {}) });
  return { figure: { id, caption: title, svg: drawn.svg }, table: drawn.table, description: drawn.description };
}

/**
 * Why no comparison can be made, or undefined when it can: without the national table the soorten
 * to compare are not known, and when none of them is in the input there is nothing to compare. The
 * section is then left out with this reason instead of a total of 0 soorten at 0,0 per 1.000.
 */
export function benchmarkNotPossible(spec: BenchmarkSpec, ctx: ReportContext): NotInInput | undefined {
  if (spec.categories === "national" && !ctx.national) {
    return {
      text: "De landelijke cijfers (geregistreerde criminaliteit per gemeente van CBS/Politie) ontbreken bij deze rapportage; zonder die tabel is niet bekend welke soorten te vergelijken zijn, dus de vergelijking is weggelaten.",
      log: "no national figures (misdrijven-gemeente-jaar.csv not found in paths.realdata)",
    };
  }
  const wanted = spec.categories === "national" ? (ctx.national?.soorten ?? []).filter((code) => code !== "0.0.0").map((code) => `soort:${code}`) : spec.categories;
  const current = ctx.edition.period;
  if (presentInRegion(wanted, ctx, current.first, current.last).length === 0) {
    return {
      text: `Geen van de ${wanted.length === 1 ? "soort" : `${wanted.length} soorten`} misdrijf waarvan landelijke cijfers bestaan komt in deze gegevens voor; er is niets te vergelijken.`,
      log: `none of the ${wanted.length} soorten with national figures is in the exports`,
    };
  }
  return undefined;
}

/**
 * The eenheid an area lies in, as far as the build holds it: the gemeenten in scope whose buurten
 * lie in that eenheid, with their inhabitants. When the scope holds the whole eenheid it is named
 * as such; otherwise as its part in this report.
 */
export function regionOf(area: string, ctx: ReportContext): { label: string; description: string; gemeenten: string[]; inwoners: number } {
  const { areas, population } = ctx.reference;
  const year = yearOf(ctx.edition.period.last);
  const eenheid = areas.buurtenOf(area).map((buurt) => areas.ancestorAt(buurt, "eenheid")).find((code) => code !== undefined);
  const gemeenten = ctx.scope.gemeenten.filter((gemeente) => eenheid === undefined || areas.ancestorAt(gemeente, "eenheid") === eenheid);
  const inwoners = gemeenten.reduce((sum, gemeente) => sum + (population.of(gemeente, year)?.inwoners ?? 0), 0);
  if (!eenheid) {
    return { label: ctx.scope.name, description: `de ${gemeenten.length} gemeenten van deze rapportage, geteld uit dezelfde registraties.`, gemeenten, inwoners };
  }
  const naam = areas.nameOf(eenheid);
  const whole = areas.buurtenOf(eenheid).every((buurt) => {
    const gemeente = areas.ancestorAt(buurt, "gemeente");
    return gemeente !== undefined && gemeenten.includes(gemeente);
  });
  const illustrative = ctx.reference.basisteamsIllustrative ? " De indeling in eenheden is in deze demo illustratief." : "";
  return whole
    ? { label: `eenheid ${naam}`, description: `de ${gemeenten.length} gemeenten van eenheid ${naam}, geteld uit dezelfde registraties als ${areas.nameOf(area)}.${illustrative}`, gemeenten, inwoners }
    : { label: `eenheid ${naam} (deel)`, description: `de ${gemeenten.length} gemeenten van eenheid ${naam} die deze rapportage bevat, geteld uit dezelfde registraties.${illustrative}`, gemeenten, inwoners };
}

/** "1.1.1 Diefstal/inbraak woning": the code says exactly which CBS soort is compared. */
function soortLabel(category: string, names: Names): string {
  return category.startsWith("soort:") ? `${category.slice(6)} ${categoryTitle(category, names)}` : categoryTitle(category, names);
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
