import { periodLabel, shiftYears } from "../model/periods.ts";
import { AREA_LEVEL_NAMES, type AreaLevel } from "../reference/areas.ts";
import type { ReportContext } from "./context.ts";
import { AUDIENCE_LABELS, type ReportDefinition, type SectionSpec } from "./definition.ts";
import type { IndexPage, PageSection, ReportPage } from "./page.ts";
import { areaTable } from "./sections/area-table.ts";
import { categoryTable } from "./sections/category-table.ts";
import { monthSeries } from "./sections/month-series.ts";
import { revisionsTable } from "./sections/revisions.ts";
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
export function buildReport(definition: ReportDefinition, ctx: ReportContext, options: BuildReportOptions): { pages: ReportPage[]; index: IndexPage } {
  const { edition } = ctx;
  const folder = `${definition.kind}/${edition.id}`;
  const current = edition.period;
  const pdf = definition.outputs.pdf;
  const pages: ReportPage[] = [];
  const groups: IndexPage["groups"] = [];
  for (const level of definition.areaLevels) {
    const links: IndexPage["groups"][number]["links"] = [];
    for (const code of ctx.scope.areasAt(level)) {
      const naam = ctx.reference.areas.nameOf(code);
      const slug = areaSlug(code, naam);
      links.push({ href: `${slug}.html`, label: `${naam} (${code})`, ...(pdf ? { pdf: `${slug}.pdf` } : {}) });
      // With an area filter the index still lists every area: the other pages stay from earlier builds.
      if (options.areas && !options.areas.includes(code)) continue;
      const sections = definition.sections
        .filter((spec) => !spec.levels || spec.levels.includes(level))
        .map((spec) => buildSection(spec, code, level, ctx));
      const page: ReportPage = {
        path: `${folder}/${slug}.html`,
        layout: definition.layout,
        title: `${definition.title} ${naam} — ${edition.label}`,
        root: "../../",
        report: { kind: definition.kind, title: definition.title, audience: definition.audience, audienceLabel: AUDIENCE_LABELS[definition.audience] },
        edition: { id: edition.id, label: edition.label, ...(ctx.previous ? { previousLabel: ctx.previous.edition.label } : {}) },
        period: { label: periodLabel(current), previousLabel: periodLabel(shiftYears(current)) },
        area: { code, naam, level },
        sections: sections.map((section) => (definition.outputs.csv ? { ...section, csv: `${folder}/${slug}-${section.id}.csv` } : section)),
        organisation: options.organisation,
        buildDate: options.buildDate,
        breadcrumbs: [
          { href: "../../index.html", label: "Overzicht" },
          { href: "index.html", label: `${definition.title} ${edition.label}` },
        ],
      };
      if (definition.outputs.xlsx) page.xlsx = `${folder}/${slug}.xlsx`;
      if (pdf) {
        const audience = definition.audience === "public" ? "" : ` · ${AUDIENCE_LABELS[definition.audience]}`;
        page.pdf = {
          path: `${folder}/${slug}.pdf`,
          landscape: pdf.orientation === "landscape",
          cover: pdf.cover,
          footer: `${definition.title} ${naam} · editie ${edition.label}${audience}`,
        };
      }
      pages.push(page);
    }
    if (links.length > 0) groups.push({ title: capitalize(pluralOf(level)), links });
  }
  const index: IndexPage = {
    path: `${folder}/index.html`,
    layout: "index.njk",
    title: `${definition.title} — ${edition.label}`,
    root: "../../",
    intro: `${definition.description} Editie ${edition.label}: ${periodLabel(current)} vergeleken met ${periodLabel(shiftYears(current))}.`,
    groups,
    organisation: options.organisation,
    buildDate: options.buildDate,
    breadcrumbs: [{ href: "../../index.html", label: "Overzicht" }],
  };
  return { pages, index };
}

function buildSection(spec: SectionSpec, area: string, level: AreaLevel, ctx: ReportContext): PageSection {
  const section = (table: PageSection["table"], emptyText?: string): PageSection => ({
    type: "table",
    id: spec.id,
    title: spec.title,
    table,
    ...(emptyText && table.rows.length === 0 ? { emptyText } : {}),
  });
  switch (spec.type) {
    case "category-table":
      return section(categoryTable(spec, area, level, ctx), "Geen registraties in deze periode.");
    case "area-table":
      return section(areaTable(spec, area, level, ctx), "Geen registraties in deze periode.");
    case "month-series":
      return section(monthSeries(spec, area, level, ctx));
    case "revisions":
      return section(
        revisionsTable(spec, area, level, ctx),
        ctx.previous ? `Geen wijzigingen ten opzichte van de editie van ${ctx.previous.edition.label}.` : "Dit is de eerste editie; er is niets te vergelijken.",
      );
  }
}

function pluralOf(level: AreaLevel): string {
  const name = AREA_LEVEL_NAMES[level];
  return name === "gemeente" ? "gemeenten" : name === "buurt" ? "buurten" : name === "wijk" ? "wijken" : `${name}s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
