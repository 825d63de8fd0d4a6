import { categoryKeys } from "../model/categories.ts";
import type { Cube } from "../model/cube.ts";
import { describeDiscrepancy, reconcile } from "../model/reconcile.ts";
import type { ReportContext } from "../reports/context.ts";

/**
 * Fails loudly when a total of the rolled-up counts differs from the sum of its parts (INP
 * levels, wijken, basisteams). That is never bad input: it is a bug or a broken mapping, so it is
 * an internal Error (printed as "unexpected", with --debug for the stack), not a UserError.
 */
export function checkTotals(cube: Cube, ctx: ReportContext): void {
  const { reference } = ctx;
  const discrepancies = reconcile({
    cube,
    areas: reference.areas,
    counts: ctx.counts,
    categoriesOf: (code) => {
      const klasse = reference.classification.klasse(code);
      return klasse ? categoryKeys(klasse) : [];
    },
    gemeenten: ctx.scope.gemeenten,
  });
  if (discrepancies.length === 0) return;
  throw new Error(
    `totals do not equal the sum of their parts — a bug, or a broken mapping in the reference tables (INP classification, area table or basisteam mapping):\n${discrepancies
      .map((discrepancy) => `  ${describeDiscrepancy(discrepancy)}`)
      .join("\n")}`,
  );
}
