import type { Coverage } from "../../model/coverage.ts";
import type { SectionSpec } from "../definition.ts";
import { categoryTitle, type Names } from "./reader-names.ts";

/** What a section asks for that the input cannot give: said on the page (Dutch) and in the build log. */
export interface NotInInput {
  /** "Deze gegevens hebben alleen jaarcijfers; per maand is niet te tonen." */
  text: string;
  /** "the exports hold yearly figures only: no months". */
  log: string;
}

type InputCoverage = Pick<Coverage, "granularity" | "soorten" | "klassen" | "incidenten">;

/**
 * Whether the input can answer for category `key` at all (a count of 0 is an answer; a category
 * the input does not hold is not): incidenten and overlast (N) only where the input has them,
 * klassen only in klasse-level input, and in soort-level input an INP node or soort only when a
 * soort of the input lies in it.
 */
export function categoryInInput(key: string, coverage: Omit<InputCoverage, "granularity">): boolean {
  // A fenomeen counts its klassen, or the soorten of soort-level input: what it holds is counted.
  if (key.startsWith("fenomeen:")) return true;
  if (key === "N" || key.startsWith("N:")) return coverage.incidenten;
  if (key === "O" || key.startsWith("O:") || key.startsWith("klasse:")) return coverage.klassen;
  if (coverage.klassen || key === "J" || key === "soort:0.0.0") return true;
  const code = key.slice(key.indexOf(":") + 1);
  if (key.startsWith("soort:")) return coverage.soorten.includes(code);
  return coverage.soorten.some((soort) => soort === code || soort.startsWith(`${code}.`));
}

/** Why the input holds no figure for `key`, in words; undefined when it does. */
export function categoryNotInInput(key: string, coverage: InputCoverage, names: Names): NotInInput | undefined {
  if (categoryInInput(key, coverage)) return undefined;
  if (key === "N" || key.startsWith("N:")) {
    return {
      text: `Incidenten en overlast staan niet in deze gegevens (alleen misdrijven${coverage.klassen ? "" : " per soort"}); ze zijn hier niet te tonen.`,
      log: "the exports hold no incidenten or overlast (INP misdrijf N)",
    };
  }
  if (key.startsWith("klasse:") || key === "O" || key.startsWith("O:")) {
    return { text: "Deze gegevens bevatten geen maatschappelijke klassen, alleen soorten misdrijf; per klasse is niet te tonen.", log: "the exports hold soorten only, no maatschappelijke klassen" };
  }
  return { text: `${categoryTitle(key, names)} staat niet in deze gegevens.`, log: `the exports hold no figures for ${key}` };
}

const ONLY: Record<Exclude<Coverage["granularity"], "month">, { text: string; log: string }> = {
  year: { text: "Deze gegevens hebben alleen jaarcijfers; per maand is niet te tonen.", log: "the exports hold yearly figures only: no months" },
  quarter: { text: "Deze gegevens hebben alleen kwartaalcijfers; per maand is niet te tonen.", log: "the exports hold quarterly figures only: no months" },
};

/**
 * What a section as a whole asks for that the input cannot give — months of yearly or quarterly
 * input, incidenten of an input of crimes, klassen of soort-level input, a category the input
 * does not hold — or undefined when it can be shown. Such a section is said to be missing, never
 * filled with zeros. (A section that lists several categories drops the ones not in the input
 * itself and says so: see the trend.)
 */
export function notInInput(spec: SectionSpec, coverage: InputCoverage, names: Names): NotInInput | undefined {
  const months =
    spec.type === "seasonality" || spec.type === "month-series" || ((spec.type === "category-table" || spec.type === "area-table" || spec.type === "selection-table") && spec.columns.includes("months"));
  if (months && coverage.granularity !== "month") return ONLY[coverage.granularity];
  if (spec.type === "high-impact-crime" && spec.groups.every((group) => group.categories.every((key) => !categoryInInput(key, coverage)))) {
    const groups = spec.groups.map((group) => group.label.toLowerCase());
    return {
      text: `Geen van de soorten van high impact crime (${groups.slice(0, -1).join(", ")}${groups.length > 1 ? " en " : ""}${groups[groups.length - 1] ?? ""}) staat in deze gegevens.`,
      log: "the exports hold none of the soorten of high impact crime",
    };
  }
  const category = spec.type === "category-table" ? spec.part : "category" in spec ? spec.category : spec.type === "key-figures" ? spec.total : undefined;
  return category === undefined ? undefined : categoryNotInInput(category, coverage, names);
}
