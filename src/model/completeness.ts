import { formatLocale } from "d3-format";
import nlFormat from "d3-format/locale/nl-NL" with { type: "json" };
import { monthLabel } from "./dutch-months.ts";
import { formatMonth, parseMonth, type Month } from "./months.ts";
import { binomialLowerTail } from "./significance.ts";

/**
 * Completeness of the deliveries: is a month of an area — as a whole, or of one soort misdrijf —
 * missing or partly missing, so that its figures would show a fall in crime that is really a gap
 * in the data?
 *
 * Each series (a gemeente's registrations per month, all of them and per soort) is compared with
 * what the months around a month and the same month a year earlier predict. A month is **far
 * below** a reference count r when both hold:
 * - it has at most `RATIO` = 0.7 of it, and
 * - the shortfall is not count noise: the one-sided exact test of equal Poisson rates
 *   (x | x + r ~ Bin(x + r, ½), the model's own test of significance.ts) gives p < `ALPHA` = 1e-6.
 *
 * A month is **incomplete** when it is far below every reference it has: the month before it,
 * the month after it (when delivered) and the same month a year earlier. Up to `MAX_RUN` = 2
 * low months in a row count as one gap: each is compared with the month before the gap and the
 * month after it. Requiring every reference keeps seasonal lows (not low against last year) and
 * trends (not low against the months around) from being flagged; requiring the month after to
 * be higher again tells a lasting fall — the real drop of voorlopige figures, such as Hattem's
 * 2025, whose every month is as low — from a part missing from one or two deliveries. The price:
 * a fall that starts in the edition month or the month before has no later month to tell it
 * from a gap, and stops the build until a later delivery shows that it lasts.
 *
 * Why these numbers: a missing part leaves a month with a fraction of its usual count; a
 * delivery cut at 55 % (Utrecht December 1.101 → 625) is far below by both tests. A p-value of
 * 1e-6 against every reference keeps count noise from raising an alarm in the ~1.5 million
 * gemeente-soort-months of a national build; and it tells only where the expected count is large
 * enough: a complete loss needs a reference of at least 20 (½²⁰ ≈ 9.5e-7), a cut to 55 % about 170,
 * so small counts never raise false alarms. For the small gemeenten the check also runs on the
 * whole region (all gemeenten in scope together, all registrations and per soort): when the region
 * is incomplete and the gemeenten that are not incomplete on their own have together fallen as far
 * by ratio, the delivery is missing for the whole region, the smallest gemeenten included.
 *
 * A month that is lower, but not as far (at most `WARN_RATIO` = 0.8 of every reference, with the
 * same p-value) is **opvallend laag**: worth a warning, not a stop.
 *
 * A delivery month without an export file is reported only when no other file holds that
 * month's registrations either, or when the month is incomplete by the counts: overlapping
 * deliveries (each file repeats the previous month) may legitimately make a file redundant.
 */
export const RATIO = 0.7;
export const WARN_RATIO = 0.8;
export const ALPHA = 1e-6;
export const MAX_RUN = 2;

export type ReferenceKind = "vorige maand" | "volgende maand" | "vorig jaar";

export interface ReferenceCount {
  kind: ReferenceKind;
  month: Month;
  count: number;
}

export interface CompletenessFinding {
  /**
   * `levering-onvolledig`: far fewer registrations than the references (a partial or missing
   * delivery); `levering-ontbreekt`: no export file for the month and its registrations are
   * missing; `opvallend-laag`: lower than usual, not enough to stop.
   */
  kind: "levering-onvolledig" | "levering-ontbreekt" | "opvallend-laag";
  /** A gemeente, or undefined for the whole region. */
  area: string | undefined;
  /** The soort misdrijf whose registrations fell short; undefined for all registrations together. */
  soort?: string;
  month: Month;
  count: number;
  /** The median of the reference counts. */
  expected: number;
  references: ReferenceCount[];
  /** For a missing file: the delivery files before and after the gap. */
  files?: { before?: string; after?: string };
  /** For a region finding: the gemeenten that were incomplete on their own that month. */
  gemeenten?: string[];
}

/** One delivery file as ingest saw it (a subset of `FileReport`). */
export interface DeliveryFile {
  file: string;
  /** "jjjj-mm", or undefined for a file without a delivery month in its name. */
  delivery: string | undefined;
  /** Rows per pleegmaand ("jjjj-mm" → rows). */
  months: Readonly<Record<string, number>>;
}

