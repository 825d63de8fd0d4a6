import { normalizeDefinition } from "../definition.ts";

/**
 * The 4-, 8- and 12-maandsrapportage: at the end of april, august and december, the cumulative
 * figures of the year per gemeente and basisteam against last year and the average of the
 * previous years.
 */
export const maandrapportage = normalizeDefinition(
  {
    kind: "maandrapportage-4-8-12",
    title: "4-/8-/12-maandsrapportage",
    description: "Cumulatieve cijfers van het jaar tot en met april, augustus of december, vergeleken met vorig jaar en het meerjarig gemiddelde.",
    audience: "gezag",
    areaLevels: ["gemeente", "basisteam"],
    period: "cumulative",
    sections: [
      {
        type: "category-table",
        id: "misdrijven",
        title: "Misdrijven",
        part: "J",
        depth: 3,
        columns: ["current", "previous", "average", "change", "verdict", "change-average", "per1000"],
      },
      {
        type: "category-table",
        id: "incidenten",
        title: "Incidenten en overlast",
        part: "N",
        depth: 2,
        columns: ["current", "previous", "average", "change", "verdict", "change-average"],
      },
    ],
    outputs: { pdf: { orientation: "landscape", cover: true } },
  },
  "src/reports/maandrapportage-4-8-12/definition.ts",
);
