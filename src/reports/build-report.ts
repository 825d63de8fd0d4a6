import { dayPeriodLabel, sameWeekLastYear } from "../model/day-periods.ts";
import { markIncomplete } from "../model/mark-incomplete.ts";
import { formatMonth } from "../model/months.ts";
import { periodLabel, shiftYears, type Period } from "../model/periods.ts";
import { AREA_LEVEL_NAMES, type AreaLevel } from "../reference/areas.ts";
import { coverOf } from "./cover.ts";
import type { ReportContext } from "./context.ts";
import { AUDIENCE_LABELS, type EditionPeriod, type ReportDefinition, type SectionSpec } from "./definition.ts";
import { dataNote } from "./data-note.ts";
import { editionOf } from "./edition.ts";
import type { IndexPage, PageSection, ReportPage, TableSection } from "./page.ts";
import { areaTable } from "./sections/area-table.ts";
import { benchmark, benchmarkNotPossible } from "./sections/benchmark.ts";
import { areaMap } from "./sections/area-map.ts";
import { commentarySection } from "./sections/commentary.ts";
import { highImpactCrime } from "./sections/high-impact-crime.ts";
import { keyFigures } from "./sections/key-figures.ts";
import { seasonality } from "./sections/seasonality.ts";
import { trendSection } from "./sections/trend.ts";
import { yearComparison } from "./sections/year-comparison.ts";
import { categoryTable } from "./sections/category-table.ts";
import { monthSeries } from "./sections/month-series.ts";
import { periodSeries } from "./sections/period-series.ts";
import { revisionsTable } from "./sections/revisions.ts";
import { selectionTable } from "./sections/selection-table.ts";
import { notInInput } from "./sections/not-in-input.ts";
import { dayTable } from "./sections/day-table.ts";
import { incidentList } from "./sections/incident-list.ts";
import { moTable } from "./sections/mo-table.ts";
import { namesOf } from "./sections/reader-names.ts";
import { areaSlug } from "./slug.ts";

export interface BuildReportOptions {
  organisation: string;
  /** The build date as shown ("15 januari 2026"). */
  buildDate: string;
  /** Only these area codes (all in scope when absent). */
  areas?: readonly string[];
}

/**
 * Pages of one edition of a report: one per area of each level in scope, plus the edition index.
 * Pure: everything comes from the definition and the context.
 */
