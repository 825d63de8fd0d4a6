/**
 * The pure planning of the demo export: how many registrations of each group fall in each
 * gemeente × month, how many are revised between deliveries, and where each gemeente-month's
 * registratienummers start. Rows themselves are made later, one gemeente-month at a time
 * ({@link gemeenteMonthRegistrations}), so the plan stays small even for a national data set.
 *
 * Exactness: for every gemeente × year 2020–2025 × soort the month counts sum to the real
 * registered number (times `scale`, rounded). Everything else — the split over klassen,
 * months, buurten; the incidents; January 2026; the revisions — is drawn, seeded.
 */
import { monthsBetween, type YearMonth } from "./calendar.ts";
import { buurtWeights, BUSINESS_SOORT } from "./buurt-weights.ts";
import { cumulativeWeights, multinomial, pickIndex, poisson, stochasticRound } from "./draws.ts";
import { buildKlasseCatalog, INCIDENT_GROUP, type KlasseCatalog } from "./klasse-catalog.ts";
import { monthlyProfile, type MonthlyProfile } from "./monthly-profile.ts";
import { createRandom } from "./random.ts";
import type { DemoInputs } from "./read-demo-inputs.ts";

/** Which gemeenten: `all`, or `provincie:<naam>` as in `gemeente-provincie.csv`. */
export type GemeenteSelection = "all" | `provincie:${string}`;

export interface DemoOptions {
  readonly gemeenten: GemeenteSelection;
  /** Multiplies every count (rounded); for stress tests only — the figures are then no longer real. */
  readonly scale: number;
  readonly seed: number;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = { gemeenten: "provincie:Utrecht", scale: 1, seed: 20260101 };

/** First month with real figures. The real figures are yearly, so the real span is whole years. */
export const FIRST_MONTH: YearMonth = { year: 2020, month: 1 };
/** Last month with real figures; the delivery of this month reproduces them exactly. */
export const LAST_REAL_MONTH: YearMonth = { year: 2025, month: 12 };
/** The extra, illustrative month right after LAST_REAL_MONTH: the "next edition" that revises it. */
export const EXTRA_MONTH: YearMonth = { year: 2026, month: 1 };

/** Illustrative incidents per gemeente-year, as a share of its registered crimes of the real soorten. */
export const INCIDENT_RATIO = 0.4;
/** Share of a month's registrations whose first delivery carries a provisional klasse. */
export const PROVISIONAL_RATE = 0.003;
/** Fewest provisional klassen per gemeente per year, so that small gemeenten show revisions too. */
export const MIN_PROVISIONAL_PER_GEMEENTE_YEAR = 3;
/** Share of the last real month's registrations that the extra delivery reclassifies. */
export const LATE_REVISION_RATE = 0.005;

export interface PlannedBuurt {
  readonly buurtcode: string;
  readonly wijkcode: string;
}

export interface PlannedGemeente {
  readonly code: string;
  /** Sorted by buurtcode. */
  readonly buurten: readonly PlannedBuurt[];
  readonly residentialWeights: Float64Array;
  readonly businessWeights: Float64Array;
}

export interface DemoPlan {
  readonly seed: number;
  /** Pleeg- and delivery months, FIRST_MONTH … EXTRA_MONTH; arrays below are indexed by position here. */
  readonly months: readonly YearMonth[];
  /** Index in {@link months} of LAST_REAL_MONTH. */
  readonly lastRealMonth: number;
  readonly gemeenten: readonly PlannedGemeente[];
  readonly catalog: KlasseCatalog;
  /** Per group of the catalog. */
  readonly profiles: readonly MonthlyProfile[];
  /** [gemeente][month][group] → registrations with pleegdatum in that month. */
  readonly counts: Int32Array;
  /** [gemeente][month] → registrations whose first delivery carries a provisional klasse. */
  readonly provisional: Int32Array;
  /** [gemeente][month] → registrations reclassified in the delivery after their own. */
  readonly lateRevisions: Int32Array;
  /** [gemeente][month] → 0-based sequence number, within the pleeg year, of the first registration. */
  readonly sequenceStart: Int32Array;
}

/** Registrations of `group` in gemeente `g`, month `m`. */
export function plannedCount(plan: DemoPlan, g: number, m: number, group: number): number {
  return plan.counts[(g * plan.months.length + m) * plan.catalog.groups.length + group]!;
}

/** All registrations of gemeente `g` in month `m`. */
export function plannedRows(plan: DemoPlan, g: number, m: number): number {
  let sum = 0;
  for (let k = 0; k < plan.catalog.groups.length; k++) sum += plannedCount(plan, g, m, k);
  return sum;
}

/** Whether registrations of `group` use the business buurt weights. */
export function usesBusinessWeights(plan: DemoPlan, group: number): boolean {
  return plan.catalog.groups[group]!.id === BUSINESS_SOORT;
}

/** The gemeentecodes of `selection` that have buurten, sorted. Throws on an unknown provincie. */
export function selectGemeenten(inputs: DemoInputs, selection: GemeenteSelection): string[] {
  const withBuurten = new Set(inputs.buurten.map((b) => b.gemeentecode));
  let codes: string[];
  if (selection === "all") {
    // The open data also has GM0000 (crimes not assignable to a gemeente); it has no buurten.
    codes = [...inputs.provincies.keys()];
  } else {
    const provincie = selection.slice("provincie:".length);
    codes = [...inputs.provincies].filter(([, p]) => p === provincie).map(([code]) => code);
    if (codes.length === 0) throw new Error(`no gemeente lies in provincie "${provincie}"`);
  }
  const missing = codes.filter((code) => !withBuurten.has(code));
  if (missing.length > 0) throw new Error(`gemeenten without buurten in gebieden-2024.csv: ${missing.join(", ")}`);
  return codes.sort();
}

/** Builds the plan. Pure: same inputs and options, same plan. */
export function planDemoExport(inputs: DemoInputs, options: DemoOptions): DemoPlan {
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) throw new Error(`scale must be a positive number: ${options.scale}`);
  const { seed, scale } = options;
  const months = monthsBetween(FIRST_MONTH, EXTRA_MONTH);
  const lastRealMonth = months.findIndex((ym) => ym.year === LAST_REAL_MONTH.year && ym.month === LAST_REAL_MONTH.month);
  const codes = selectGemeenten(inputs, options.gemeenten);
  const firstYear = FIRST_MONTH.year;
  const lastYear = LAST_REAL_MONTH.year;

