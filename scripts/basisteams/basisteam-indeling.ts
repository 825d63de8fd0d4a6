/**
 * The ILLUSTRATIVE police indeling of the demo region (the 26 gemeenten of provincie Utrecht).
 *
 * No real buurt → basisteam mapping is public. This one is loosely modelled on eenheid
 * Midden-Nederland: the city of Utrecht is split along its wijken over three basisteams, and
 * the other basisteams each cover a few whole gemeenten. Users replace the generated
 * `data/reference/basisteams.csv` with their own file (same columns).
 */

/** A basisteam covers whole gemeenten and/or whole wijken; never both for the same gemeente. */
export interface BasisteamDefinition {
  readonly code: string;
  readonly naam: string;
  readonly gemeenten: readonly string[];
  readonly wijken: readonly string[];
}

export interface DistrictDefinition {
  readonly code: string;
  readonly naam: string;
  readonly basisteams: readonly BasisteamDefinition[];
}

export interface EenheidDefinition {
  readonly code: string;
  readonly naam: string;
  readonly districten: readonly DistrictDefinition[];
}

function team(code: string, naam: string, areas: { gemeenten?: string[]; wijken?: string[] }): BasisteamDefinition {
  return { code, naam, gemeenten: areas.gemeenten ?? [], wijken: areas.wijken ?? [] };
}

/** Eenheid RE03 Midden-Nederland as used by the demo (illustrative). */
export const MIDDEN_NEDERLAND: EenheidDefinition = {
  code: "RE03",
  naam: "Midden-Nederland",
  districten: [
    {
      code: "DS0301",
      naam: "Utrecht-Stad",
      basisteams: [
        team("BT0301", "Utrecht-West", { wijken: ["WK034401", "WK034408", "WK034409", "WK034410"] }),
        team("BT0302", "Utrecht-Noord", { wijken: ["WK034402", "WK034403", "WK034404"] }),
        team("BT0303", "Utrecht-Centrum-Oost", { wijken: ["WK034405", "WK034406", "WK034407"] }),
      ],
    },
    {
      code: "DS0302",
      naam: "Eemland-Heuvelrug",
      basisteams: [
        team("BT0304", "Amersfoort", { gemeenten: ["GM0307"] }),
        team("BT0305", "Eemland-Noord", { gemeenten: ["GM0308", "GM0313", "GM0317", "GM0342"] }),
        team("BT0306", "Vallei", { gemeenten: ["GM0345", "GM0339", "GM0351", "GM0327"] }),
        team("BT0307", "Heuvelrug", { gemeenten: ["GM1581", "GM0340", "GM0352"] }),
      ],
    },
    {
      code: "DS0303",
      naam: "Utrecht-West-Zuid",
      basisteams: [
        team("BT0308", "Zeist-De Bilt", { gemeenten: ["GM0355", "GM0310", "GM0312"] }),
        team("BT0309", "Vecht en Venen", { gemeenten: ["GM1904", "GM0736"] }),
        team("BT0310", "Woerden-Lopikerwaard", { gemeenten: ["GM0632", "GM0589", "GM0335", "GM0331"] }),
        team("BT0311", "Lek en IJssel", { gemeenten: ["GM0356", "GM0353", "GM0321"] }),
        team("BT0312", "Vijfheerenlanden", { gemeenten: ["GM1961"] }),
      ],
    },
  ],
};
