import { z } from "zod";
import { AUDIENCE_MARKINGS, type Audience } from "../model/disclosure/rules.ts";
import { AREA_LEVELS, type AreaLevel } from "../reference/areas.ts";
import { UserError } from "../user-error.ts";
import { HIGH_IMPACT_CRIME } from "./high-impact-crime.ts";

/** Who a report is for; decides what it may contain (see src/model/disclosure). */
export type { Audience };

/** The marking of each audience on pages and PDFs; the rules keep the wording in one place. */
export const AUDIENCE_LABELS: Record<Audience, string> = {
  public: "Openbaar",
  gezag: AUDIENCE_MARKINGS.gezag as string,
  intern: AUDIENCE_MARKINGS.intern as string,
};

const areaLevel = z.enum(AREA_LEVELS as [AreaLevel, ...AreaLevel[]]);
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "expected a lower-case name of letters, digits and dashes" });
/** A category key, see src/model/categories.ts: "J", "J:1.1.1", "N:2.7", "soort:1.2.3", "klasse:A20". */
const categoryKey = z.string().regex(/^(?:[JNO](?::\d+(?:\.\d+){0,2})?|soort:\d+\.\d+\.\d+|klasse:[A-Z0-9]+|fenomeen:[a-z][a-z0-9-]*)$/, {
  message: 'expected a category key such as "J", "J:1.1.1", "soort:1.1.1", "klasse:A20" or "fenomeen:woninginbraak"',
});
/** A category key that is not a fenomeen: what a fenomeen is made of. */
const memberKey = z.string().regex(/^(?:[JNO](?::\d+(?:\.\d+){0,2})?|soort:\d+\.\d+\.\d+|klasse:[A-Z0-9]+)$/, {
  message: 'expected a category key such as "J:1.1.1", "N:2.1", "soort:1.1.1" or "klasse:A20" (a fenomeen is not made of fenomenen)',
});
/** Columns of a table of a period of days (see the `day-table` section). */
export const DAY_TABLE_COLUMNS = ["days", "current", "previous", "average", "change", "change-average", "verdict"] as const;
export type DayTableColumn = (typeof DAY_TABLE_COLUMNS)[number];

/**
 * Columns of the tables:
 * - `months`: each month of the period;
 * - `current`, `previous`: the period and the same period a year earlier;
 * - `average`: the average of the same period over the previous years (config comparison.years);
 * - `change`: change against the previous year, absolute and in %;
 * - `change-average`: change against the average, absolute and in %;
 * - `verdict`: whether the change against the previous year is more than count noise (marked
 *   only when it is); `verdict-words`: the same, always in words (for the public);
 * - `per1000`: the period per 1.000 inwoners; `per1000-region`: the same for the whole region in
 *   scope (the eenheid), to compare with.
 */
export const TABLE_COLUMNS = [
  "months",
  "current",
  "previous",
  "average",
  "change",
  "change-average",
  "verdict",
  "verdict-words",
  "per1000",
  "per1000-region",
] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];
const columns = z.array(z.enum(TABLE_COLUMNS)).min(1);
const soortKey = z.string().regex(/^soort:\d+\.\d+\.\d+$/, { message: 'expected a CBS soort misdrijf such as "soort:1.1.1"' });
/** "soorten": every CBS soort misdrijf with registrations in the region; or a list of category keys. */
const categoryChoice = z.union([z.literal("soorten"), z.array(categoryKey).min(1)]);

/**
 * Period kinds an edition can cover, given its month E: `month` (E), `ytd` (januari t/m E),
 * `cumulative` (the 4-/8-/12-maandsrapportage; E must be april, august or december), `quarter`,
 * `halfyear` and `year` (E must end one), `rolling12` (the 12 months up to E).
 */
export const EDITION_PERIODS = ["month", "ytd", "cumulative", "quarter", "halfyear", "year", "rolling12"] as const;
export type EditionPeriod = (typeof EDITION_PERIODS)[number];
/**
 * Periods of the operational products, in days: `week` (an ISO week, edition 2025-w50),
 * `fortnight` (two ISO weeks, named by the second), `day` (edition 2025-12-08). They need
 * registrations (a BVH export), which have a pleegdatum per row.
 */
export const DAY_EDITION_PERIODS = ["week", "fortnight", "day"] as const;
export type DayEditionPeriod = (typeof DAY_EDITION_PERIODS)[number];
/** What an edition of a report covers: whole months, or days. */
export type ReportPeriod = EditionPeriod | DayEditionPeriod;

export function isDayPeriodKind(kind: string): kind is DayEditionPeriod {
  return (DAY_EDITION_PERIODS as readonly string[]).includes(kind);
}