  const real = new Map<string, number>();
  const soorten = new Set<string>();
  for (const row of inputs.crime) {
    soorten.add(row.soort);
    real.set(`${row.gemeentecode}|${row.jaar}|${row.soort}`, row.aantal);
  }
  const catalog = buildKlasseCatalog(inputs, [...soorten]);
  const profiles = catalog.groups.map((group) => monthlyProfile(inputs.nationalMonthly, group.profileSoort));
  const profileWeights = profiles.map((profile) => cumulativeWeights(profile.shares));
  const groupCount = catalog.groups.length;

  const gemeenten = codes.map((code): PlannedGemeente => {
    const buurten = inputs.buurten
      .filter((b) => b.gemeentecode === code)
      .sort((a, b) => (a.buurtcode < b.buurtcode ? -1 : 1));
    const weights = buurtWeights(buurten.map((b) => b.inwoners));
    return {
      code,
      buurten: buurten.map(({ buurtcode, wijkcode }) => ({ buurtcode, wijkcode })),
      residentialWeights: weights.residential,
      businessWeights: weights.business,
    };
  });

  const counts = new Int32Array(codes.length * months.length * groupCount);
  const at = (g: number, m: number, k: number) => (g * months.length + m) * groupCount + k;

  /** Real count × scale of each group (incidents derived) for a gemeente-year. */
  const yearTotals = (code: string, year: number): number[] => {
    const crimes = catalog.groups.map((group) => {
      if (!group.misdrijf) return 0;
      const aantal = real.get(`${code}|${year}|${group.id}`);
      if (aantal === undefined) throw new Error(`no real figure for ${code}, ${year}, soort ${group.id}`);
      return Math.round(aantal * scale);
    });
    const incidents = Math.round(INCIDENT_RATIO * crimes.reduce((sum, n) => sum + n, 0));
    return catalog.groups.map((group, k) => (group.id === INCIDENT_GROUP ? incidents : crimes[k]!));
  };

  codes.forEach((code, g) => {
    for (let year = firstYear; year <= lastYear; year++) {
      const totals = yearTotals(code, year);
      catalog.groups.forEach((group, k) => {
        const random = createRandom(seed, "months", code, year, group.id);
        const perMonth = multinomial(random, totals[k]!, profileWeights[k]!);
        perMonth.forEach((n, i) => (counts[at(g, (year - firstYear) * 12 + i, k)] = n));
      });
    }
    // January of the extra year: ILLUSTRATIVE, drawn around last year's level × January's share.
    const base = yearTotals(code, lastYear);
    catalog.groups.forEach((group, k) => {
      const random = createRandom(seed, "extra-month", code, group.id);
      counts[at(g, lastRealMonth + 1, k)] = poisson(random, base[k]! * profiles[k]!.shares[EXTRA_MONTH.month - 1]!);
    });
  });

  const rows = (g: number, m: number) => {
    let sum = 0;
    for (let k = 0; k < groupCount; k++) sum += counts[at(g, m, k)]!;
    return sum;
  };

  const provisional = new Int32Array(codes.length * months.length);
  const lateRevisions = new Int32Array(codes.length * months.length);
  codes.forEach((code, g) => {
    for (let year = firstYear; year <= lastYear; year++) {
      // The last real month is final in its own delivery, so its figures come out exactly.
      const eligible = months
        .map((ym, m) => ({ ym, m }))
        .filter(({ ym, m }) => ym.year === year && m < lastRealMonth)
        .map(({ m }) => m);
      const capacity = eligible.map((m) => rows(g, m));
      const total = capacity.reduce((sum, n) => sum + n, 0);
      const wanted = Math.min(total, Math.max(MIN_PROVISIONAL_PER_GEMEENTE_YEAR, Math.round(PROVISIONAL_RATE * total)));
      const random = createRandom(seed, "provisional", code, year);
      // One at a time, weighted by the rows still unrevised, so no month gets more than it has.
      for (let i = 0; i < wanted; i++) {
        const j = pickIndex(random, cumulativeWeights(capacity));
        capacity[j]!--;
        provisional[g * months.length + eligible[j]!]!++;
      }
    }
    const random = createRandom(seed, "late-revisions", code);
    lateRevisions[g * months.length + lastRealMonth] = Math.min(
      rows(g, lastRealMonth),
      stochasticRound(random, LATE_REVISION_RATE * rows(g, lastRealMonth)),
    );
  });

  // Registratienummers count up per pleeg year, month by month, gemeente by gemeente.
  const sequenceStart = new Int32Array(codes.length * months.length);
  let year = -1;
  let next = 0;
  months.forEach((ym, m) => {
    if (ym.year !== year) [year, next] = [ym.year, 0];
    codes.forEach((_, g) => {
      sequenceStart[g * months.length + m] = next;
      next += rows(g, m);
    });
  });

  return { seed, months, lastRealMonth, gemeenten, catalog, profiles, counts, provisional, lateRevisions, sequenceStart };
}
