import { normalizeDefinition } from "../definition.ts";

/**
 * The default selection of misdrijven on the public site, as CBS soort misdrijf: totaal,
 * woninginbraak, diefstal uit/vanaf motorvoertuigen, fietsdiefstal, zakkenrollerij, straatroof,
 * overval, mishandeling, bedreiging, vernieling, winkeldiefstal. Only those present in the data
 * are shown.
 */
export const PUBLIC_SELECTION = ["0.0.0", "1.1.1", "1.2.1", "1.2.3", "1.2.4", "1.4.6", "1.4.7", "1.4.5", "1.4.4", "2.2.1", "2.5.2"].map((code) => `soort:${code}`);

const COLUMNS = ["current", "previous", "change", "verdict-words", "per1000", "per1000-region"] as const;

/**
 * The halfjaarcijfers: twice a year, per gemeente, a selection of misdrijven for the half year
 * against the same half year last year, with the full year in the second half; published as a
 * public website (audience public: disclosure control applies to every figure).
 */
export const halfjaarcijfers = normalizeDefinition(
  {
    kind: "halfjaarcijfers",
    title: "Halfjaarcijfers",
    description: "Tweemaal per jaar de geregistreerde misdrijven per gemeente: een selectie van misdrijven, vergeleken met dezelfde periode een jaar eerder.",
    audience: "public",
    areaLevels: ["gemeente"],
    period: "halfyear",
    sections: [
      { type: "selection-table", id: "halfjaar", title: "Misdrijven in het halfjaar", categories: PUBLIC_SELECTION, columns: [...COLUMNS] },
      { type: "selection-table", id: "jaar", title: "Misdrijven in het hele jaar", categories: PUBLIC_SELECTION, columns: [...COLUMNS], period: "year" },
      { type: "period-series", id: "verloop", title: "Verloop over de laatste zes halfjaren", categories: PUBLIC_SELECTION, count: 6 },
    ],
    outputs: { pdf: false, csv: false, xlsx: false },
    layout: "public/gemeente.njk",
  },
  "src/reports/halfjaarcijfers/definition.ts",
);
