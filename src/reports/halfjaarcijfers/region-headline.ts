import type { MapFigure } from "../../charts/choropleth.ts";
import { formatPercentChange, formatRate } from "../../charts/nl-locale.ts";
import { per1000 } from "../../model/compare.ts";
import type { Cell, Column, Row, Table } from "../../model/table.ts";
import type { NationalFigures } from "../../reference/national-figures.ts";
import type { ChartSection, Figure, PublicHighlights, ReportPage } from "../page.ts";
import { sectionTable } from "./published-table.ts";
import { nederlandChart } from "./nederland.ts";
import { soortTrends } from "./soort-trends.ts";

const TOTAL = "soort:0.0.0";
const GEHEIM_NOTE = "geheim: niet getoond om herleidbaarheid te voorkomen";

/** The home page's headline: the region as a whole, from the gemeente pages of the latest edition as published. */
export interface RegionHighlights extends PublicHighlights {
  /** Small multiples per soort of the region over the last half years: the soorten whose every half year can be shown. */
  trends: Figure[];
  trendsTable?: Table;
  /** What the trends leave out, and why. */
  trendsNote?: string;
}

/**
 * Key figures, sentences, trends per soort and the comparison with Nederland for the whole region
 * on the home page, read from the edition's gemeente pages after disclosure control. The regional
 * rate is the published regional figure of the tables; a regional count per half year is the sum
 * of the gemeenten's published counts, x when any of them is x (the sum of shown figures is
 * known to every reader; one hidden part makes the sum hidden too). Nederland is compared over the
 * year the edition's tables show whole (the second half year), per soort with national figures.
 */
export function regionHeadline(pages: readonly ReportPage[], regionName: string, national?: NationalFigures): RegionHighlights | undefined {
  const first = pages[0];
  const main = first ? sectionTable(first, "halfjaar") : undefined;
  if (!first || !main) return undefined;
  const period = first.period.label;
  const tiles: PublicHighlights["tiles"] = [];
  const sentences: string[] = [];
  const totalRow = main.table.rows.find((row) => row.id === TOTAL);
  const mark = main.column("current")?.flags?.includes("voorlopig") ? "*" : "";
  const regionRate = main.figure(TOTAL, "per1000-region");
  if (totalRow) {
    tiles.push({ label: `Per 1.000 inwoners, ${period}${mark}`, value: text(regionRate), detail: `${regionName}, ${totalRow.label.toLowerCase()}` });
    if (typeof regionRate === "number") sentences.push(`In het ${period} registreerde de politie in ${regionName} ${formatRate(regionRate)} misdrijven per 1.000 inwoners (${totalRow.label.toLowerCase()}).`);
    const verdicts = pages.map((page) => {
      const table = sectionTable(page, "halfjaar");
      const figure = table?.figure(TOTAL, "verdict");
      return figure === "geheim" ? "geheim" : typeof figure === "number" ? table?.cell(TOTAL, "verdict")?.verdict : undefined;
    });
    const up = verdicts.filter((verdict) => verdict === "stijging").length;
    const down = verdicts.filter((verdict) => verdict === "daling").length;
    const same = verdicts.filter((verdict) => verdict === "geen significante verandering").length;
    const hidden = verdicts.filter((verdict) => verdict === "geheim").length;
    tiles.push({ label: `Gemeenten met meer misdrijven dan toeval verklaart`, value: `${up} van ${pages.length}`, detail: `${down} met minder${hidden > 0 ? `, van ${hidden} geheim` : ""}; vergeleken met ${first.period.previousLabel}` });
    const parts = [`in ${up} van de ${pages.length} gemeenten nam het totaal meer toe dan toeval kan verklaren`];
    if (down > 0) parts.push(`in ${down} nam het af`);
    if (same > 0) parts.push(`in ${same} valt het verschil binnen toeval`);
    if (hidden > 0) parts.push(`van ${hidden} is het geheim`);
    sentences.push(`${capitalise(joinDutch(parts))}.`);
  }

  const nederland = national ? regionNederland(pages, regionName, national) : undefined;
  const nlTotal = nederland?.total;
  if (nederland && nlTotal && typeof nlTotal.rate === "number" && nlTotal.nlRate !== undefined) {
    tiles.push({ label: `Per 1.000 inwoners, ${nederland.year}${nederland.marks.own}`, value: formatRate(nlTotal.rate), detail: `Nederland: ${formatRate(nlTotal.nlRate)}${nederland.marks.nl} (dezelfde soorten)` });
    const relative = nlTotal.nlRate > 0 ? nlTotal.rate / nlTotal.nlRate - 1 : 0;
    sentences.push(
      `Over heel ${nederland.year} waren het er ${formatRate(nlTotal.rate)} per 1.000 inwoners, ${Math.abs(relative) < 0.05 ? "ongeveer evenveel als" : `${formatPercentChange(relative).replace(/^[+−-]/, "")} ${relative > 0 ? "meer" : "minder"} dan`} in heel Nederland (${formatRate(nlTotal.nlRate)}).`,
    );
  }

  const series = regionSeries(pages, regionName);
  // A soort with a hidden half year in any gemeente has no regional sum to show: its panel would be
  // all x. Those are named instead; their trend is on each gemeente's page.
  const complete = series ? { ...series, rows: series.rows.filter((row) => row.cells.every((cell) => cell.symbol === undefined)) } : undefined;
  const left = series ? series.rows.filter((row) => !complete?.rows.includes(row)).map((row) => row.label.toLowerCase()) : [];
  return {
    tiles,
    sentences,
    ...(nederland ? { nederland: nederland.section } : {}),
    trends: complete ? soortTrends(complete, regionName) : [],
    ...(series ? { trendsTable: series } : {}),
    ...(left.length > 0
      ? { trendsNote: `Van ${joinDutch(left)} is het verloop voor heel ${regionName} niet te tonen: in een of meer gemeenten is een aantal geheim, en de som zou het verraden. Het verloop per soort staat op de pagina van elke gemeente.` }
      : {}),
  };
}

