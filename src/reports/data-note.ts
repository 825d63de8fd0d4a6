import type { Coverage } from "../model/coverage.ts";
import type { Names } from "./sections/reader-names.ts";

/**
 * What the data behind a page hold, in one sentence, when that is less than every soort, klasse,
 * incident and month: "Deze gegevens bevatten 12 van de 58 soorten misdrijf. Totalen tellen alleen
 * deze soorten." Undefined when the input holds everything. Shown at the top of a page, so that a
 * reader knows before the first table what the figures cover.
 */
export function dataNote(coverage: Omit<Coverage, "crimesOutsideSoorten">, names: Pick<Names, "nameOf" | "knownSoorten">): string | undefined {
  const parts: string[] = [];
  if (!coverage.allSoorten) {
    const known = names.knownSoorten?.length;
    const held = coverage.soorten.length;
    parts.push(
      held === 1
        ? `1 soort misdrijf (${coverage.soorten[0]} ${names.nameOf(coverage.soorten[0] as string)})`
        : `${held}${known ? ` van de ${known}` : ""} soorten misdrijf`,
    );
  }
  const lacking: string[] = [];
  if (!coverage.klassen) lacking.push("geen maatschappelijke klassen");
  if (!coverage.incidenten) lacking.push("geen incidenten en overlast");
  if (coverage.granularity !== "month") lacking.push(coverage.granularity === "year" ? "alleen jaarcijfers, geen maanden" : "alleen kwartaalcijfers, geen maanden");
  if (parts.length === 0 && lacking.length === 0) return undefined;
  const holds = parts.length > 0 ? `Deze gegevens bevatten ${parts[0]}${lacking.length > 0 ? `, ${joinAnd(lacking)}` : ""}` : `Deze gegevens bevatten ${joinAnd(lacking)}`;
  return `${holds}.${parts.length > 0 ? " Totalen tellen alleen deze soorten." : ""}`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}
