import { normalizeDefinition } from "../definition.ts";

/**
 * The woninginbrakenmonitor: woninginbraak (INP 1.1.1) per gemeente month by month for the last
 * 24 months, and by wijk for the year so far.
 */
export const woninginbrakenmonitor = normalizeDefinition(
  {
    kind: "woninginbrakenmonitor",
    title: "Woninginbrakenmonitor",
    description: "Woninginbraken (diefstal/inbraak woning) per maand over de laatste 24 maanden en per wijk.",
    audience: "gezag",
    areaLevels: ["gemeente"],
    period: "ytd",
    sections: [
      { type: "month-series", id: "per-maand", title: "Woninginbraken per maand", category: "J:1.1.1", months: 24 },
      {
        type: "area-table",
        id: "per-wijk",
        title: "Woninginbraken per wijk",
        childLevel: "wijk",
        category: "J:1.1.1",
        columns: ["current", "previous", "change", "verdict", "per1000"],
      },
    ],
    outputs: { pdf: { orientation: "portrait", cover: false } },
  },
  "src/reports/woninginbrakenmonitor/definition.ts",
);
