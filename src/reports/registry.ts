import { UserError } from "../user-error.ts";
import type { ReportDefinition } from "./definition.ts";
import { tabellenboek } from "./tabellenboek/definition.ts";

/** The report definitions that ship with the tool, by kind. */
export const BUILT_IN_DEFINITIONS: ReadonlyMap<string, ReportDefinition> = new Map([[tabellenboek.kind, tabellenboek]]);

/** The definition named in the config; a UserError listing the known kinds when there is none. */
export function definitionFor(kind: string): ReportDefinition {
  const definition = BUILT_IN_DEFINITIONS.get(kind);
  if (!definition) {
    throw new UserError(`Unknown report "${kind}"`, {
      hint: `Known reports: ${[...BUILT_IN_DEFINITIONS.keys()].join(", ")}.`,
      exitCode: 2,
    });
  }
  return definition;
}