const common = {
  id,
  title: z.string().min(1),
  /** Page levels that get this section (all of the report's levels when absent). */
  levels: z.array(areaLevel).min(1).optional(),
};

const sectionSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("category-table"),
      ...common,
      /** J: misdrijven; N: incidenten en overlast. */
      part: z.enum(["J", "N"]),
      /** Deepest INP level shown (1–3). */
      depth: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      columns,
    })
    .strict(),
  z
    .object({
      type: z.literal("area-table"),
      ...common,
      /** The areas listed: the wijken of a gemeente, its buurten, the gemeenten of a basisteam, … */
      childLevel: areaLevel,
      category: categoryKey,
      columns,
      /** Only the N areas with the most registrations (e.g. the top 10 buurten). */
      top: z.number().int().min(1).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("selection-table"),
      ...common,
      /** The categories shown, in order: CBS soorten ("soort:1.1.1"), INP keys ("J:1.2"), "J", … */
      categories: z.array(categoryKey).min(1),
      /** Leave out categories without any registration in the region in either compared period. */
      presentOnly: z.boolean().default(true),
      columns,
      /** Another period than the report's, ending at the edition month (e.g. the whole year in an H2 edition); the section is left out when the edition does not end such a period. */
      period: z.enum(EDITION_PERIODS).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("period-series"),
      ...common,
      categories: z.array(categoryKey).min(1),
      presentOnly: z.boolean().default(true),
      /** Number of periods of the report's kind up to and including the edition (e.g. 6 half years). */
      count: z.number().int().min(2).max(40),
    })
    .strict(),
  z
    .object({
      type: z.literal("month-series"),
      ...common,
      category: categoryKey,
      /** Number of months up to and including the edition month. */
      months: z.number().int().min(2).max(120),
    })
    .strict(),
  z
    .object({
      type: z.literal("revisions"),
      ...common,
      /** Deepest INP level whose revisions are listed. */
      depth: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    })
    .strict(),
  // The sections of the gebiedsscan: findings in words, charts, the police's commentary.
  z
    .object({
      type: z.literal("key-figures"),
      ...common,
      /** The headline figure (count, change, per 1.000 inwoners). */
      total: categoryKey.default("J"),
      /** Candidates for the changes that matter: "soorten" (every CBS soort misdrijf in the data) or a list. */
      categories: categoryChoice.default("soorten"),
      /** At most this many changes, the most significant first. */
      max: z.number().int().min(1).max(10).default(4),
    })
    .strict(),
  z
    .object({
      type: z.literal("trend"),
      ...common,
      /** One small line chart per category. */
      categories: z.array(categoryKey).min(1).max(12),
      /** Number of years (the edition's period and the same period in earlier years). */
      years: z.number().int().min(2).max(10).default(5),
    })
    .strict(),
  z
    .object({
      type: z.literal("year-comparison"),
      ...common,
      categories: categoryChoice.default("soorten"),
    })
    .strict(),
  z
    .object({
      type: z.literal("high-impact-crime"),
      ...common,
      /** The groups shown and the categories each counts (they must not overlap). */
      groups: z
        .array(z.object({ label: z.string().min(1), categories: z.array(categoryKey).min(1) }).strict())
        .min(1)
        .default(() => HIGH_IMPACT_CRIME.map((group) => ({ label: group.label, categories: [...group.categories] }))),
      years: z.number().int().min(2).max(10).default(5),
    })
    .strict(),
  z
    .object({
      type: z.literal("seasonality"),
      ...common,
      category: categoryKey.default("J"),
      /** Earlier years that form the band (lowest–highest) and the average. */
      years: z.number().int().min(1).max(10).default(3),
    })
    .strict(),
  z
    .object({
      type: z.literal("benchmark"),
      ...common,
      /** CBS soorten compared: "national" (every soort with national figures) or a list of "soort:x.y.z". */
      categories: z.union([z.literal("national"), z.array(soortKey).min(1)]).default("national"),
    })
    .strict(),
  z
    .object({
      type: z.literal("commentary"),
      ...common,
    })
    .strict(),
  // The sections of the operational products: weeks and days, single incidents, modus operandi.
  z
    .object({
      type: z.literal("day-table"),
      ...common,
      /** The rows, in order: any category keys, fenomenen included. */
      categories: z.array(categoryKey).min(1),
      columns: z.array(z.enum(DAY_TABLE_COLUMNS)).min(1),
      /** Periods before the edition's whose average the `average` columns compare with (the 4-week average). */
      weeks: z.number().int().min(1).max(52).default(4),
    })
    .strict(),
  z
    .object({
      type: z.literal("incident-list"),
      ...common,
      /** Which registrations are listed: klassen, soorten, INP categories or fenomenen ("fenomeen:high-impact-crime", or a configured list of grotere incidenten). */
      categories: z.array(categoryKey).min(1),
      /** Where an incident is said to be: its wijk (default) or its buurt. Never closer. */
      areaDetail: z.enum(["wijk", "buurt"]).default("wijk"),
      /** Grouped by day (then part of the day) or by category (then day). */
      groupBy: z.enum(["day", "category"]).default("day"),
      /** The last N days up to the edition's last day instead of the edition's whole period (a daily beeld of 1 day). */
      days: z.number().int().min(1).max(93).optional(),
      /** At most this many incidents are listed; the rest is counted in a note. */
      max: z.number().int().min(1).max(500).default(60),
    })
    .strict(),
  z
    .object({
      type: z.literal("mo-table"),
      ...common,
      /** Fenomenen whose registrations are counted per modus operandi code (codes of data/reference/modus-operandi.csv). */
      fenomenen: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1),
    })
    .strict(),
]);

