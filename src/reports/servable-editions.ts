import type { Granularity } from "../model/cube.ts";
import { monthNumberOf, yearOf, type Month } from "../model/months.ts";
import type { ReportDefinition, ReportPeriod, SectionSpec } from "./definition.ts";
import type { Edition } from "./edition.ts";

/**
 * The finest granularity each period kind needs: a month, a year to date, a 4-/8-/12-maandsrapportage
 * and the twelve months up to a month need months; a quarter needs quarters; a half year is two
 * quarters, so quarterly input serves it (its counts are kept in each quarter's first month, and
 * a half year holds whole quarters); a year needs years.
 */
const PERIOD_NEEDS: Record<ReportPeriod, Granularity> = {
  // Weeks and days are counted from registrations (see needsRegistrations), which are monthly at least.
  week: "month",
  fortnight: "month",
  day: "month",
  month: "month",
  ytd: "month",
  cumulative: "month",
  rolling12: "month",
  quarter: "quarter",
  halfyear: "quarter",
  year: "year",
};

const RANK: Record<Granularity, number> = { month: 0, quarter: 1, year: 2 };

/** "monthly", "quarterly", "yearly": how the messages name a granularity. */
const ADJECTIVE: Record<Granularity, string> = { month: "monthly", quarter: "quarterly", year: "yearly" };

/**
 * What the sections of a definition need beyond its period: a table with a column per month and a
 * month series need months. The seasonality section does not: on coarser input it says that months
 * are not in the data, and the rest of the report stands.
 */
function sectionNeeds(section: SectionSpec): Granularity {
  switch (section.type) {
    case "category-table":
    case "area-table":
    case "selection-table": {
      const own = section.type === "selection-table" && section.period ? PERIOD_NEEDS[section.period] : "year";
      return section.columns.includes("months") ? "month" : own;
    }
    case "month-series":
      return "month";
    default:
      return "year";
  }
}

/** The coarsest granularity of input that can serve every edition of `definition`. */
export function granularityNeeded(definition: Pick<ReportDefinition, "period" | "sections">): Granularity {
  let needed = PERIOD_NEEDS[definition.period];
  for (const section of definition.sections) {
    const own = sectionNeeds(section);
    if (RANK[own] < RANK[needed]) needed = own;
  }
  return needed;
}

/** Section types that read single registrations or their days, not the monthly cube. */
const REGISTRATION_SECTIONS = new Set<SectionSpec["type"]>(["incident-list", "day-table", "mo-table"]);

/**
 * Whether a definition needs the registrations at day granularity: a period of weeks or days, or a
 * section that lists incidents, counts days or modus operandi. Only BVH registrations give them.
 */
export function needsRegistrations(definition: Pick<ReportDefinition, "period" | "sections">): boolean {
  return definition.period === "week" || definition.period === "fortnight" || definition.period === "day" || definition.sections.some((section) => REGISTRATION_SECTIONS.has(section.type));
}

/** What the input holds: how fine its periods are, and which months its counts fall in. */
export interface InputPeriods {
  granularity: Granularity;
  firstMonth: Month;
  lastMonth: Month;
  /** Whether it holds registrations (one row per registration, with its pleegdatum), not only counts. */
  registrations?: boolean;
}

/**
 * Why the input cannot serve an edition of a report — "tabellenboek 2024-12 needs monthly figures;
 * the exports hold yearly figures only (2020–2024)" — or undefined when it can. Pure: the build
 * asks before it writes anything.
 */
export function granularityProblem(definition: Pick<ReportDefinition, "kind" | "period" | "sections">, edition: Pick<Edition, "id">, input: InputPeriods): string | undefined {
  if (needsRegistrations(definition) && input.registrations === false) {
    return `${definition.kind} ${edition.id} needs registrations (a BVH export, one row per registration with its pleegdatum) for its days or incidents; the exports hold counts only`;
  }
  const needed = granularityNeeded(definition);
  if (RANK[input.granularity] <= RANK[needed]) return undefined;
  return `${definition.kind} ${edition.id} needs ${ADJECTIVE[needed]} figures; the exports hold ${ADJECTIVE[input.granularity]} figures only${spanOf(input)}`;
}

/** " (2020–2024)", " (2020-Q1–2024-Q4)"; empty for input without counts. */
function spanOf(input: InputPeriods): string {
  if (input.lastMonth < input.firstMonth) return "";
  const label = (month: Month): string => (input.granularity === "quarter" ? `${yearOf(month)}-Q${Math.ceil(monthNumberOf(month) / 3)}` : String(yearOf(month)));
  const first = label(input.firstMonth);
  const last = label(input.lastMonth);
  return first === last ? ` (${first})` : ` (${first}–${last})`;
}

/** A planned edition: its report, the edition, and whether it was asked for by name. */
export interface EditionRequest {
  definition: Pick<ReportDefinition, "kind" | "period" | "sections">;
  edition: Pick<Edition, "id">;
  /** Asked for only by `--report all`: skipped, not refused, when the input cannot serve it. */
  optional: boolean;
}

/**
 * Sorts planned editions by whether the input can serve them: `servable` in their order; for
 * those it cannot, the reason — in `skipped` when only `--report all` asked for them, in `refused`
 * when they were named (the build then stops before it writes anything).
 */
export function servableEditions<Plan extends EditionRequest>(plans: readonly Plan[], inputOf: (plan: Plan) => InputPeriods): { servable: Plan[]; skipped: string[]; refused: string[] } {
  const servable: Plan[] = [];
  const skipped: string[] = [];
  const refused: string[] = [];
  for (const plan of plans) {
    const problem = granularityProblem(plan.definition, plan.edition, inputOf(plan));
    if (!problem) servable.push(plan);
    else (plan.optional ? skipped : refused).push(problem);
  }
  return { servable, skipped, refused };
}
