import { normalizeDefinition } from "../definition.ts";

/**
 * The VNG-INP steering figures: a compact monthly total overview of all registered crime and
 * incidents in a gemeente, by INP niv2, year to date against last year.
 */
export const inpStuurgegevens = normalizeDefinition(
  {
    kind: "inp-stuurgegevens",
    title: "INP-stuurgegevens",
    description: "Totaaloverzicht van alle criminaliteit en incidenten in een gemeente naar INP-hoofdcategorie (VNG-INP).",
    audience: "gezag",
    areaLevels: ["gemeente"],
    period: "ytd",
    sections: [
      {
        type: "category-table",
        id: "misdrijven",
        title: "Misdrijven naar INP-categorie",
        part: "J",
        depth: 2,
        columns: ["current", "previous", "change", "verdict", "per1000"],
      },
      {
        type: "category-table",
        id: "incidenten",
        title: "Incidenten en overlast naar INP-categorie",
        part: "N",
        depth: 2,
        columns: ["current", "previous", "change", "verdict", "per1000"],
      },
    ],
    outputs: { pdf: { orientation: "portrait", cover: false } },
  },
  "src/reports/inp-stuurgegevens/definition.ts",
);