export interface CompletenessInput {
  /** The gemeenten to check, each on its own and together as the region. */
  areas: readonly string[];
  /** Registrations of an area in a month, all categories together. */
  count(area: string, month: Month): number;
  /** Soorten misdrijf to check on their own as well (with `countOf`); none when absent. */
  soorten?: readonly string[];
  /** Registrations of an area in a month of one soort. */
  countOf?(area: string, soort: string, month: Month): number;
  /** The months to check, both included: usually from some years before the report period up to the edition month. */
  from: Month;
  to: Month;
  /** The first month the deliveries cover; earlier months are not used as references. */
  dataFrom?: Month;
  /** The delivery files read (up to the edition month), for gaps in the monthly sequence. */
  files?: readonly DeliveryFile[];
}

export interface CompletenessResult {
  /** Missing or partial deliveries: the build stops on these unless the analyst overrides. */
  incomplete: CompletenessFinding[];
  /** Lower than usual, not enough to stop: warnings. */
  suspicious: CompletenessFinding[];
  /** Delivery months without a file whose registrations are in other files: for the log. */
  redundantGaps: Month[];
}

/**
 * Finds missing and partial deliveries per gemeente and month, for the region as a whole, both for
 * all registrations and per soort, and gaps in the sequence of monthly export files. Pure;
 * findings are sorted by month, then area (the region first); a soort's finding is left out where
 * the same area (or the region) is incomplete that month as a whole.
 */
export function checkCompleteness(input: CompletenessInput): CompletenessResult {
  const dataFrom = input.dataFrom ?? -Infinity;
  const first = Math.max(input.from, dataFrom);
  const last = input.to;
  const window = { first, last, dataFrom };
  const incomplete: CompletenessFinding[] = [];
  const suspicious: CompletenessFinding[] = [];

  const fileGaps = deliveryGaps(input.files ?? [], first, last);
  const filesByMonth = rowsPerMonth(input.files ?? []);
  const redundantGaps: Month[] = [];
  const whole = judgeRegion(input.areas, input.count, window, undefined);
  const wholeByMonth = new Map<Month, CompletenessFinding[]>();
  for (let month = first; month <= last; month++) {
    const gap = fileGaps.get(month);
    const noRows = gap !== undefined && (filesByMonth.get(month) ?? 0) === 0;
    const found = whole.get(month) ?? { region: undefined, gemeenten: [], suspicious: [] };
    let findings: CompletenessFinding[];
    if (noRows || found.region) {
      const region = found.region ?? makeFinding("levering-onvolledig", undefined, month, regionSum(input.areas, input.count)(month), referencesAround(regionSum(input.areas, input.count), month, window));
      if (gap) {
        region.kind = "levering-ontbreekt";
        region.files = gap;
      }
      if (found.gemeenten.length > 0) region.gemeenten = found.gemeenten.map((item) => item.area ?? "");
      findings = [region];
    } else {
      if (gap) redundantGaps.push(month);
      findings = found.gemeenten;
    }
    incomplete.push(...findings);
    suspicious.push(...found.suspicious);
    wholeByMonth.set(month, findings);
  }

  // Per soort: a part of a delivery (one klasse, one soort) can be missing while the whole looks normal.
  const countOf = input.countOf;
  const bySoort: CompletenessFinding[] = [];
  for (const soort of countOf ? (input.soorten ?? []) : []) {
    const count = (area: string, month: Month): number => (countOf as NonNullable<typeof countOf>)(area, soort, month);
    for (const [month, found] of judgeRegion(input.areas, count, window, soort)) {
      const covered = wholeByMonth.get(month) ?? [];
      if (covered.some((finding) => finding.area === undefined)) continue;
      const coveredAreas = new Set(covered.map((finding) => finding.area));
      if (found.region) {
        if (found.gemeenten.length > 0) found.region.gemeenten = found.gemeenten.map((item) => item.area ?? "");
        bySoort.push(found.region);
      } else bySoort.push(...found.gemeenten.filter((finding) => !coveredAreas.has(finding.area)));
      suspicious.push(...found.suspicious.filter((finding) => !coveredAreas.has(finding.area)));
    }
  }
  const order = (a: CompletenessFinding, b: CompletenessFinding): number =>
    a.month - b.month || (a.area === undefined ? -1 : 0) - (b.area === undefined ? -1 : 0) || (a.area ?? "").localeCompare(b.area ?? "") || (a.soort ?? "").localeCompare(b.soort ?? "");
  return { incomplete: [...incomplete, ...bySoort].sort(order), suspicious: suspicious.sort(order), redundantGaps };
}

interface Window {
  first: Month;
  last: Month;
  dataFrom: Month;
}

interface MonthFindings {
  /** The region as a whole is incomplete (and the gemeenten not incomplete on their own fell as far). */
  region: CompletenessFinding | undefined;
  /** Gemeenten incomplete on their own. */
  gemeenten: CompletenessFinding[];
  suspicious: CompletenessFinding[];
}

