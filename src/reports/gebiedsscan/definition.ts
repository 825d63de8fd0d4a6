import { normalizeDefinition } from "../definition.ts";

/**
 * The gebiedsscan: once a year, per gemeente and basisteam, the year's figures for the gezag — the
 * changes that matter in words, the police's beschouwing, five years of trend, this year against
 * last year per soort, high impact crime, the months against earlier years, the wijken and the
 * ten buurten with the most misdrijven, and the comparison with the eenheid and Nederland per
 * 1.000 inwoners. A4 portrait PDF with a cover and a table of contents.
 */
export const gebiedsscan = normalizeDefinition(
  {
    kind: "gebiedsscan",
    title: "Gebiedsscan",
    description: "Jaarlijkse weergave van de cijfers per gemeente en basisteam, met trends, brandpunten en een beschouwing van de politie.",
    audience: "gezag",
    areaLevels: ["gemeente", "basisteam"],
    period: "year",
    sections: [
      { type: "key-figures", id: "kerncijfers", title: "Kerncijfers", total: "J", categories: "soorten", max: 4 },
      { type: "commentary", id: "beschouwing", title: "Beschouwing van de politie" },
      { type: "trend", id: "trend", title: "Vijf jaar in beeld", categories: ["J", "J:1", "J:2", "J:3", "N"], years: 5 },
      { type: "year-comparison", id: "soorten", title: "Per soort misdrijf vergeleken met vorig jaar", categories: "soorten" },
      { type: "high-impact-crime", id: "high-impact-crime", title: "High impact crime", years: 5 },
      { type: "seasonality", id: "seizoen", title: "Door het jaar heen", category: "J", years: 3 },
      {
        type: "area-table",
        id: "wijken",
        title: "Misdrijven per wijk",
        childLevel: "wijk",
        category: "J",
        columns: ["current", "previous", "change", "verdict", "per1000"],
      },
      {
        type: "area-table",
        id: "buurten",
        title: "De tien buurten met de meeste misdrijven",
        childLevel: "buurt",
        category: "J",
        columns: ["current", "previous", "change", "verdict"],
        top: 10,
      },
      { type: "benchmark", id: "vergelijking", title: "Vergeleken met de eenheid en Nederland", categories: "national" },
    ],
    outputs: { pdf: { orientation: "portrait", cover: true }, csv: true, xlsx: true },
    layout: "gebiedsscan.njk",
  },
  "src/reports/gebiedsscan/definition.ts",
);