/** The region's counts per soort and half year: the sum of the gemeenten's published counts, x when one is x. */
function regionSeries(pages: readonly ReportPage[], regionName: string): Table | undefined {
  const tables = pages.map((page) => sectionTable(page, "verloop"));
  const template = tables[0]?.table;
  if (!template || tables.some((table) => !table)) return undefined;
  const rows: Row[] = template.rows.map((row) => ({
    ...row,
    cells: template.columns.map((column): Cell => {
      const figures = tables.map((table) => table?.figure(row.id, column.id) ?? "ontbreekt");
      if (figures.some((figure) => figure === "geheim")) return { value: null, symbol: "x", note: GEHEIM_NOTE };
      if (figures.some((figure) => figure === "ontbreekt")) return { value: null, symbol: ".", note: "ontbreekt" };
      return { value: (figures as number[]).reduce((a, b) => a + b, 0) };
    }),
  }));
  const notes = ["De som van de gemeenten; x als het cijfer van een van de gemeenten geheim is."];
  if (rows.some((row) => row.cells.some((cell) => cell.symbol === "x"))) notes.push("x : geheim — een klein aantal of een aantal waaruit een klein aantal af te leiden is, niet getoond.");
  if (template.columns.some((column) => column.flags?.includes("voorlopig"))) notes.push("* : voorlopig cijfer; het kan nog veranderen door late registraties en correcties.");
  return { id: "verloop-regio", caption: `Misdrijven per halfjaar in ${regionName}`, rowHeading: "Soort misdrijf", columns: template.columns, rows, notes };
}

interface RegionLine {
  id: string;
  label: string;
  rate: MapFigure;
  nlRate: number | undefined;
}

