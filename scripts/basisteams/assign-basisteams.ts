import type { EenheidDefinition } from "./basisteam-indeling.ts";

/** A buurt as the assignment needs it: its own code, its wijk and its gemeente. */
export interface BuurtArea {
  readonly buurtcode: string;
  readonly wijkcode: string;
  readonly gemeentecode: string;
}

/** One row of `data/reference/basisteams.csv`. */
export interface BasisteamRow {
  readonly buurtcode: string;
  readonly basisteamcode: string;
  readonly basisteam: string;
  readonly districtcode: string;
  readonly district: string;
  readonly eenheidcode: string;
  readonly eenheid: string;
}

/** The columns of `basisteams.csv`, in order. */
export const BASISTEAM_COLUMNS = [
  "buurtcode",
  "basisteamcode",
  "basisteam",
  "districtcode",
  "district",
  "eenheidcode",
  "eenheid",
] as const satisfies readonly (keyof BasisteamRow)[];

/**
 * Maps every buurt of `gemeenten` to exactly one basisteam of `eenheid`, sorted by buurtcode.
 *
 * A buurt is matched through its wijk first (for cities split over several basisteams), then
 * through its gemeente. Throws when a buurt of one of `gemeenten` matches no basisteam, when it
 * matches more than one, or when the definition names a wijk or gemeente that has no buurt —
 * a silent gap in the indeling would show up much later as "missing" figures.
 */
export function assignBasisteams(
  buurten: readonly BuurtArea[],
  gemeenten: readonly string[],
  eenheid: EenheidDefinition,
): BasisteamRow[] {
  const byArea = new Map<string, Omit<BasisteamRow, "buurtcode">[]>();
  for (const district of eenheid.districten) {
    for (const team of district.basisteams) {
      const target = {
        basisteamcode: team.code,
        basisteam: team.naam,
        districtcode: district.code,
        district: district.naam,
        eenheidcode: eenheid.code,
        eenheid: eenheid.naam,
      };
      for (const area of [...team.wijken, ...team.gemeenten]) {
        byArea.set(area, [...(byArea.get(area) ?? []), target]);
      }
    }
  }

  const wanted = new Set(gemeenten);
  const used = new Set<string>();
  const rows: BasisteamRow[] = [];
  const unmapped: string[] = [];
  for (const buurt of buurten) {
    if (!wanted.has(buurt.gemeentecode)) continue;
    const viaWijk = byArea.get(buurt.wijkcode) ?? [];
    const viaGemeente = byArea.get(buurt.gemeentecode) ?? [];
    const matches = [...viaWijk, ...viaGemeente];
    if (matches.length === 0) {
      unmapped.push(`${buurt.buurtcode} (${buurt.wijkcode}, ${buurt.gemeentecode})`);
      continue;
    }
    if (matches.length > 1) {
      const teams = matches.map((m) => m.basisteamcode).join(", ");
      throw new Error(`buurt ${buurt.buurtcode} falls in more than one basisteam: ${teams}`);
    }
    used.add(viaWijk.length > 0 ? buurt.wijkcode : buurt.gemeentecode);
    rows.push({ buurtcode: buurt.buurtcode, ...matches[0]! });
  }
  if (unmapped.length > 0) {
    throw new Error(
      `${unmapped.length} buurten have no basisteam, e.g. ${unmapped.slice(0, 5).join("; ")}` +
        " — add their wijk or gemeente to the indeling",
    );
  }
  const unusedAreas = [...byArea.keys()].filter((area) => !used.has(area));
  if (unusedAreas.length > 0) {
    throw new Error(`the indeling names areas without any buurt: ${unusedAreas.sort().join(", ")}`);
  }
  return rows.sort((a, b) => (a.buurtcode < b.buurtcode ? -1 : a.buurtcode > b.buurtcode ? 1 : 0));
}
