import { monthLabel } from "../model/dutch-months.ts";
import { formatMonth } from "../model/months.ts";
import { periodLabel, shiftYears, yearToDate } from "../model/periods.ts";
import { AREA_LEVEL_NAMES } from "../reference/areas.ts";
import type { ReportContext } from "./context.ts";
import { AUDIENCE_LABELS, type ReportDefinition, type SectionSpec } from "./definition.ts";
import type { IndexPage, PageSection, ReportPage } from "./page.ts";
import { categoryTable } from "./sections/category-table.ts";
import { areaSlug } from "./slug.ts";
import type { AreaLevel } from "../reference/areas.ts";

export interface BuildReportOptions {
  organisation: string;
  /** The build date as shown ("15 januari 2026"). */
  buildDate: string;
  /** Only these area codes (all in scope when absent). */
  areas?: readonly string[];
}

/** Pages of one edition of a report: one per area of each level in scope, plus the edition index. */
export function buildReport(definition: ReportDefinition, ctx: ReportContext, options: BuildReportOptions): { pages: ReportPage[]; index: IndexPage } {
  const edition = formatMonth(ctx.edition);
  const folder = `${definition.kind}/${edition}`;
  const current = yearToDate(ctx.edition);
  const pages: ReportPage[] = [];
  const groups: IndexPage["groups"] = [];
  for (const level of definition.areaLevels) {
    const links: IndexPage["groups"][number]["links"] = [];
    for (const code of ctx.scope.areasAt(level)) {
      if (options.areas && !options.areas.includes(code)) continue;
      const naam = ctx.reference.areas.nameOf(code);
      const slug = areaSlug(code, naam);
      const page: ReportPage = {
        path: `${folder}/${slug}.html`,
        layout: definition.layout,
        title: `${definition.title} ${naam} — ${monthLabel(ctx.edition)}`,
        root: "../../",
        report: { kind: definition.kind, title: definition.title, audience: definition.audience, audienceLabel: AUDIENCE_LABELS[definition.audience] },
        edition: { id: edition, label: monthLabel(ctx.edition) },
        period: { label: periodLabel(current), previousLabel: periodLabel(shiftYears(current)) },
        area: { code, naam, level },
        sections: definition.sections.map((spec) => buildSection(spec, code, level, ctx)),
        organisation: options.organisation,
        buildDate: options.buildDate,
        breadcrumbs: [
          { href: "../../index.html", label: "Overzicht" },
          { href: "index.html", label: `${definition.title} ${monthLabel(ctx.edition)}` },
        ],
      };
      if (definition.pdf) {
        page.pdf = {
          path: `${folder}/${slug}.pdf`,
          landscape: definition.pdf.landscape,
          footer: `${definition.title} ${naam} · ${monthLabel(ctx.edition)}`,
        };
      }
      pages.push(page);
      links.push({ href: `${slug}.html`, label: `${naam} (${code})`, ...(page.pdf ? { pdf: `${slug}.pdf` } : {}) });
    }
    if (links.length > 0) groups.push({ title: capitalize(pluralOf(level)), links });
  }
  const index: IndexPage = {
    path: `${folder}/index.html`,
    layout: "index.njk",
    title: `${definition.title} — ${monthLabel(ctx.edition)}`,
    root: "../../",
    intro: `${definition.description} Editie ${monthLabel(ctx.edition)}: ${periodLabel(current)} vergeleken met dezelfde periode een jaar eerder.`,
    groups,
    organisation: options.organisation,
    buildDate: options.buildDate,
    breadcrumbs: [{ href: "../../index.html", label: "Overzicht" }],
  };
  return { pages, index };
}

function buildSection(spec: SectionSpec, area: string, level: AreaLevel, ctx: ReportContext): PageSection {
  switch (spec.type) {
    case "category-table":
      return { type: "table", id: spec.id, title: spec.title, table: categoryTable(spec, area, level, ctx) };
  }
}

function pluralOf(level: AreaLevel): string {
  const name = AREA_LEVEL_NAMES[level];
  return name === "gemeente" ? "gemeenten" : name === "buurt" ? "buurten" : name === "wijk" ? "wijken" : `${name}s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
