import type { ReportPage } from "../reports/page.ts";
import type { PackageFile } from "./data-package.ts";
import { figuresOf, MEASURES } from "./figures.ts";
import { SCHEMA_VERSION } from "./package-schema.ts";

/** The folder of an edition's JSON API, beside its pages: `<report>/<edition>/api/`. */
export const API_FOLDER = "api";

/**
 * The static JSON API of one report edition, beside its pages: `api/<areacode>.json` per area
 * with every figure of that area's page in long form (the same records as the data package's
 * `cijfers`, with labels), and — when `index` — `api/index.json` listing the areas. Made from the
 * page data after disclosure control, so it shows what the pages show. Paths are relative to the
 * edition's folder. See docs/delivery.md for examples.
 */
export function jsonApi(pages: readonly ReportPage[], options: { index: boolean; areas?: boolean }): PackageFile[] {
  const files: PackageFile[] = [];
  const first = pages[0];
  if (!first) return files;
  const sorted = [...pages].sort((a, b) => (a.area.code < b.area.code ? -1 : a.area.code > b.area.code ? 1 : 0));
  const about = {
    schemaVersion: SCHEMA_VERSION,
    report: { kind: first.report.kind, title: first.report.title, audience: first.report.audience },
    edition: { id: first.edition.id, label: first.edition.label, period: first.period.label },
  };
  for (const page of options.areas === false ? [] : sorted) {
    const set = figuresOf([page]);
    const document = {
      ...about,
      area: { code: page.area.code, name: page.area.naam, level: page.area.level },
      measures: Object.fromEntries([...new Set(set.figures.map((figure) => figure.measure))].sort().map((measure) => [measure, { label: MEASURES[measure].label, unit: MEASURES[measure].unit }])),
      areas: Object.fromEntries([...set.labels.areas].filter(([code]) => set.figures.some((figure) => figure.area === code)).sort(([a], [b]) => (a < b ? -1 : 1))),
      categories: Object.fromEntries([...set.labels.categories].filter(([key]) => set.figures.some((figure) => figure.category === key)).sort(([a], [b]) => (a < b ? -1 : 1))),
      figures: set.figures.map((figure) => ({ area: figure.area, period: figure.period, category: figure.category, measure: figure.measure, value: figure.value, status: figure.status })),
    };
    files.push({ path: `${API_FOLDER}/${page.area.code}.json`, content: `${JSON.stringify(document, null, 2)}\n` });
  }
  if (options.index) {
    const index = { ...about, areas: sorted.map((page) => ({ code: page.area.code, name: page.area.naam, level: page.area.level, href: `${page.area.code}.json` })) };
    files.push({ path: `${API_FOLDER}/index.json`, content: `${JSON.stringify(index, null, 2)}\n` });
  }
  return files;
}
