import type { Commentary } from "../commentary/read-commentary.ts";
import type { Cube } from "../model/cube.ts";
import { categoryKeys } from "../model/categories.ts";
import { coverageOf, type Coverage } from "../model/coverage.ts";
import type { CompletenessFinding } from "../model/completeness.ts";
import type { DataStatus } from "../model/figure-status.ts";
import { incompleteDeliveries, type IncompleteDeliveries } from "../model/incomplete-deliveries.ts";
import type { Month } from "../model/months.ts";
import { LazyRollup, rollup, type Counts } from "../model/rollup.ts";
import type { Scope } from "../model/scope.ts";
import type { AreaLevel } from "../reference/areas.ts";
import type { Reference } from "../reference/load-reference.ts";
import type { NationalFigures } from "../reference/national-figures.ts";
import type { AreaGeometry } from "../reference/geometry.ts";
import { DayCounts } from "../model/day-counts.ts";
import { FENOMEEN_PREFIX, FenomeenCounts } from "../model/fenomeen-counts.ts";
import type { Registrations } from "../model/registrations.ts";
import type { Day } from "../model/days.ts";
import type { Edition } from "./edition.ts";
import { resolveFenomenen, type Fenomeen, type FenomeenSpec } from "./fenomenen.ts";

/** Counts of one state of the data (the deliveries up to some month), by area level. */
export type CountsByLevel = (level: AreaLevel) => Counts;

/** Counts by day of one state of the data, by area level (registration input only). */
export type DayCountsByLevel = (level: AreaLevel) => DayCounts;

/** Everything a report needs to compute its pages, handed in so that reports stay pure. */
export interface ReportContext {
  reference: Reference;
  scope: Scope;
  edition: Edition;
  /** The last month that was over at the build date; later months are incomplete. */
  lastCompleteMonth: Month;
  /** The last day that was over at the build date (for periods of days). */
  lastCompleteDay?: Day;
  comparison: { minBase: number; alpha: number; years: number };
  /** Years whose figures are provisional (*). */
  voorlopig: ReadonlySet<number>;
  /** Missing or partial deliveries the analyst accepted (--allow-incomplete); their figures are marked onvolledig. */
  deliveries?: IncompleteDeliveries;
  /** How sure the data are (voorlopig, running period, incomplete deliveries): what `measure` and `figureStatus` take. */
  dataStatus: DataStatus;
  /** What the input holds: its soorten, whether it has klassen and incidenten, how fine its periods are. */
  coverage: Coverage;
  /** Counts rolled up to the areas of one level, all category keys at once (memoised). */
  counts: CountsByLevel;
  /** The previous edition and the counts as they were then, for the list of revisions. */
  previous?: { edition: Edition; counts: CountsByLevel };
  /** The analyst's commentary of the edition's year, by area code (for `commentary` sections). */
  commentary?: ReadonlyMap<string, Commentary>;
  /** Registered crime and inhabitants of Nederland by year (for `benchmark` sections). */
  national?: NationalFigures;
  /** Gemeente boundaries, for the map of the eenheid (`benchmark` sections); no map without them. */
  geometry?: AreaGeometry;
  /** Wijk and buurt boundaries (config reference.wijkBuurtGeometry), for maps of `area-table` sections. */
  areaGeometry?: AreaGeometry;
  /** The fenomenen a definition can count ("fenomeen:woninginbraak" → its label and klassen). */
  fenomenen: ReadonlyMap<string, Fenomeen>;
  /**
   * With registration input: the registrations at day granularity as of the edition (for incident
   * lists and modus operandi) and their counts by day (for periods of weeks and days).
   */
  registrations?: Registrations;
  days?: DayCountsByLevel;
}

export interface ContextInput {
  reference: Reference;
  scope: Scope;
  cube: Cube;
  edition: Edition;
  lastCompleteMonth: Month;
  lastCompleteDay?: Day;
  comparison: { minBase: number; alpha: number; years: number };
  voorlopig: Iterable<number>;
  previous?: { edition: Edition; cube: Cube };
  /** Missing or partial deliveries accepted with the override (see checkCompleteness). */
  incomplete?: readonly CompletenessFinding[];
  commentary?: ReadonlyMap<string, Commentary>;
  national?: NationalFigures;
  geometry?: AreaGeometry;
  areaGeometry?: AreaGeometry;
  /** The definition's own fenomenen (the built-in ones are always there). */
  fenomenen?: readonly FenomeenSpec[];
  /** The registrations at day granularity as of the edition, when the input has them and the report needs them. */
  registrations?: Registrations;
  /**
   * Where a cube's counts per area level are kept once summed (by level and fenomenen): by default
   * with this context; a `serve` process keeps them with the cube across rebuilds (the national
   * rollups take most of a rebuild's time for one page). Counts are a function of the cube, the
   * reference and the fenomenen only.
   */
  rollups?: (cube: Cube) => Map<string, Counts>;
}