export function buildReport(definition: ReportDefinition, ctx: ReportContext, options: BuildReportOptions): { pages: ReportPage[]; index: IndexPage; notInInput: string[] } {
  const { edition } = ctx;
  const folder = `${definition.kind}/${edition.id}`;
  const pdf = definition.outputs.pdf;
  // A public report is a site of its own (dist/<kind>/, with its own assets): its pages link only
  // within it. Other reports are part of the internal site rooted at dist/.
  const isPublic = definition.audience === "public";
  const root = isPublic ? "../" : "../../";
  const home = isPublic ? { href: "../index.html", label: definition.title } : { href: "../../index.html", label: "Overzicht" };
  const pages: ReportPage[] = [];
  const groups: IndexPage["groups"] = [];
  // Sections the input cannot fill, once per section for the build log: "… (seizoen): the exports hold yearly figures only: no months".
  const missing = new Map<string, string>();
  const names = namesOf(ctx);
  const note = dataNote(ctx.coverage, names);
  for (const level of definition.areaLevels) {
    const links: IndexPage["groups"][number]["links"] = [];
    for (const code of ctx.scope.areasAt(level).filter((candidate) => !definition.areas || definition.areas.includes(candidate))) {
      const naam = ctx.reference.areas.nameOf(code);
      const slug = areaSlug(code, naam);
      links.push({ href: `${slug}.html`, label: `${naam} (${code})`, ...(pdf ? { pdf: `${slug}.pdf` } : {}) });
      // With an area filter the index still lists every area: the other pages stay from earlier builds.
      if (options.areas && !options.areas.includes(code)) continue;
      const sections = definition.sections
        .filter((spec) => !spec.levels || spec.levels.includes(level))
        .map((spec) => {
          const absent = notInInput(spec, ctx.coverage, names) ?? (spec.type === "benchmark" ? benchmarkNotPossible(spec, ctx) : undefined);
          if (!absent) return buildSection(spec, code, level, ctx, definition);
          missing.set(spec.id, `${definition.kind} ${edition.id}: section "${spec.title}" (${spec.id}) is not shown: ${absent.log}`);
          return notInInputSection(spec, absent.text);
        })
        .filter((section): section is PageSection => section !== undefined);
      const page: ReportPage = {
        path: `${folder}/${slug}.html`,
        layout: definition.layout,
        title: `${definition.title} ${naam} — ${edition.label}`,
        root,
        report: { kind: definition.kind, title: definition.title, audience: definition.audience, audienceLabel: AUDIENCE_LABELS[definition.audience] },
        edition: { id: edition.id, label: edition.label, ...(ctx.previous ? { previousLabel: ctx.previous.edition.label } : {}) },
        period: periodLabels(ctx),
        area: { code, naam, level },
        ...(note ? { dataNote: note } : {}),
        subject: ctx.coverage.incidenten ? "misdrijven en incidenten" : "misdrijven",
        // A public page compares its total with Nederland only over the same soorten.
        ...(definition.audience === "public" ? { totalCovers: ctx.coverage.allSoorten ? ("all" as const) : ctx.coverage.soorten } : {}),
        // Counts by klasse come from BVH (registrations, or the police's own aggregates of them); counts by soort are published tables.
        source: ctx.coverage.klassen ? "Registraties in BVH (politie)" : "Geregistreerde misdrijven per soort (open data van politie en CBS)",
        sections: sections.map((section) =>
          // A section the input cannot fill has no figures to download; its reason is on the page and in the workbook.
          definition.outputs.csv && section.type !== "text" && !isNotInInput(section) ? { ...section, csv: { path: `${folder}/${slug}-${section.id}.csv`, href: `${slug}-${section.id}.csv` } } : section,
        ),
        organisation: options.organisation,
        buildDate: options.buildDate,
        breadcrumbs: [home, { href: "index.html", label: `${definition.title} ${edition.label}` }],
      };
      if (definition.outputs.xlsx) page.xlsx = { path: `${folder}/${slug}.xlsx`, href: `${slug}.xlsx` };
      if (pdf) {
        const audience = definition.audience === "public" ? "" : ` · ${AUDIENCE_LABELS[definition.audience]}`;
        page.pdf = {
          path: `${folder}/${slug}.pdf`,
          href: `${slug}.pdf`,
          landscape: pdf.orientation === "landscape",
          cover: pdf.cover,
          footer: `${definition.title} ${naam} · editie ${edition.label}${audience}`,
        };
        if (pdf.cover) page.cover = coverOf(page);
      }
      pages.push(page);
    }
    if (links.length > 0) groups.push({ title: capitalize(pluralOf(level)), links });
  }
  const index: IndexPage = {
    path: `${folder}/index.html`,
    layout: "index.njk",
    title: `${definition.title} — ${edition.label}`,
    root,
    intro: `${definition.description} Editie ${edition.label}: ${periodLabels(ctx).label} vergeleken met ${periodLabels(ctx).previousLabel}.`,
    groups,
    organisation: options.organisation,
    buildDate: options.buildDate,
    breadcrumbs: [home],
  };
  return { pages, index, notInInput: [...missing.values()] };
}

/** The period of the edition and the one it is compared with, as a reader sees them. */
function periodLabels(ctx: ReportContext): { label: string; previousLabel: string } {
  const { days, period } = ctx.edition;
  if (!days) return { label: periodLabel(period), previousLabel: periodLabel(shiftYears(period)) };
  const previous = sameWeekLastYear(days);
  return { label: dayPeriodLabel(days), previousLabel: previous ? dayPeriodLabel(previous) : "een jaar eerder (die week bestond niet)" };
}

