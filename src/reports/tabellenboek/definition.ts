import { normalizeDefinition } from "../definition.ts";

/**
 * The monthly tabellenboek for the gezag: per area every INP category with registrations, each
 * month of the year so far, the year to date against the same period last year, the change and
 * whether it is more than noise, per 1.000 inwoners; misdrijven and, as a second part, incidenten
 * and overlast; per gemeente a table by wijk; and what changed since the previous edition.
 */
export const tabellenboek = normalizeDefinition(
  {
    kind: "tabellenboek",
    title: "Tabellenboek",
    description: "Maandelijks overzicht van geregistreerde misdrijven en incidenten per gebied, naar INP-categorie.",
    audience: "gezag",
    areaLevels: ["gemeente", "basisteam", "district", "eenheid"],
    period: "ytd",
    sections: [
      {
        type: "category-table",
        id: "misdrijven",
        title: "Misdrijven",
        part: "J",
        depth: 3,
        columns: ["months", "current", "previous", "change", "verdict", "per1000"],
      },
      {
        type: "category-table",
        id: "incidenten",
        title: "Incidenten en overlast",
        part: "N",
        depth: 3,
        columns: ["months", "current", "previous", "change", "verdict", "per1000"],
      },
      {
        type: "area-table",
        id: "wijken",
        title: "Misdrijven per wijk",
        levels: ["gemeente"],
        childLevel: "wijk",
        category: "J",
        columns: ["current", "previous", "change", "verdict", "per1000"],
      },
      { type: "revisions", id: "wijzigingen", title: "Wijzigingen sinds de vorige editie", depth: 3 },
    ],
    outputs: { pdf: { orientation: "landscape", cover: true } },
  },
  "src/reports/tabellenboek/definition.ts",
);