export function createReportContext(input: ContextInput): ReportContext {
  const { reference } = input;
  const categoriesOf = (code: string): string[] => {
    const klasse = reference.classification.klasse(code);
    return klasse ? categoryKeys(klasse) : [];
  };
  const fenomenen = resolveFenomenen(input.fenomenen ?? [], reference.classification);
  const klassenOf = (key: string): ReadonlySet<string> | undefined => fenomenen.get(key)?.klassen;
  // (The fenomenen are part of what a level's counts are: definitions differ in them.)
  const fenomenenKey = JSON.stringify([...fenomenen].map(([key, fenomeen]) => [key, [...fenomeen.klassen].sort()]));
  const countsOf = (cube: Cube): CountsByLevel => {
    const rollups = input.rollups?.(cube) ?? new Map<string, Counts>();
    return (level) => {
      const key = `${level}\u0000${fenomenenKey}`;
      let result = rollups.get(key);
      if (!result) {
        const areaOf = (area: string): string | undefined => reference.areas.ancestorAt(area, level);
        // Wijken and buurten are many and their tables show a category or two: summed per category.
        const base = level === "wijk" || level === "buurt" ? new LazyRollup(cube, areaOf, categoriesOf) : rollup(cube, areaOf, categoriesOf);
        result = new FenomeenCounts(base, cube, areaOf, klassenOf);
        rollups.set(key, result);
      }
      return result;
    };
  };
  // Counts by day answer for fenomenen too: a klasse counts under the fenomenen that hold it.
  const fenomenenOf = new Map<string, string[]>();
  for (const [key, fenomeen] of fenomenen) for (const klasse of fenomeen.klassen) fenomenenOf.set(klasse, [...(fenomenenOf.get(klasse) ?? []), key]);
  const dayCategoriesOf = (code: string): string[] => [...categoriesOf(code), ...(fenomenenOf.get(code) ?? [])];
  const registrations = input.registrations;
  const dayCounts = new Map<AreaLevel, DayCounts>();
  const days: DayCountsByLevel | undefined = registrations
    ? (level) => {
        let result = dayCounts.get(level);
        if (!result) dayCounts.set(level, (result = new DayCounts(registrations, (area) => reference.areas.ancestorAt(area, level), dayCategoriesOf)));
        return result;
      }
    : undefined;
  const voorlopig = new Set(input.voorlopig);
  // The categories that count registrations of a soort: a soort's incomplete delivery marks only those.
  const bySoort = new Map<string, Set<string>>();
  for (const code of new Set([...input.cube.klassen, ...reference.classification.klasseCodes()])) {
    const klasse = reference.classification.klasse(code);
    if (!klasse?.soort || klasse.unassigned) continue;
    const keys = bySoort.get(klasse.soort) ?? new Set<string>();
    for (const key of categoryKeys(klasse)) keys.add(key);
    bySoort.set(klasse.soort, keys);
  }
  const deliveries = input.incomplete && input.incomplete.length > 0 ? incompleteDeliveries(input.incomplete, reference.areas, (soort) => bySoort.get(soort) ?? new Set()) : undefined;
  return {
    reference,
    scope: input.scope,
    edition: input.edition,
    lastCompleteMonth: input.lastCompleteMonth,
    ...(input.lastCompleteDay !== undefined ? { lastCompleteDay: input.lastCompleteDay } : {}),
    comparison: input.comparison,
    voorlopig,
    ...(deliveries ? { deliveries } : {}),
    dataStatus: {
      voorlopig,
      lastCompleteMonth: input.lastCompleteMonth,
      ...(deliveries ? { incompleteMonths: deliveries.monthsOf } : {}),
    },
    coverage: coverageOf(input.cube, reference.classification),
    counts: countsOf(input.cube),
    ...(input.previous ? { previous: { edition: input.previous.edition, counts: countsOf(input.previous.cube) } } : {}),
    ...(input.commentary ? { commentary: input.commentary } : {}),
    ...(input.national ? { national: input.national } : {}),
    ...(input.geometry ? { geometry: input.geometry } : {}),
    ...(input.areaGeometry ? { areaGeometry: input.areaGeometry } : {}),
    fenomenen,
    ...(registrations && days ? { registrations, days } : {}),
  };
}

/** Whether a category key names a fenomeen. */
export function isFenomeenKey(key: string): boolean {
  return key.startsWith(FENOMEEN_PREFIX);
}