function regionSum(areas: readonly string[], count: (area: string, month: Month) => number): (month: Month) => number {
  const totals = new Map<Month, number>();
  return (month) => {
    let total = totals.get(month);
    if (total === undefined) {
      total = 0;
      for (const area of areas) total += count(area, month);
      totals.set(month, total);
    }
    return total;
  };
}

/**
 * The findings of one series kind (all registrations, or one soort) per month: each gemeente on
 * its own, and the region. A region that is incomplete as a whole is a regional problem only when
 * the gemeenten that are not incomplete on their own have fallen as far (by ratio alone: they may
 * be too small for the test); otherwise the flagged gemeenten explain it.
 */
function judgeRegion(areas: readonly string[], count: (area: string, month: Month) => number, window: Window, soort: string | undefined): Map<Month, MonthFindings> {
  const result = new Map<Month, MonthFindings>();
  const at = (month: Month): MonthFindings => {
    let entry = result.get(month);
    if (!entry) {
      entry = { region: undefined, gemeenten: [], suspicious: [] };
      result.set(month, entry);
    }
    return entry;
  };
  const suspiciousAreas = new Map<Month, number>();
  for (const area of areas) {
    const series = (month: Month): number => count(area, month);
    const low = lowMonths(series, window, RATIO);
    for (const [month, references] of low) at(month).gemeenten.push(makeFinding("levering-onvolledig", area, month, series(month), references, soort));
    for (const [month, references] of lowMonths(series, window, WARN_RATIO)) {
      if (low.has(month)) continue;
      at(month).suspicious.push(makeFinding("opvallend-laag", area, month, series(month), references, soort));
      suspiciousAreas.set(month, (suspiciousAreas.get(month) ?? 0) + 1);
    }
  }
  const region = regionSum(areas, count);
  const regionLow = lowMonths(region, window, RATIO);
  for (const [month, references] of regionLow) {
    const flagged = new Set(result.get(month)?.gemeenten.map((finding) => finding.area) ?? []);
    const rest = areas.filter((area) => !flagged.has(area));
    if (rest.length === 0) continue;
    const restCount = (m: Month): number => rest.reduce((sum, area) => sum + count(area, m), 0);
    const x = restCount(month);
    const positive = references.filter((reference) => restCount(reference.month) > 0);
    if (positive.length > 0 && positive.every((reference) => x <= RATIO * restCount(reference.month))) {
      at(month).region = makeFinding("levering-onvolledig", undefined, month, region(month), references, soort);
    }
  }
  // The region is worth its own warning only when no gemeente explains it.
  for (const [month, references] of lowMonths(region, window, WARN_RATIO)) {
    if (regionLow.has(month) || (result.get(month)?.gemeenten.length ?? 0) > 0 || (suspiciousAreas.get(month) ?? 0) > 0) continue;
    at(month).suspicious.push(makeFinding("opvallend-laag", undefined, month, region(month), references, soort));
  }
  return result;
}

/**
 * The months of `count` in the window that are far below (by `ratio` and the exact test) every
 * reference they have, with those references; see the comment at the top. Up to `MAX_RUN` low
 * months in a row are judged together, against the month before them and the month after them;
 * a longer run is a lasting change of level, not a gap.
 */
function lowMonths(count: (month: Month) => number, window: Window, ratio: number): Map<Month, ReferenceCount[]> {
  const { first, last, dataFrom } = window;
  const inData = (month: Month): boolean => month >= dataFrom && month <= last;
  const far = (x: number, reference: number): boolean => x <= ratio * reference && binomialLowerTail(x, x + reference, 0.5) < ALPHA;
  let before: Month | undefined = inData(first - 1) ? first - 1 : undefined;
  // Low against the month before the run (when there is one) and the same month last year (when delivered).
  const low = (month: Month): boolean => {
    const x = count(month);
    const againstBefore = before === undefined ? undefined : far(x, count(before));
    const againstYear = inData(month - 12) ? far(x, count(month - 12)) : undefined;
    if (againstBefore === undefined && againstYear === undefined) return false;
    return againstBefore !== false && againstYear !== false;
  };
  const flagged = new Map<Month, ReferenceCount[]>();
  for (let month = first; month <= last; ) {
    if (!low(month)) {
      before = month++;
      continue;
    }
    let end = month + 1;
    while (end <= last && end - month <= MAX_RUN && low(end)) end++;
    if (end - month > MAX_RUN) {
      // As low for longer than a gap: the level changed (a real fall), the new level is the reference.
      before = month++;
      continue;
    }
    const after = end <= last ? end : undefined;
    for (let gap = month; gap < end; gap++) {
      if (after !== undefined && !far(count(gap), count(after))) continue;
      const references: ReferenceCount[] = [];
      if (before !== undefined) references.push({ kind: "vorige maand", month: before, count: count(before) });
      if (after !== undefined) references.push({ kind: "volgende maand", month: after, count: count(after) });
      if (inData(gap - 12)) references.push({ kind: "vorig jaar", month: gap - 12, count: count(gap - 12) });
      flagged.set(gap, references);
    }
    month = end;
  }
  return flagged;
}