export type SectionSpec = z.output<typeof sectionSchema>;
export type CategoryTableSpec = Extract<SectionSpec, { type: "category-table" }>;
export type AreaTableSpec = Extract<SectionSpec, { type: "area-table" }>;
export type MonthSeriesSpec = Extract<SectionSpec, { type: "month-series" }>;
export type RevisionsSpec = Extract<SectionSpec, { type: "revisions" }>;
export type SelectionTableSpec = Extract<SectionSpec, { type: "selection-table" }>;
export type PeriodSeriesSpec = Extract<SectionSpec, { type: "period-series" }>;
export type KeyFiguresSpec = Extract<SectionSpec, { type: "key-figures" }>;
export type TrendSpec = Extract<SectionSpec, { type: "trend" }>;
export type YearComparisonSpec = Extract<SectionSpec, { type: "year-comparison" }>;
export type HighImpactCrimeSpec = Extract<SectionSpec, { type: "high-impact-crime" }>;
export type SeasonalitySpec = Extract<SectionSpec, { type: "seasonality" }>;
export type BenchmarkSpec = Extract<SectionSpec, { type: "benchmark" }>;
export type CommentarySpec = Extract<SectionSpec, { type: "commentary" }>;
export type DayTableSpec = Extract<SectionSpec, { type: "day-table" }>;
export type IncidentListSpec = Extract<SectionSpec, { type: "incident-list" }>;
export type MoTableSpec = Extract<SectionSpec, { type: "mo-table" }>;

const definitionSchema = z
  .object({
    /** URL-safe name, also the output folder: dist/<kind>/<edition>/. */
    kind: id,
    title: z.string().min(1),
    description: z.string().min(1),
    audience: z.enum(["public", "gezag", "intern"]),
    /** Areas that get a page. */
    areaLevels: z.array(areaLevel).min(1),
    /** Only these areas of those levels get a page (a weekly report for one gemeente); all in scope when absent. */
    areas: z.array(z.string().regex(/^(?:GM|WK|BU)\d+$|^[A-Z]{2}\d+$/, { message: 'expected area codes such as "GM0344" or "BT0301"' })).min(1).optional(),
    period: z.enum([...EDITION_PERIODS, ...DAY_EDITION_PERIODS]),
    sections: z.array(sectionSchema).min(1),
    outputs: z
      .object({
        pdf: z.union([z.literal(false), z.object({ orientation: z.enum(["portrait", "landscape"]), cover: z.boolean().default(true) }).strict()]).default({
          orientation: "landscape",
          cover: true,
        }),
        csv: z.boolean().default(true),
        xlsx: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** Nunjucks layout in layouts/ for a page of this report. */
    layout: z.string().min(1).default("report.njk"),
    /** Fenomenen of this definition (used as "fenomeen:<id>"), added to the built-in ones or replacing one of the same id. */
    fenomenen: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), label: z.string().min(1), categories: z.array(memberKey).min(1), note: z.string().min(1).optional() }).strict())
      .default([]),
  })
  .strict()
  .superRefine((definition, context) => {
    const ids = new Set<string>();
    definition.sections.forEach((section, index) => {
      if (ids.has(section.id)) context.addIssue({ code: "custom", path: ["sections", index, "id"], message: `section id "${section.id}" is used twice` });
      ids.add(section.id);
    });
    const dayPeriod = isDayPeriodKind(definition.period);
    definition.sections.forEach((section, index) => {
      // A table of a period of days compares weeks; the month-based tables would show whole months in a weekly report.
      if (section.type === "day-table" && !dayPeriod) {
        context.addIssue({ code: "custom", path: ["sections", index, "type"], message: `a day-table needs a report of weeks or days (period "week", "fortnight" or "day"), not "${definition.period}"` });
      }
      if (dayPeriod && MONTH_SECTION_TYPES.has(section.type)) {
        context.addIssue({
          code: "custom",
          path: ["sections", index, "type"],
          message: `a report of ${definition.period === "day" ? "days" : "weeks"} cannot have a ${section.type} section, which counts whole months (use day-table, incident-list, mo-table or commentary)`,
        });
      }
    });
    if (definition.audience === "public") publicRules(definition, context);
  });

