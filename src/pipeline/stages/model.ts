import type { Config } from "../../config/normalize-config.ts";
import { buildReport } from "../../reports/build-report.ts";
import { createReportContext } from "../../reports/context.ts";
import type { SitePage } from "../../reports/page.ts";
import { needsRegistrations } from "../../reports/servable-editions.ts";
import { nlDate } from "../../site/filters.ts";
import { UserError } from "../../user-error.ts";
import { checkTotals } from "../check-totals.ts";
import type { BuildLog } from "../log.ts";
import { buildDayOf, buildMonthOf, type PlannedEdition } from "../plan.ts";
import { cubeAt, registrationsAt, type Checked } from "./ingest-and-check.ts";
import type { Inputs } from "./read-inputs.ts";

export interface ModelSettings {
  config: Config;
  buildDate: string;
  /** Only these area codes. */
  areas?: readonly string[];
}

/**
 * Every edition's page data, computed from the cube as of the edition's month (and the edition
 * before it, for the revisions), before disclosure control: one page per area and, for reports
 * that are not public, the edition's index (a public edition's index comes with its public site).
 */
export async function modelPages(inputs: Inputs, checked: Checked, settings: ModelSettings, log: BuildLog): Promise<SitePage[]> {
  const pages: SitePage[] = [];
  const checkedCubes = new Set<object>();
  for (const plan of checked.planned) {
    const { cube, ctx } = await contextOf(plan, inputs, checked, settings);
    if (!checkedCubes.has(cube)) {
      checkTotals(cube, ctx);
      checkedCubes.add(cube);
    }
    const built = buildReport(plan.definition, ctx, {
      organisation: settings.config.organisation,
      buildDate: nlDate(settings.buildDate),
      ...(settings.areas ? { areas: settings.areas } : {}),
    });
    for (const line of built.notInInput) log.warn(line);
    if (built.pages.length === 0) {
      throw new UserError(`${plan.definition.kind} ${plan.edition.id}: no area in scope${settings.areas ? ` matches --area ${settings.areas.join(",")}` : ""}`, {
        hint: "Check --area against the gemeente- and basisteamcodes of the scope in the config.",
        exitCode: 2,
      });
    }
    pages.push(...built.pages, ...(plan.definition.audience === "public" ? [] : [built.index]));
  }
  return pages;
}

/** What an edition's report is computed in: the cube as of its month, and everything else its sections read. */
async function contextOf(plan: PlannedEdition, inputs: Inputs, checked: Checked, settings: ModelSettings) {
  const { config } = settings;
  const { ingested, report } = checked;
  const cube = cubeAt(ingested, plan.edition.month);
  const previousCube = plan.previous.month >= inputs.firstDelivery ? ingested.snapshots.get(plan.previous.month) : undefined;
  const registrations = needsRegistrations(plan.definition) ? registrationsAt(ingested, plan.edition.month) : undefined;
  const ctx = createReportContext({
    reference: inputs.reference,
    scope: inputs.scope,
    cube,
    edition: plan.edition,
    lastCompleteMonth: buildMonthOf(settings.buildDate) - 1,
    comparison: config.comparison,
    // Years the config or the source itself (2024*) marks provisional.
    voorlopig: [...config.voorlopig, ...report.voorlopig],
    ...(previousCube ? { previous: { edition: plan.previous, cube: previousCube } } : {}),
    incomplete: checked.incomplete.get(plan.edition.month) ?? [],
    ...(await inputs.reportInputs(plan)),
    lastCompleteDay: buildDayOf(settings.buildDate) - 1,
    fenomenen: plan.definition.fenomenen,
    ...(registrations ? { registrations } : {}),
  });
  return { cube, ctx };
}