/** The references of `month` for a finding that is not judged by the counts (a missing file). */
function referencesAround(count: (month: Month) => number, month: Month, window: Window): ReferenceCount[] {
  const references: ReferenceCount[] = [];
  const inData = (other: Month): boolean => other >= window.dataFrom && other <= window.last;
  for (const [kind, other] of [
    ["vorige maand", month - 1],
    ["volgende maand", month + 1],
    ["vorig jaar", month - 12],
  ] as const) {
    if (inData(other)) references.push({ kind, month: other, count: count(other) });
  }
  return references;
}

function makeFinding(kind: CompletenessFinding["kind"], area: string | undefined, month: Month, count: number, references: ReferenceCount[], soort?: string): CompletenessFinding {
  return { kind, area, ...(soort === undefined ? {} : { soort }), month, count, expected: median(references.map((reference) => reference.count)), references };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Months in [first, last] after the first dated delivery that have no delivery file, with the files around them. */
function deliveryGaps(files: readonly DeliveryFile[], first: Month, last: Month): Map<Month, { before?: string; after?: string }> {
  const dated = files
    .map((file) => ({ file: file.file, month: file.delivery === undefined ? undefined : parseMonth(file.delivery) }))
    .filter((file): file is { file: string; month: Month } => file.month !== undefined)
    .sort((a, b) => a.month - b.month || (a.file < b.file ? -1 : 1));
  const gaps = new Map<Month, { before?: string; after?: string }>();
  const firstDelivery = dated[0]?.month;
  if (firstDelivery === undefined) return gaps;
  const delivered = new Set(dated.map((file) => file.month));
  for (let month = Math.max(first, firstDelivery); month <= last; month++) {
    if (delivered.has(month)) continue;
    const before = [...dated].reverse().find((file) => file.month < month)?.file;
    const after = dated.find((file) => file.month > month)?.file;
    gaps.set(month, { ...(before ? { before } : {}), ...(after ? { after } : {}) });
  }
  return gaps;
}

function rowsPerMonth(files: readonly DeliveryFile[]): Map<Month, number> {
  const rows = new Map<Month, number>();
  for (const file of files) {
    for (const [key, count] of Object.entries(file.months)) {
      const month = parseMonth(key);
      if (month !== undefined) rows.set(month, (rows.get(month) ?? 0) + count);
    }
  }
  return rows;
}

const nl = formatLocale(nlFormat as Parameters<typeof formatLocale>[0]);
const integer = nl.format(",.0f");

/**
 * A finding in words, with its numbers: "GM0344 Utrecht, oktober 2025: 312 registraties, verwacht
 * ~2.450 (september 2025 2.512, november 2025 2.430, oktober 2024 2.481)"; a soort's finding names
 * the soort after the area ("GM0344 Utrecht, 1.2.3 Diefstal van brom-, snor-, fietsen, januari 2026: …").
 */
export function describeFinding(finding: CompletenessFinding, nameOf: (code: string) => string, regionName = "de regio", soortName: (code: string) => string = () => ""): string {
  const area = finding.area ? `${finding.area} ${nameOf(finding.area)}` : regionName;
  const soort = finding.soort === undefined ? "" : `, ${`${finding.soort} ${soortName(finding.soort)}`.trim()}`;
  const where = `${area}${soort}`;
  const references = finding.references.map((reference) => `${monthLabel(reference.month)} ${integer(reference.count)}`).join(", ");
  const numbers = `${integer(finding.count)} registraties, verwacht ~${integer(Math.round(finding.expected))}${references ? ` (${references})` : ""}`;
  let text = `${where}, ${monthLabel(finding.month)}: ${numbers}`;
  if (finding.kind === "levering-ontbreekt") {
    const around = [finding.files?.before, finding.files?.after].filter(Boolean).join(" en ");
    text += `; geen exportbestand voor ${formatMonth(finding.month)}${around ? ` (wel ${around})` : ""}`;
  }
  if (finding.gemeenten && finding.gemeenten.length > 0) {
    text += `; afzonderlijk onvolledig: ${finding.gemeenten.map((code) => `${code} ${nameOf(code)}`).join(", ")}`;
  }
  return text;
}