/** A section that says what the input lacks instead of showing zeros: no rows, the reason as its text (and the workbook's note). */
function notInInputSection(spec: SectionSpec, text: string): TableSection {
  return { type: "table", id: spec.id, title: spec.title, table: { id: spec.id, caption: `${spec.title}: ${text}`, rowHeading: "", columns: [], rows: [], notes: [text] }, emptyText: text };
}

function isNotInInput(section: PageSection): boolean {
  return section.type === "table" && section.table.columns.length === 0 && section.emptyText !== undefined;
}

/** One section of a page; undefined when it does not apply to this edition (a full-year table in an H1 edition). */
function buildSection(spec: SectionSpec, area: string, level: AreaLevel, ctx: ReportContext, definition: ReportDefinition): PageSection | undefined {
  const section = (table: TableSection["table"], emptyText?: string): PageSection => ({
    type: "table",
    id: spec.id,
    title: spec.title,
    // Every figure that counts a month of an accepted incomplete delivery is marked, whatever the section.
    table: markIncomplete(table, ctx.deliveries, (code) => ctx.reference.areas.nameOf(code), ctx.scope.name),
    ...(emptyText && table.rows.length === 0 ? { emptyText } : {}),
  });
  switch (spec.type) {
    case "category-table":
      return section(categoryTable(spec, area, level, ctx), "Geen registraties in deze periode.");
    case "area-table": {
      const built = section(areaTable(spec, area, level, ctx), "Geen registraties in deze periode.");
      // The wijken (or buurten) on a map, when the config points at their boundaries.
      const map = spec.top === undefined && built.type === "table" ? areaMap(built.table, spec.childLevel, ctx.areaGeometry, ctx.reference.areas.nameOf(area)) : undefined;
      return map && built.type === "table" ? { ...built, chart: map } : built;
    }
    case "month-series":
      return section(monthSeries(spec, area, level, ctx));
    case "selection-table": {
      const period = spec.period ? sectionPeriod(spec.period, ctx) : ctx.edition.period;
      return period ? section(selectionTable(spec, area, level, ctx, period)) : undefined;
    }
    case "period-series":
      return section(periodSeries(spec, area, level, ctx, definition.period));
    case "revisions":
      return section(
        revisionsTable(spec, area, level, ctx),
        ctx.previous ? `Geen wijzigingen ten opzichte van de editie van ${ctx.previous.edition.label}.` : "Dit is de eerste editie; er is niets te vergelijken.",
      );
    case "key-figures":
      return keyFigures(spec, area, level, ctx);
    case "trend":
      return trendSection(spec, area, level, ctx);
    case "year-comparison":
      return yearComparison(spec, area, level, ctx);
    case "high-impact-crime":
      return highImpactCrime(spec, area, level, ctx);
    case "seasonality":
      return seasonality(spec, area, level, ctx);
    case "benchmark":
      return benchmark(spec, area, level, ctx);
    case "commentary":
      return commentarySection(spec, area, ctx);
    case "day-table":
      return section(dayTable(spec, area, level, ctx), "Geen registraties in deze periode.");
    case "incident-list":
      return section(incidentList(spec, area, level, ctx), "Geen incidenten die aan de selectie voldoen in deze periode.");
    case "mo-table":
      return section(moTable(spec, area, level, ctx));
  }
}

/** The period of `kind` that ends at the edition month, or undefined when none does. */
function sectionPeriod(kind: EditionPeriod, ctx: ReportContext): Period | undefined {
  try {
    return editionOf(kind, formatMonth(ctx.edition.month), "section").period;
  } catch {
    return undefined;
  }
}

function pluralOf(level: AreaLevel): string {
  const name = AREA_LEVEL_NAMES[level];
  return name === "gemeente" ? "gemeenten" : name === "buurt" ? "buurten" : name === "wijk" ? "wijken" : `${name}s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
