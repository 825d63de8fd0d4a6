import type { Config } from "../config/normalize-config.ts";
import type { Cube } from "../model/cube.ts";
import { parseDay, type Day } from "../model/days.ts";
import { monthOf, type Month } from "../model/months.ts";
import type { ReportDefinition } from "../reports/definition.ts";
import { editionOf, previousEdition, type Edition } from "../reports/edition.ts";
import { BUILT_IN_DEFINITIONS, definitionFor } from "../reports/registry.ts";
import { servableEditions, type InputPeriods } from "../reports/servable-editions.ts";
import { UserError } from "../user-error.ts";
import type { BuildLog } from "../log.ts";

/** One edition the build makes. */
export interface PlannedEdition {
  definition: ReportDefinition;
  edition: Edition;
  /** The edition before it, whose figures the list of revisions compares with. */
  previous: Edition;
  /**
   * Asked for by `--report all` rather than by name: when the input cannot serve it (monthly
   * figures from yearly input) it is skipped with a log line; a report named is an error.
   */
  optional: boolean;
}

/** What was asked for: report kinds (or "all") and an edition, else the config's reports and periods. */
export interface EditionRequest {
  config: Config;
  reports?: readonly string[];
  period?: string;
}

/** The editions asked for, each with the edition before it; a UserError when nothing or no period is asked for. */
export function planEditions(request: EditionRequest): PlannedEdition[] {
  const { config } = request;
  const configured = config.reports.map((report) => report.definition);
  const everything = [...new Set([...configured, ...BUILT_IN_DEFINITIONS.keys()])];
  const all = request.reports?.includes("all") ?? false;
  // Reports named besides "all" (--report all --report gebiedsscan) are still asked for by name.
  const named = new Set(request.reports?.filter((kind) => kind !== "all") ?? []);
  const wanted = all ? everything : (request.reports ?? configured);
  if (wanted.length === 0) {
    throw new UserError("No reports to build", {
      hint: `Name one with --report (${[...BUILT_IN_DEFINITIONS.keys()].join(", ")}) or list them under "reports" in the config.`,
      exitCode: 2,
    });
  }
  const planned: PlannedEdition[] = [];
  for (const kind of wanted) {
    const definition = definitionFor(kind, config.definitions);
    const periods = request.period ? [request.period] : (config.reports.find((report) => report.definition === kind)?.periods ?? []);
    if (periods.length === 0) {
      throw new UserError(`No period for report ${kind}`, { hint: "Pass --period jjjj-mm, or list periods for it in the config.", exitCode: 2 });
    }
    for (const period of periods) {
      const edition = editionOf(definition.period, period, kind);
      planned.push({ definition, edition, previous: previousEdition(definition.period, edition, kind), optional: all && !named.has(kind) });
    }
  }
  return planned;
}

/**
 * The planned editions the input's periods can serve. A report named (on the command line or in
 * the config) that the input cannot serve stops the build with a UserError naming report, period
 * and what the input holds; one asked for only by `--report all` is skipped with a log line.
 */
export function servablePlans(plans: readonly PlannedEdition[], inputOf: (plan: PlannedEdition) => InputPeriods, log: BuildLog): PlannedEdition[] {
  const { servable, skipped, refused } = servableEditions(plans, inputOf);
  for (const problem of skipped) log.info(`--report all: ${problem}; left out`);
  if (refused.length > 0) {
    throw new UserError(refused.join("\n"), {
      hint: "Build a report these figures can serve (for yearly figures a yearly report: --report gebiedsscan --period jjjj), or add exports with finer periods.",
      exitCode: 2,
    });
  }
  if (servable.length === 0) {
    throw new UserError("Nothing to build: the exports cannot serve any of the reports asked for", {
      hint: "For yearly figures build a yearly report: --report gebiedsscan --period jjjj.",
      exitCode: 2,
    });
  }
  return servable;
}

/** What the servable check needs to know of the input as of an edition. */
export function inputPeriodsOf(cube: Cube, registrations: boolean): InputPeriods {
  return { granularity: cube.granularity, firstMonth: cube.firstMonth, lastMonth: cube.lastMonth, registrations };
}

export function buildDayOf(buildDate: string): Day {
  const day = parseDay(buildDate);
  if (day === undefined) throw new UserError(`Build date "${buildDate}" is not a date`, { hint: "Use jjjj-mm-dd, e.g. --build-date 2026-01-15.", exitCode: 2 });
  return day;
}

export function buildMonthOf(buildDate: string): Month {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(buildDate);
  if (!match) throw new UserError(`Build date "${buildDate}" is not a date`, { hint: "Use jjjj-mm-dd, e.g. --build-date 2026-01-15.", exitCode: 2 });
  return monthOf(Number(match[1]), Number(match[2]));
}
