import { barChart } from "../../charts/bar-chart.ts";
import type { MapFigure } from "../../charts/choropleth.ts";
import { formatPercentChange, formatRate } from "../../charts/nl-locale.ts";
import { per1000 } from "../../model/compare.ts";
import type { Cell, Column, Row } from "../../model/table.ts";
import type { NationalFigures } from "../../reference/national-figures.ts";
import type { ChartSection, Figure, ReportPage } from "../page.ts";
import { sectionTable } from "./published-table.ts";

/** One line of the comparison: the gemeente's figure of the year as published, and Nederland's. */
export interface NederlandLine {
  id: string;
  label: string;
  count: MapFigure;
  rate: MapFigure;
  nlRate: number | undefined;
}

export interface NederlandComparison {
  year: number;
  /** Whether the gemeente's figures of the year and Nederland's are provisional. */
  provisional: { own: boolean; nederland: boolean };
  /** The total of the soorten, when Nederland's figures cover what the page's total covers. */
  total: NederlandLine | undefined;
  lines: NederlandLine[];
  section: ChartSection;
}

export interface NederlandOptions {
  national: NationalFigures;
  /** Inhabitants of a gemeente in a year (CBS), undefined when unknown. */
  inwoners(code: string, year: number): number | undefined;
}

const GEHEIM_NOTE = "geheim: niet getoond om herleidbaarheid te voorkomen";
const TOTAL = "soort:0.0.0";

/**
 * The gemeente against Nederland per 1.000 inwoners over a whole year, for the soorten the real
 * national table holds (CBS/Politie, per gemeente and year; there are no national half-year
 * figures). The year is the edition's own in the second half year (the page shows that year) and
 * the year before in the first, when the page shows both its half years. The gemeente's counts are
 * read from the page as published: a hidden count (or a half year of it) makes its line x, and a
 * figure is only ever computed from shown ones. The total is compared only when the national table
 * covers exactly the soorten of the page's total. Undefined when no line can be compared.
 */
