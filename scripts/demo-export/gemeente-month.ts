/**
 * The registrations of one gemeente in one pleeg month, made from the plan. Pure and seeded
 * per gemeente-month, so the writer can make a month again for the next delivery instead of
 * keeping it in memory.
 */
import { dayNumber, daysInMonth } from "./calendar.ts";
import { chooseDistinct, cumulativeWeights, pickIndex } from "./draws.ts";
import { type KlasseLabelStyle, LABEL_STYLE_WEIGHTS } from "./klasse-label.ts";
import { type DemoPlan, plannedCount, type PlannedBuurt, usesBusinessWeights } from "./demo-plan.ts";
import { inventHuisnummer, inventOmschrijving, inventStraat } from "./private-fields.ts";
import { createRandom } from "./random.ts";
import { reviseKlasse } from "./revise-klasse.ts";

/** BVH number prefix: `PL09` (regio Utrecht in the old police numbering) + `00`. */
export const REGISTRATIENUMMER_PREFIX = "PL0900";

export interface DemoRegistration {
  /** `PL0900-2025012345`: prefix, pleeg year, sequence within the year (6 digits, more if a scaled year needs it). */
  readonly registratienummer: string;
  readonly pleegdag: number;
  readonly registratiedag: number;
  /** The klasse the registration really has: the one the real figures count. */
  readonly klasse: string;
  /** The klasse in the delivery of its own month: provisional for a few, otherwise `klasse`. */
  readonly firstKlasse: string;
  /** The klasse in the next delivery: `klasse`, except for the few the extra delivery reclassifies. */
  readonly repeatKlasse: string;
  readonly labelStyle: KlasseLabelStyle;
  readonly buurt: PlannedBuurt;
  readonly straat: string;
  readonly huisnummer: string;
  readonly omschrijving: string;
}

/** Days between pleegdatum and registratiedatum, 0–5: most are registered the same or the next day. */
const REGISTRATION_LAG = cumulativeWeights([45, 30, 10, 7, 5, 3]);
const LABEL_STYLES = LABEL_STYLE_WEIGHTS.map(([style]) => style);
const LABEL_STYLE_CUMULATIVE = cumulativeWeights(LABEL_STYLE_WEIGHTS.map(([, weight]) => weight));

/**
 * The registrations of gemeente `g` with pleegdatum in month `m`, ordered by registratienummer
 * (which follows registratiedatum). Exactly {@link plannedCount} of each group.
 */
export function gemeenteMonthRegistrations(plan: DemoPlan, g: number, m: number): DemoRegistration[] {
  const gemeente = plan.gemeenten[g]!;
  const ym = plan.months[m]!;
  const days = daysInMonth(ym);
  const firstDay = dayNumber(ym.year, ym.month, 1);
  const random = createRandom(plan.seed, "rows", gemeente.code, ym.year, ym.month);

  type Draft = Omit<DemoRegistration, "registratienummer" | "firstKlasse" | "repeatKlasse">;
  const drafts: Draft[] = [];
  plan.catalog.groups.forEach((group, k) => {
    const weights = usesBusinessWeights(plan, k) ? gemeente.businessWeights : gemeente.residentialWeights;
    const n = plannedCount(plan, g, m, k);
    for (let i = 0; i < n; i++) {
      const pleegdag = firstDay + random.int(days);
      drafts.push({
        pleegdag,
        registratiedag: pleegdag + pickIndex(random, REGISTRATION_LAG),
        klasse: group.klassen[pickIndex(random, group.cumulative)]!,
        labelStyle: LABEL_STYLES[pickIndex(random, LABEL_STYLE_CUMULATIVE)]!,
        buurt: gemeente.buurten[pickIndex(random, weights)]!,
        straat: inventStraat(random),
        huisnummer: inventHuisnummer(random),
        omschrijving: inventOmschrijving(random),
      });
    }
  });
  // Stable sort: equal dates keep draw order, so numbering is deterministic.
  drafts.sort((a, b) => a.registratiedag - b.registratiedag || a.pleegdag - b.pleegdag);

  const cell = g * plan.months.length + m;
  const start = plan.sequenceStart[cell]!;
  const registrations = drafts.map(
    (draft, i): DemoRegistration => ({
      ...draft,
      registratienummer: `${REGISTRATIENUMMER_PREFIX}-${ym.year}${String(start + i + 1).padStart(6, "0")}`,
      firstKlasse: draft.klasse,
      repeatKlasse: draft.klasse,
    }),
  );

  // Separate streams, so changing revision rates leaves the rows themselves unchanged.
  const provisionalRandom = createRandom(plan.seed, "provisional-rows", gemeente.code, ym.year, ym.month);
  for (const i of chooseDistinct(provisionalRandom, registrations.length, plan.provisional[cell]!)) {
    const row = registrations[i]!;
    registrations[i] = { ...row, firstKlasse: reviseKlasse(provisionalRandom, plan.catalog, row.klasse) };
  }
  const lateRandom = createRandom(plan.seed, "late-rows", gemeente.code, ym.year, ym.month);
  for (const i of chooseDistinct(lateRandom, registrations.length, plan.lateRevisions[cell]!)) {
    const row = registrations[i]!;
    registrations[i] = { ...row, repeatKlasse: reviseKlasse(lateRandom, plan.catalog, row.klasse) };
  }
  return registrations;
}
