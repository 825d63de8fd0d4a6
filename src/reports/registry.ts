import { UserError } from "../user-error.ts";
import type { ReportDefinition } from "./definition.ts";
import { gebiedsscan } from "./gebiedsscan/definition.ts";
import { halfjaarcijfers } from "./halfjaarcijfers/definition.ts";
import { inpStuurgegevens } from "./inp-stuurgegevens/definition.ts";
import { maandrapportage } from "./maandrapportage-4-8-12/definition.ts";
import { tabellenboek } from "./tabellenboek/definition.ts";
import { woninginbrakenmonitor } from "./woninginbrakenmonitor/definition.ts";

/** The report definitions that ship with the tool, by kind. */
export const BUILT_IN_DEFINITIONS: ReadonlyMap<string, ReportDefinition> = new Map(
  [tabellenboek, inpStuurgegevens, maandrapportage, woninginbrakenmonitor, halfjaarcijfers, gebiedsscan].map((definition) => [definition.kind, definition]),
);

/**
 * The definition of `kind`: one of the config's own definition files, else a built-in one.
 * A UserError listing the known kinds when there is none.
 */
export function definitionFor(kind: string, custom: readonly ReportDefinition[] = []): ReportDefinition {
  const definition = custom.find((candidate) => candidate.kind === kind) ?? BUILT_IN_DEFINITIONS.get(kind);
  if (!definition) {
    const known = [...new Set([...custom.map((candidate) => candidate.kind), ...BUILT_IN_DEFINITIONS.keys()])];
    throw new UserError(`Unknown report "${kind}"`, { hint: `Known reports: ${known.join(", ")}.`, exitCode: 2 });
  }
  return definition;
}
