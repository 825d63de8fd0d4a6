/**
 * Which maatschappelijke klassen the demo export writes for each soort, and how often.
 *
 * A soort's klassen are those that both INP-BVH 2013 files under the soort as a crime
 * (niv3 = soort, misdrijf = J) and the CBS/politie soort list (`soort-misdrijf.csv`) counts.
 * Using the intersection means any reader that maps klasse → soort through either table counts
 * every generated crime under the soort it was generated for.
 */
import { cumulativeWeights } from "./draws.ts";
import { INCIDENT_KLASSE_WEIGHTS, KLASSE_WEIGHTS } from "./klasse-weights.ts";
import type { DemoInputs } from "./read-demo-inputs.ts";

/** Group id of the illustrative incident rows (INP misdrijf = N). */
export const INCIDENT_GROUP = "incidenten";

/** National series whose monthly profile shapes the incident rows: total misdrijven. */
export const INCIDENT_PROFILE_SOORT = "0.0.0";

/** A soort (or the incidents) with the klassen generated for it. */
export interface KlasseGroup {
  /** Soort code such as `1.2.3`, or {@link INCIDENT_GROUP}. */
  readonly id: string;
  readonly misdrijf: boolean;
  /** Soort code of the national monthly series that gives this group's seasonality. */
  readonly profileSoort: string;
  readonly klassen: readonly string[];
  /** Running sums of the klassen's weights, for {@link pickIndex}. */
  readonly cumulative: Float64Array;
}

export interface KlasseCatalog {
  /** The soorten in code order, then the incident group. */
  readonly groups: readonly KlasseGroup[];
  /** klasse code → INP name (upper case, as in the table) */
  readonly naam: ReadonlyMap<string, string>;
  /** klasse code → index in {@link groups} */
  readonly groupIndex: ReadonlyMap<string, number>;
}

function weightsFor(table: Readonly<Record<string, number>>, codes: readonly string[], what: string): number[] {
  const missing = codes.filter((code) => table[code] === undefined);
  if (missing.length > 0) throw new Error(`no weight for ${what} klassen ${missing.join(", ")} in klasse-weights.ts`);
  return codes.map((code) => table[code]!);
}

/** Builds the catalog for `soorten` (soort codes); throws when a soort has no klasse or a weight is missing. */
export function buildKlasseCatalog(inputs: DemoInputs, soorten: readonly string[]): KlasseCatalog {
  const groups: KlasseGroup[] = [];
  for (const soort of [...soorten].sort(compareSoortCodes)) {
    const counted = new Set(inputs.soortKlassen.get(soort) ?? []);
    const klassen = inputs.inp.filter((k) => k.niv3 === soort && k.misdrijf && counted.has(k.code)).map((k) => k.code);
    if (klassen.length === 0) throw new Error(`soort ${soort}: no klasse is both in INP-BVH (misdrijf J) and in soort-misdrijf.csv`);
    const cumulative = cumulativeWeights(weightsFor(KLASSE_WEIGHTS, klassen, `soort ${soort}`));
    groups.push({ id: soort, misdrijf: true, profileSoort: soort, klassen, cumulative });
  }

  const incidentCodes = Object.keys(INCIDENT_KLASSE_WEIGHTS);
  for (const code of incidentCodes) {
    const klasse = inputs.inp.find((k) => k.code === code);
    if (!klasse || klasse.misdrijf) throw new Error(`incident klasse ${code} is not an INP-BVH klasse with misdrijf = N`);
  }
  groups.push({
    id: INCIDENT_GROUP,
    misdrijf: false,
    profileSoort: INCIDENT_PROFILE_SOORT,
    klassen: incidentCodes,
    cumulative: cumulativeWeights(weightsFor(INCIDENT_KLASSE_WEIGHTS, incidentCodes, "incident")),
  });

  const naam = new Map(inputs.inp.map((k) => [k.code, k.naam]));
  const groupIndex = new Map<string, number>();
  groups.forEach((group, i) => {
    for (const code of group.klassen) {
      if (groupIndex.has(code)) throw new Error(`klasse ${code} belongs to two groups`);
      groupIndex.set(code, i);
    }
  });
  return { groups, naam, groupIndex };
}

/** Orders soort codes numerically per level: 1.2.3 < 1.10.1. */
export function compareSoortCodes(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
