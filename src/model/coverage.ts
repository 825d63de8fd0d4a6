import { UNASSIGNED_SOORT, type Classification } from "../reference/classification.ts";
import type { Cube, Granularity } from "./cube.ts";
import { compareInpCodes } from "../reference/inp-order.ts";

/**
 * What the input can answer. Reports and sections consult it before they show a figure the input
 * does not hold: a total over fewer soorten than the classification knows is labelled as such,
 * klasse detail of soort-level input and months of yearly input are said to be missing, never
 * shown as zeros.
 */
export interface Coverage {
  /** The finest period of the counts: months, quarters or whole years. */
  granularity: Granularity;
  /** Soort misdrijf codes (not 0.0.0) the input holds, sorted. */
  soorten: string[];
  /**
   * Whether a total of the soorten is the total of all misdrijven ("Totaal misdrijven"): `soorten`
   * is every soort of the classification, or the input gave that total itself (a CBS table's
   * "Totaal misdrijven", whose part under no listed soort is kept apart).
   */
  allSoorten: boolean;
  /** Whether the input holds maatschappelijke klassen (BVH, or counts by klasse), not only soorten. */
  klassen: boolean;
  /** Whether the input holds incidenten and overlast (INP misdrijf N), not only crimes. */
  incidenten: boolean;
  /**
   * Whether the input holds crime klassen that no soort counts (INP misdrijf J without a CBS soort,
   * e.g. traffic crimes): all misdrijven (J) then count more than the total of the soorten.
   */
  crimesOutsideSoorten: boolean;
}

/** A soort code as open-data tables and aggregated exports carry it ("1.2.3"), standing for its pseudo-klasse. */
const SOORT_CODE = /^\d+\.\d+\.\d+$/;

/** The coverage of `cube`: from the klassen it holds and the soorten its input declared. */
export function coverageOf(cube: Pick<Cube, "klassen" | "granularity" | "declaredSoorten">, classification: Classification): Coverage {
  const soorten = new Set(cube.declaredSoorten);
  let klassen = false;
  let incidenten = false;
  let crimesOutsideSoorten = false;
  let ownTotal = false;
  for (const code of cube.klassen) {
    if (code === UNASSIGNED_SOORT) ownTotal = true;
    const klasse = classification.klasse(code);
    if (!klasse || klasse.unassigned) continue;
    if (klasse.soort && klasse.soort !== "0.0.0") soorten.add(klasse.soort);
    if (!SOORT_CODE.test(code)) klassen = true;
    if (klasse.misdrijf === "N") incidenten = true;
    if (klasse.misdrijf === "J" && !klasse.soort) crimesOutsideSoorten = true;
  }
  const known = classification.soorten().filter((soort) => soort.code !== "0.0.0");
  return {
    granularity: cube.granularity,
    soorten: [...soorten].sort(compareInpCodes),
    allSoorten: ownTotal || known.every((soort) => soorten.has(soort.code)),
    klassen,
    incidenten,
    crimesOutsideSoorten,
  };
}

/**
 * The label of a total over the soorten of the input: "Totaal misdrijven" when it covers them all,
 * otherwise what it covers ("Totaal van de 1 soort in de gegevens", "Totaal van de 12 soorten in de gegevens").
 */
export function soortTotalLabel(coverage: Pick<Coverage, "soorten" | "allSoorten">): string {
  if (coverage.allSoorten) return "Totaal misdrijven";
  const n = coverage.soorten.length;
  return `Totaal van de ${n} ${n === 1 ? "soort" : "soorten"} in de gegevens`;
}