export function nederlandComparison(page: ReportPage, options: NederlandOptions): NederlandComparison | undefined {
  const { national } = options;
  const half = /^(\d{4})-h([12])$/.exec(page.edition.id);
  if (!half) return undefined;
  const yearTable = sectionTable(page, "jaar");
  const series = sectionTable(page, "verloop");
  const main = sectionTable(page, "halfjaar");
  const year = yearTable ? Number(half[1]) : Number(half[1]) - 1;
  const countOf = (rowId: string): MapFigure => {
    if (yearTable) return yearTable.figure(rowId, "current");
    if (!series) return "ontbreekt";
    const parts = [series.figure(rowId, `${year}-h1`), series.figure(rowId, `${year}-h2`)];
    if (parts.some((part) => part === "geheim")) return "geheim";
    return parts.every((part) => typeof part === "number") ? (parts as number[]).reduce((a, b) => a + b, 0) : "ontbreekt";
  };
  const provisionalYear = yearTable ? (yearTable.column("current")?.flags?.includes("voorlopig") ?? false) : (series?.column(`${year}-h2`)?.flags?.includes("voorlopig") ?? false);
  const inwoners = options.inwoners(page.area.code, year);
  const nlInwoners = national.inwoners(year);
  const nlSoorten = new Set(national.soorten);
  const lineOf = (id: string, label: string, soorten: readonly string[]): NederlandLine => {
    const count = countOf(id);
    const rate: MapFigure = typeof count === "number" ? (inwoners ? (per1000(count, inwoners) ?? "ontbreekt") : "ontbreekt") : count;
    const nlCounts = soorten.map((soort) => national.count(soort, year));
    const nlCount = nlCounts.every((value) => value !== undefined) ? nlCounts.reduce<number>((sum, value) => sum + (value ?? 0), 0) : undefined;
    return { id, label, count, rate, nlRate: nlCount !== undefined && nlInwoners ? (per1000(nlCount, nlInwoners) ?? undefined) : undefined };
  };

  const rows = main?.table.rows ?? [];
  const covers = page.totalCovers;
  const totalRow = rows.find((row) => row.id === TOTAL);
  const sameSoorten = Array.isArray(covers) && covers.length === nlSoorten.size && covers.every((soort) => nlSoorten.has(soort));
  const total = totalRow && sameSoorten ? lineOf(TOTAL, totalRow.label, [...nlSoorten]) : undefined;
  const lines = rows.filter((row) => row.id !== TOTAL && nlSoorten.has(row.id.replace(/^soort:/, ""))).map((row) => lineOf(row.id, row.label, [row.id.replace(/^soort:/, "")]));
  const all = [...(total ? [total] : []), ...lines].filter((line) => line.nlRate !== undefined);
  if (all.length === 0) return undefined;

  const naam = page.area.naam;
  const nlMark = national.voorlopig(year) ? "*" : "";
  const ownMark = provisionalYear ? "*" : "";
  const columns: Column[] = [
    { id: "count", label: "aantal", kind: "count", group: `${naam}, ${year}`, ...(provisionalYear ? { flags: ["voorlopig"] } : {}) },
    { id: "per1000", label: "per 1.000 inw.", kind: "rate", group: `${naam}, ${year}`, ...(provisionalYear ? { flags: ["voorlopig"] } : {}) },
    { id: "per1000-nederland", label: "per 1.000 inw.", kind: "rate", group: `Nederland, ${year}`, ...(nlMark ? { flags: ["voorlopig"] } : {}) },
  ];
  const cellOf = (figure: MapFigure): Cell => (figure === "geheim" ? { value: null, symbol: "x", note: GEHEIM_NOTE } : figure === "ontbreekt" ? { value: null, symbol: ".", note: "ontbreekt" } : { value: figure });
  const tableRows: Row[] = all.map((line) => ({
    id: line.id,
    label: line.label,
    level: 0,
    role: line === total ? "total" : "detail",
    cells: [cellOf(line.count), cellOf(line.rate), cellOf(line.nlRate ?? "ontbreekt")],
  }));

  const lead: string[] = [];
  const first = all[0] as NederlandLine;
  const subject = first === total ? `misdrijven van deze ${nlSoorten.size} soorten` : first.label.toLowerCase();
  if (typeof first.rate === "number" && first.nlRate !== undefined) {
    lead.push(`In ${year}${ownMark} registreerde de politie in ${naam} ${formatRate(first.rate)} ${first === total ? subject : `misdrijven van de soort ${subject}`} per 1.000 inwoners; in Nederland ${formatRate(first.nlRate)}${nlMark}.`);
    const relative = first.nlRate > 0 ? first.rate / first.nlRate - 1 : 0;
    lead.push(Math.abs(relative) < 0.05 ? "Dat is ongeveer het landelijke niveau." : `Dat is ${formatPercentChange(relative).replace(/^[+−-]/, "")} ${relative > 0 ? "meer" : "minder"} dan landelijk.`);
  } else if (first.rate === "geheim") {
    lead.push(`Het cijfer van ${naam} over ${year} is geheim; per soort staat in de tabel wat wel te tonen is.`);
  }
  const hidden = all.filter((line) => line.rate === "geheim").length;
  if (hidden > 0 && first.rate !== "geheim") lead.push(`Van ${hidden} ${hidden === 1 ? "soort" : "soorten"} is het cijfer van ${naam} geheim (x); die ${hidden === 1 ? "staat" : "staan"} niet in de grafiek.`);

  const charted = all.filter((line): line is NederlandLine & { rate: number; nlRate: number } => typeof line.rate === "number" && line.nlRate !== undefined);
  const id = "nederland";
  const title = `Misdrijven per 1.000 inwoners in ${year}: ${naam} en Nederland`;
  const figures = nederlandChart({
    id,
    title,
    lead,
    categories: charted.map((line) => (line === total ? `Totaal ${nlSoorten.size} soorten` : line.label)),
    name: naam,
    rates: charted.map((line) => line.rate),
    nlRates: charted.map((line) => line.nlRate),
    marks: { own: ownMark, nl: nlMark },
  });
  const notes = [
    `Nederland: de som van alle gemeenten in de geregistreerde criminaliteit per gemeente van CBS/Politie (tabel 47018NED${nlMark ? `; ${year} voorlopig` : ""}), inclusief misdrijven die aan geen gemeente zijn toe te delen, gedeeld door het inwonertal van Nederland (CBS). Landelijke cijfers bestaan per jaar, niet per halfjaar${yearTable ? "" : `: daarom gaat deze vergelijking over ${year}, het laatste hele jaar op deze pagina`}.`,
    `Alleen de soorten waarvan landelijke cijfers bestaan${total ? `; het totaal is dat van dezelfde ${nlSoorten.size} soorten` : ""}.`,
  ];
  if (ownMark || nlMark) notes.push("* : voorlopig cijfer; het kan nog veranderen door late registraties en correcties.");
  if (hidden > 0) notes.push("x : geheim — een klein aantal of een aantal waaruit een klein aantal af te leiden is, niet getoond.");
  return {
    year,
    provisional: { own: provisionalYear, nederland: nlMark !== "" },
    total,
    lines,
    section: {
      type: "chart",
      id,
      title: "Vergelijking met Nederland",
      lead,
      figures,
      table: { id, caption: `${title} (per soort)`, rowHeading: "Soort misdrijf", columns, rows: tableRows, notes },
      printTable: true,
    },
  };
}

/**
 * The bar chart of an area (a gemeente, the region) against Nederland per soort, described by the
 * section's lead; no figure when nothing can be charted.
 */
export function nederlandChart(chart: { id: string; title: string; lead: readonly string[]; categories: string[]; name: string; rates: number[]; nlRates: number[]; marks: { own: string; nl: string } }): Figure[] {
  if (chart.categories.length === 0) return [];
  return [
    {
      id: `grafiek-${chart.id}`,
      caption: chart.title,
      svg: barChart({
        id: `grafiek-${chart.id}`,
        title: chart.title,
        description: chart.lead.join(" ") || chart.title,
        categories: chart.categories,
        series: [
          { name: chart.name, style: "solid-primary", values: chart.rates, mark: chart.marks.own },
          { name: "Nederland", style: "hatched-tertiary", values: chart.nlRates, mark: chart.marks.nl },
        ],
        format: formatRate,
        width: 400,
      }),
    },
  ];
}
