/**
 * An ILLUSTRATIVE national police indeling: all gemeenten in the 10 regionale eenheden, about 170
 * basisteams and 43 districten, for the national benchmark (`npm run bench`).
 *
 * No real buurt → basisteam mapping is public. What is real here: the gemeenten, their provincie,
 * wijken and inhabitants (CBS), the codes and names of the 10 eenheden, and which gemeenten fall in
 * which eenheid (the eenheden follow the veiligheidsregio's; where an eenheid splits a provincie,
 * the gemeenten are listed below by name). What is invented: the basisteams and districten inside
 * an eenheid. They are cut by inhabitants, not by geography: gemeenten in alphabetical order within
 * the provincie are grouped into teams of about equal size, a city larger than a team is split along
 * its wijken. Provincie Utrecht keeps the hand-made demo indeling (`MIDDEN_NEDERLAND`), so that the
 * demo mapping and the national one agree there.
 */
import { MIDDEN_NEDERLAND, type BasisteamDefinition, type DistrictDefinition, type EenheidDefinition } from "./basisteam-indeling.ts";

export interface GemeenteInfo {
  readonly code: string;
  readonly naam: string;
  readonly provincie: string;
  readonly inwoners: number;
}

export interface WijkInfo {
  readonly code: string;
  readonly gemeentecode: string;
  readonly inwoners: number;
}

/** About as many basisteams and districten as the police has (2024: 10 eenheden, 43 districten, ~170 basisteams). */
export const NATIONAL_BASISTEAMS = 170;
export const NATIONAL_DISTRICTEN = 43;

const EENHEID_OF_PROVINCIE: Record<string, string> = {
  Groningen: "RE01",
  Friesland: "RE01",
  Drenthe: "RE01",
  Overijssel: "RE02",
  Gelderland: "RE02",
  Utrecht: "RE03",
  Flevoland: "RE03",
  "Noord-Holland": "RE04",
  "Zuid-Holland": "RE06",
  Zeeland: "RE08",
  "Noord-Brabant": "RE08",
  Limburg: "RE10",
};

/** Gemeenten whose eenheid is not the one of their provincie (by name, as in gebieden-2024.csv). */
const EENHEID_EXCEPTIONS: Record<string, readonly string[]> = {
  // Gooi en Vechtstreek (Noord-Holland) belongs to Midden-Nederland.
  RE03: ["Blaricum", "Gooise Meren", "Hilversum", "Huizen", "Laren (NH.)", "Wijdemeren"],
  // Amsterdam-Amstelland.
  RE05: ["Aalsmeer", "Amstelveen", "Amsterdam", "Diemen", "Ouder-Amstel", "Uithoorn"],
  // Rotterdam-Rijnmond and Zuid-Holland-Zuid; the rest of Zuid-Holland is eenheid Den Haag.
  RE07: [
    "Alblasserdam", "Albrandswaard", "Barendrecht", "Capelle aan den IJssel", "Dordrecht", "Goeree-Overflakkee",
    "Gorinchem", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Hoeksche Waard", "Krimpen aan den IJssel",
    "Lansingerland", "Maassluis", "Molenlanden", "Nissewaard", "Papendrecht", "Ridderkerk", "Rotterdam", "Schiedam",
    "Sliedrecht", "Vlaardingen", "Voorne aan Zee", "Zwijndrecht",
  ],
  // Brabant-Noord and Brabant-Zuidoost; the rest of Noord-Brabant is Zeeland-West-Brabant.
  RE09: [
    "'s-Hertogenbosch", "Asten", "Bergeijk", "Bernheze", "Best", "Bladel", "Boekel", "Boxtel", "Cranendonck", "Deurne",
    "Eersel", "Eindhoven", "Geldrop-Mierlo", "Gemert-Bakel", "Heeze-Leende", "Helmond", "Heusden", "Laarbeek",
    "Land van Cuijk", "Maashorst", "Meierijstad", "Nuenen, Gerwen en Nederwetten", "Oirschot", "Oss",
    "Reusel-De Mierden", "Sint-Michielsgestel", "Someren", "Son en Breugel", "Valkenswaard", "Veldhoven", "Vught", "Waalre",
  ],
};

/**
 * The eenheid of every gemeente (code → "RE01"…"RE10"). Throws for a gemeente of an unknown
 * provincie and for an exception that names no gemeente (a typo would silently move a city).
 */
export function eenheidOfGemeenten(gemeenten: readonly GemeenteInfo[]): Map<string, string> {
  const byName = new Map(gemeenten.map((gemeente) => [gemeente.naam, gemeente.code]));
  const result = new Map<string, string>();
  for (const gemeente of gemeenten) {
    const eenheid = EENHEID_OF_PROVINCIE[gemeente.provincie];
    if (!eenheid) throw new Error(`gemeente ${gemeente.code} ${gemeente.naam}: no eenheid for provincie "${gemeente.provincie}"`);
    result.set(gemeente.code, eenheid);
  }
  for (const [eenheid, names] of Object.entries(EENHEID_EXCEPTIONS)) {
    for (const name of names) {
      const code = byName.get(name);
      if (!code) throw new Error(`eenheid ${eenheid} names gemeente "${name}", which is not in the area table`);
      result.set(code, eenheid);
    }
  }
  return result;
}

interface Unit {
  /** Whole gemeenten, or the wijken of one gemeente. */
  gemeenten: string[];
  wijken: string[];
  inwoners: number;
  /** The largest gemeente in it (for the name). */
  naam: string;
}

