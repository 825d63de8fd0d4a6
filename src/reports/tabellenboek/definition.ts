import type { ReportDefinition } from "../definition.ts";

/**
 * The monthly tabellenboek: per area, every INP category with registrations, each month of the
 * year so far, the year to date against the same period last year, the change and whether it is
 * more than noise. Misdrijven first, incidenten and overlast as a second part.
 */
export const tabellenboek: ReportDefinition = {
  kind: "tabellenboek",
  title: "Tabellenboek",
  description: "Maandelijks overzicht van geregistreerde misdrijven en incidenten per gebied, naar INP-categorie.",
  audience: "gezag",
  areaLevels: ["gemeente", "basisteam"],
  period: "ytd",
  sections: [
    {
      type: "category-table",
      id: "misdrijven",
      title: "Misdrijven",
      part: "J",
      depth: 3,
      columns: ["months", "ytd", "ytd-previous", "change", "verdict", "per1000"],
    },
    {
      type: "category-table",
      id: "incidenten",
      title: "Incidenten en overlast",
      part: "N",
      depth: 3,
      columns: ["months", "ytd", "ytd-previous", "change", "verdict", "per1000"],
    },
  ],
  layout: "report.njk",
  pdf: { landscape: true },
};
