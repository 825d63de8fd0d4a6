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
import type { Edition } from "./edition.ts";

/** Counts of one state of the data (the deliveries up to some month), by area level. */
export type CountsByLevel = (level: AreaLevel) => Counts;

/** Everything a report needs to compute its pages, handed in so that reports stay pure. */
export interface ReportContext {
  reference: Reference;
  scope: Scope;
  edition: Edition;
  /** The last month that was over at the build date; later months are incomplete. */
  lastCompleteMonth: Month;
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
}

export interface ContextInput {
  reference: Reference;
  scope: Scope;
  cube: Cube;
  edition: Edition;
  lastCompleteMonth: Month;
  comparison: { minBase: number; alpha: number; years: number };
  voorlopig: Iterable<number>;
  previous?: { edition: Edition; cube: Cube };
  /** Missing or partial deliveries accepted with the override (see checkCompleteness). */
  incomplete?: readonly CompletenessFinding[];
  commentary?: ReadonlyMap<string, Commentary>;
  national?: NationalFigures;
  geometry?: AreaGeometry;
  areaGeometry?: AreaGeometry;
}

export function createReportContext(input: ContextInput): ReportContext {
  const { reference } = input;
  const categoriesOf = (code: string): string[] => {
    const klasse = reference.classification.klasse(code);
    return klasse ? categoryKeys(klasse) : [];
  };
  const countsOf = (cube: Cube): CountsByLevel => {
    const rollups = new Map<AreaLevel, Counts>();
    return (level) => {
      let result = rollups.get(level);
      if (!result) {
        const areaOf = (area: string): string | undefined => reference.areas.ancestorAt(area, level);
        // Wijken and buurten are many and their tables show a category or two: summed per category.
        result = level === "wijk" || level === "buurt" ? new LazyRollup(cube, areaOf, categoriesOf) : rollup(cube, areaOf, categoriesOf);
        rollups.set(level, result);
      }
      return result;
    };
  };
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
  };
}