/**
 * The national indeling: one EenheidDefinition per eenheid in `eenheden` (code → naam), each
 * with its districten and basisteams. Deterministic for the same inputs.
 */
export function nationalIndeling(gemeenten: readonly GemeenteInfo[], wijken: readonly WijkInfo[], eenheden: ReadonlyMap<string, string>): EenheidDefinition[] {
  const eenheidOf = eenheidOfGemeenten(gemeenten);
  const total = gemeenten.reduce((sum, gemeente) => sum + gemeente.inwoners, 0);
  const demo = new Set(MIDDEN_NEDERLAND.districten.flatMap((district) => district.basisteams.flatMap((team) => [...team.gemeenten, ...team.wijken.map((wijk) => `GM${wijk.slice(2, 6)}`)])));
  const result: EenheidDefinition[] = [];
  for (const [code, naam] of [...eenheden].sort(([a], [b]) => a.localeCompare(b))) {
    const members = gemeenten
      .filter((gemeente) => eenheidOf.get(gemeente.code) === code && !demo.has(gemeente.code))
      .sort((a, b) => a.provincie.localeCompare(b.provincie, "nl") || a.naam.localeCompare(b.naam, "nl"));
    const kept = code === MIDDEN_NEDERLAND.code ? MIDDEN_NEDERLAND.districten : [];
    if (members.length === 0 && kept.length === 0) continue;
    const inwoners = members.reduce((sum, gemeente) => sum + gemeente.inwoners, 0);
    const teams = Math.max(1, Math.round((NATIONAL_BASISTEAMS * inwoners) / total));
    const districts = Math.max(1, Math.round((NATIONAL_DISTRICTEN * inwoners) / total));
    const units = teamUnits(members, wijken, teams);
    const number = code.slice(2);
    const firstTeam = kept.reduce((sum, district) => sum + district.basisteams.length, 0) + 1;
    const definitions: BasisteamDefinition[] = units.map((unit, index) => ({
      code: `BT${number}${String(firstTeam + index).padStart(2, "0")}`,
      naam: unit.naam,
      gemeenten: unit.gemeenten,
      wijken: unit.wijken,
    }));
    const inwonersOf = (team: BasisteamDefinition): number => units[definitions.indexOf(team)]?.inwoners ?? 0;
    const generated: DistrictDefinition[] = chunks(definitions, Math.min(districts, definitions.length), inwonersOf).map((list, index) => {
      // Named after its largest basisteam's (largest) gemeente.
      const largest = [...list].sort((a, b) => inwonersOf(b) - inwonersOf(a))[0];
      return {
        code: `DS${number}${String(kept.length + index + 1).padStart(2, "0")}`,
        naam: `District ${largest?.naam.replace(/ \d+$| e\.o\.$/, "") ?? ""}`,
        basisteams: list,
      };
    });
    result.push({ code, naam, districten: [...kept, ...generated] });
  }
  return result;
}

/**
 * Cuts the gemeenten of one eenheid into about `teams` units of equal population: a gemeente larger
 * than one and a half teams is split along its wijken (in code order); the others are grouped in order.
 */
function teamUnits(members: readonly GemeenteInfo[], wijken: readonly WijkInfo[], teams: number): Unit[] {
  if (members.length === 0) return [];
  const size = members.reduce((sum, gemeente) => sum + gemeente.inwoners, 0) / teams;
  const units: Unit[] = [];
  let group: GemeenteInfo[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    const largest = [...group].sort((a, b) => b.inwoners - a.inwoners)[0] as GemeenteInfo;
    units.push({
      gemeenten: group.map((gemeente) => gemeente.code),
      wijken: [],
      inwoners: group.reduce((sum, gemeente) => sum + gemeente.inwoners, 0),
      naam: group.length === 1 ? largest.naam : `${largest.naam} e.o.`,
    });
    group = [];
  };
  for (const gemeente of members) {
    const own = wijken.filter((wijk) => wijk.gemeentecode === gemeente.code).sort((a, b) => a.code.localeCompare(b.code));
    const parts = Math.min(own.length, Math.round(gemeente.inwoners / size));
    if (parts >= 2 && gemeente.inwoners > 1.5 * size) {
      flush();
      chunks(own, parts, (wijk) => wijk.inwoners).forEach((list, index) =>
        units.push({ gemeenten: [], wijken: list.map((wijk) => wijk.code), inwoners: list.reduce((sum, wijk) => sum + wijk.inwoners, 0), naam: `${gemeente.naam} ${index + 1}` }),
      );
      continue;
    }
    const groupSize = group.reduce((sum, member) => sum + member.inwoners, 0);
    if (group.length > 0 && groupSize + gemeente.inwoners / 2 > size) flush();
    group.push(gemeente);
  }
  flush();
  return units;
}

/** `items` in order, cut into `n` consecutive non-empty lists of about equal `weight`. */
function chunks<T>(items: readonly T[], n: number, weight: (item: T) => number): T[][] {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  const result: T[][] = [];
  let current: T[] = [];
  let done = 0;
  items.forEach((item, index) => {
    const left = items.length - index;
    const listsLeft = n - result.length;
    // Close the current list when it reached its share, or when every later item needs a list of its own.
    if (current.length > 0 && listsLeft > 1 && (done + weight(item) / 2 > (total * (result.length + 1)) / n || left < listsLeft)) {
      result.push(current);
      current = [];
    }
    current.push(item);
    done += weight(item);
  });
  if (current.length > 0) result.push(current);
  return result;
}
