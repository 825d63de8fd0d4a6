import type { AreaLevel } from "../reference/areas.ts";
import type { Reference } from "../reference/load-reference.ts";
import { UserError } from "../user-error.ts";

/** Which gemeenten a build is about, as given in the config. */
export type ScopeSpec = { provincie: string } | { gemeenten: string[] } | { eenheid: string };

/** The areas of each level that reports are made for. */
export interface Scope {
  /** How the region is named on pages: "provincie Utrecht", "eenheid Midden-Nederland", "de regio". */
  name: string;
  gemeenten: readonly string[];
  /** Areas of `level` that cover at least one buurt of the gemeenten in scope, sorted by code. */
  areasAt(level: AreaLevel): readonly string[];
}

/** Resolves a scope spec against the reference; throws a UserError when it names nothing known. */
export function resolveScope(spec: ScopeSpec, reference: Reference): Scope {
  const { areas } = reference;
  let gemeenten: string[];
  if ("provincie" in spec) {
    gemeenten = [...reference.provincies].filter(([, provincie]) => provincie === spec.provincie).map(([code]) => code);
    if (gemeenten.length === 0) {
      const known = [...new Set(reference.provincies.values())].sort().join(", ");
      throw new UserError(`scope.provincie: "${spec.provincie}" is not a provincie`, { hint: `Use one of ${known}.`, exitCode: 2 });
    }
  } else if ("gemeenten" in spec) {
    const unknown = spec.gemeenten.filter((code) => areas.get(code)?.level !== "gemeente");
    if (unknown.length > 0) {
      throw new UserError(`scope.gemeenten: unknown gemeentecode${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`, {
        hint: "Use the codes of the area table (indeling 2024), e.g. GM0344 for Utrecht.",
        exitCode: 2,
      });
    }
    gemeenten = [...spec.gemeenten];
  } else {
    gemeenten = areas
      .areasAt("gemeente")
      .filter((gemeente) => areas.buurtenOf(gemeente.code).some((buurt) => areas.ancestorAt(buurt, "eenheid") === spec.eenheid))
      .map((gemeente) => gemeente.code);
    if (gemeenten.length === 0) {
      throw new UserError(`scope.eenheid: no buurt of the basisteam mapping lies in eenheid "${spec.eenheid}"`, {
        hint: "Check the eenheid code against the basisteam mapping (reference.basisteams).",
        exitCode: 2,
      });
    }
  }
  gemeenten.sort();
  const byLevel = new Map<AreaLevel, string[]>();
  const buurten = gemeenten.flatMap((gemeente) => areas.buurtenOf(gemeente));
  const name = "provincie" in spec ? `provincie ${spec.provincie}` : "eenheid" in spec ? `eenheid ${reference.eenheden.get(spec.eenheid) ?? spec.eenheid}` : "de regio";
  return {
    name,
    gemeenten,
    areasAt(level) {
      let list = byLevel.get(level);
      if (!list) {
        if (level === "gemeente") list = [...gemeenten];
        else {
          const codes = new Set<string>();
          for (const buurt of buurten) {
            const code = areas.ancestorAt(buurt, level);
            if (code) codes.add(code);
          }
          list = [...codes].sort();
        }
        byLevel.set(level, list);
      }
      return list;
    },
  };
}