/** The region against Nederland over the year the edition shows whole: the published regional rates of its year table. */
function regionNederland(pages: readonly ReportPage[], regionName: string, national: NationalFigures): { year: number; total?: RegionLine; marks: { own: string; nl: string }; section: ChartSection } | undefined {
  const first = pages[0];
  const yearTable = first ? sectionTable(first, "jaar") : undefined;
  const half = first ? /^(\d{4})-h2$/.exec(first.edition.id) : null;
  if (!first || !yearTable || !half) return undefined;
  const year = Number(half[1]);
  const nlSoorten = new Set(national.soorten);
  const nlInwoners = national.inwoners(year);
  const nlRateOf = (soorten: readonly string[]): number | undefined => {
    const counts = soorten.map((soort) => national.count(soort, year));
    return counts.every((value) => value !== undefined) && nlInwoners ? (per1000(counts.reduce<number>((a, b) => a + (b ?? 0), 0), nlInwoners) ?? undefined) : undefined;
  };
  const covers = first.totalCovers;
  const sameSoorten = Array.isArray(covers) && covers.length === nlSoorten.size && covers.every((soort) => nlSoorten.has(soort));
  const lines: RegionLine[] = yearTable.table.rows.flatMap((row): RegionLine[] => {
    const code = row.id.replace(/^soort:/, "");
    if (row.id === TOTAL) return sameSoorten ? [{ id: row.id, label: row.label, rate: yearTable.figure(row.id, "per1000-region"), nlRate: nlRateOf([...nlSoorten]) }] : [];
    return nlSoorten.has(code) ? [{ id: row.id, label: row.label, rate: yearTable.figure(row.id, "per1000-region"), nlRate: nlRateOf([code]) }] : [];
  });
  const compared = lines.filter((line) => line.nlRate !== undefined);
  if (compared.length === 0) return undefined;
  const own = yearTable.column("per1000-region")?.flags?.includes("voorlopig") ? "*" : "";
  const nl = national.voorlopig(year) ? "*" : "";
  const columns: Column[] = [
    { id: "per1000-region", label: "per 1.000 inw.", kind: "rate", group: `${regionName}, ${year}`, ...(own ? { flags: ["voorlopig"] } : {}) },
    { id: "per1000-nederland", label: "per 1.000 inw.", kind: "rate", group: `Nederland, ${year}`, ...(nl ? { flags: ["voorlopig"] } : {}) },
  ];
  const cellOf = (figure: MapFigure): Cell => (figure === "geheim" ? { value: null, symbol: "x", note: GEHEIM_NOTE } : figure === "ontbreekt" ? { value: null, symbol: ".", note: "ontbreekt" } : { value: figure });
  const rows: Row[] = compared.map((line) => ({ id: line.id, label: line.label, level: 0, role: line.id === TOTAL ? "total" : "detail", cells: [cellOf(line.rate), cellOf(line.nlRate ?? "ontbreekt")] }));
  const charted = compared.filter((line): line is RegionLine & { rate: number; nlRate: number } => typeof line.rate === "number" && line.nlRate !== undefined);
  const title = `Misdrijven per 1.000 inwoners in ${year}: ${regionName} en Nederland`;
  const total = compared.find((line) => line.id === TOTAL);
  const lead = total && typeof total.rate === "number" && total.nlRate !== undefined ? [`In ${year}${own} registreerde de politie in ${regionName} ${formatRate(total.rate)} misdrijven van deze ${nlSoorten.size} soorten per 1.000 inwoners; in Nederland ${formatRate(total.nlRate)}${nl}.`] : [];
  const id = "nederland";
  return {
    year,
    ...(total ? { total } : {}),
    marks: { own, nl },
    section: {
      type: "chart",
      id,
      title: "Vergelijking met Nederland",
      lead,
      figures: nederlandChart({
        id,
        title,
        lead,
        categories: charted.map((line) => (line.id === TOTAL ? `Totaal ${nlSoorten.size} soorten` : line.label)),
        name: regionName,
        rates: charted.map((line) => line.rate),
        nlRates: charted.map((line) => line.nlRate),
        marks: { own, nl },
      }),
      table: {
        id,
        caption: `${title} (per soort)`,
        rowHeading: "Soort misdrijf",
        columns,
        rows,
        notes: [
          `Nederland: de som van alle gemeenten in de geregistreerde criminaliteit per gemeente van CBS/Politie (tabel 47018NED${nl ? `; ${year} voorlopig` : ""}), gedeeld door het inwonertal van Nederland (CBS). Alleen de soorten waarvan landelijke cijfers bestaan.`,
          ...(own || nl ? ["* : voorlopig cijfer; het kan nog veranderen door late registraties en correcties."] : []),
        ],
      },
      printTable: true,
    },
  };
}

function text(figure: MapFigure): string {
  return figure === "geheim" ? "x" : figure === "ontbreekt" ? "." : formatRate(figure);
}

function joinDutch(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} en ${parts[parts.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