/** Sections counted from the monthly cube: in a report of weeks or days they would show whole months. */
const MONTH_SECTION_TYPES = new Set(["category-table", "area-table", "selection-table", "period-series", "month-series", "revisions", "key-figures", "trend", "year-comparison", "high-impact-crime", "seasonality", "benchmark"]);

/**
 * Section types whose figures are tables that disclosure control inspects and suppresses before
 * anything is drawn or written. Key figures, charts drawn in the section, commentary and revision
 * lists are made from unsuppressed figures, so a public report cannot have them.
 */
const PUBLIC_SECTION_TYPES = new Set(["category-table", "area-table", "selection-table", "period-series", "month-series"]);

/** Wijk and buurt figures are for the gezag and internal use only: the public site has none. */
const BELOW_GEMEENTE = new Set(["wijk", "buurt"]);

function publicRules(definition: { areaLevels: string[]; sections: SectionSpec[]; period: string; fenomenen: unknown[] }, context: z.RefinementCtx): void {
  if (isDayPeriodKind(definition.period)) {
    context.addIssue({
      code: "custom",
      path: ["period"],
      message: `a public report cannot cover a ${definition.period} (rule: weekly and daily figures are operational information for the gezag; public figures are of months or longer)`,
    });
  }
  if (definition.fenomenen.length > 0) {
    context.addIssue({ code: "custom", path: ["fenomenen"], message: "a public report cannot define fenomenen (rule: disclosure control knows how soorten and INP categories add up, not how a chosen set does)" });
  }
  definition.areaLevels.forEach((level, index) => {
    if (BELOW_GEMEENTE.has(level)) {
      context.addIssue({ code: "custom", path: ["areaLevels", index], message: `a public report has no ${level} pages (rule: no wijk or buurt figures in public output)` });
    }
  });
  definition.sections.forEach((section, index) => {
    if (section.type === "incident-list") {
      context.addIssue({
        code: "custom",
        path: ["sections", index, "type"],
        message: "a public report cannot have an incident-list section (rule: nothing that identifies a single incident in public output; incident lists are for the gezag and intern audiences)",
      });
      return;
    }
    const keys = "categories" in section && Array.isArray(section.categories) ? section.categories : "category" in section ? [section.category] : [];
    if (keys.some((key) => key.startsWith("fenomeen:"))) {
      context.addIssue({ code: "custom", path: ["sections", index], message: "a public report cannot count fenomenen (rule: disclosure control knows how soorten and INP categories add up, not how a fenomeen does)" });
    }
    if (!PUBLIC_SECTION_TYPES.has(section.type)) {
      context.addIssue({
        code: "custom",
        path: ["sections", index, "type"],
        message: `a public report cannot have a ${section.type} section (rule: public figures only in tables that pass disclosure control)`,
      });
    }
    if (section.type === "area-table" && BELOW_GEMEENTE.has(section.childLevel)) {
      context.addIssue({
        code: "custom",
        path: ["sections", index, "childLevel"],
        message: `a public report cannot list ${section.childLevel} figures (rule: no wijk or buurt figures in public output)`,
      });
    }
  });
}

export type ReportDefinition = z.output<typeof definitionSchema>;
export type ReportDefinitionInput = z.input<typeof definitionSchema>;

/**
 * Checks a report definition (built in, or a JSON file an analyst wrote) and fills its defaults.
 * Throws a UserError naming each bad key, its value and what is allowed.
 */
export function normalizeDefinition(spec: unknown, source: string): ReportDefinition {
  const result = definitionSchema.safeParse(spec, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join(".") || "(top level)";
    const value = "input" in issue && issue.input !== undefined && issue.code !== "unrecognized_keys" ? ` ${JSON.stringify(issue.input)}` : "";
    return `  ${source}: ${key}:${value} ${issue.code === "unrecognized_keys" ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")}` : `is not allowed — ${issue.message.replace(/^Invalid input: /, "")}`}`;
  });
  throw new UserError(`The report definition is not valid:\n${lines.join("\n")}`, {
    hint: "See docs/report-definitions.md for every key and section type.",
    exitCode: 2,
  });
}
