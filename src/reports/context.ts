import type { Cube } from "../model/cube.ts";
import { categoryKeys } from "../model/categories.ts";
import type { Month } from "../model/months.ts";
import { rollup, type Rollup } from "../model/rollup.ts";
import type { Scope } from "../model/scope.ts";
import type { AreaLevel } from "../reference/areas.ts";
import type { Reference } from "../reference/load-reference.ts";

/** Everything a report needs to compute its pages, handed in so that reports stay pure. */
export interface ReportContext {
  reference: Reference;
  scope: Scope;
  /** The edition month, e.g. 2025-12 for the december edition. */
  edition: Month;
  /** The last month that was over at the build date; later months are incomplete. */
  lastCompleteMonth: Month;
  comparison: { minBase: number; alpha: number; years: number };
  /** Years whose figures are provisional (*). */
  voorlopig: ReadonlySet<number>;
  /** Counts rolled up to the areas of one level, all category keys at once (memoised). */
  counts(level: AreaLevel): Rollup;
}

export interface ContextInput {
  reference: Reference;
  scope: Scope;
  cube: Cube;
  edition: Month;
  lastCompleteMonth: Month;
  comparison: { minBase: number; alpha: number; years: number };
  voorlopig: Iterable<number>;
}

export function createReportContext(input: ContextInput): ReportContext {
  const { reference, cube } = input;
  const rollups = new Map<AreaLevel, Rollup>();
  const categoriesOf = (code: string): string[] => {
    const klasse = reference.classification.klasse(code);
    return klasse ? categoryKeys(klasse) : [];
  };
  return {
    reference,
    scope: input.scope,
    edition: input.edition,
    lastCompleteMonth: input.lastCompleteMonth,
    comparison: input.comparison,
    voorlopig: new Set(input.voorlopig),
    counts(level) {
      let result = rollups.get(level);
      if (!result) {
        result = rollup(cube, (area) => reference.areas.ancestorAt(area, level), categoriesOf);
        rollups.set(level, result);
      }
      return result;
    },
  };
}
