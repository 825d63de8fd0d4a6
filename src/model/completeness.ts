import { formatLocale } from "d3-format";
import nlFormat from "d3-format/locale/nl-NL" with { type: "json" };
import { monthLabel } from "./dutch-months.ts";
import { formatMonth, parseMonth, type Month } from "./months.ts";
import { binomialLowerTail } from "./significance.ts";

/**
 * Completeness of the deliveries: is a month of an area missing or partly missing, so that its
 * figures would show a fall in crime that is really a gap in the data?
 *
 * A month is compared with up to three references: the month before, the month after and the
 * same month a year earlier (only months inside the delivered data count). It is **far below** a
 * reference when both hold:
 * - it has at most half the registrations of the reference (`RATIO` = 0.5), and
 * - the shortfall is not count noise: the one-sided exact test of equal Poisson rates
 *   (x | x + r ~ Bin(x + r, ½)) gives p < `ALPHA` = 1e-6.
 *
 * A month is **incomplete** when it is far below at least two references (or below the only
 * one there is). Requiring two keeps seasonal lows (low against its neighbours, not against last
 * year) and trends (low against last year, not against its neighbours) from being flagged; two
 * missing months in a row still each have two good references.
 *
 * Why these numbers: a missing delivery leaves a month with a small fraction of its usual count,
 * far below half. A p-value of 1e-6 means that over the ~25,000 gemeente-months of a national
 * build with six years of data, count noise alone is expected to raise fewer than 0.03 false
 * alarms; a small gemeente's natural low month (5 instead of 14) is nowhere near it. The price: a
 * complete loss is detected for a single area only when its references hold at least 20
 * registrations (½²⁰ ≈ 9.5e-7). The check therefore also runs on the whole region (all
 * gemeenten in scope together): when the region is incomplete and the gemeenten that are not
 * incomplete on their own have together lost at least half of their registrations too, the
 * delivery is missing for the whole region, the smallest gemeenten included.
 *
 * A month that is lower, but not by half (at most `WARN_RATIO` = 0.6 of two references, with the
 * same p-value) is **opvallend laag**: worth a warning, not a stop.
 *
 * A delivery month without an export file is reported only when no other file holds that
 * month's registrations either, or when the month is incomplete by the counts: overlapping
 * deliveries (each file repeats the previous month) may legitimately make a file redundant.
 */
export const RATIO = 0.5;
export const WARN_RATIO = 0.6;
export const ALPHA = 1e-6;

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

type Verdict = "incomplete" | "suspicious" | undefined;

/**
 * Finds missing and partial deliveries per gemeente and month, for the region as a whole, and gaps
 * in the sequence of monthly export files. Pure; findings are sorted by month, then area (the
 * region first).
 */
export function checkCompleteness(input: CompletenessInput): CompletenessResult {
  const dataFrom = input.dataFrom ?? -Infinity;
  const first = Math.max(input.from, dataFrom);
  const last = input.to;
  const incomplete: CompletenessFinding[] = [];
  const suspicious: CompletenessFinding[] = [];

  const regionCounts = new Map<Month, number>();
  const regionCount = (month: Month): number => {
    let total = regionCounts.get(month);
    if (total === undefined) {
      total = 0;
      for (const area of input.areas) total += input.count(area, month);
      regionCounts.set(month, total);
    }
    return total;
  };

  const judge = (count: (month: Month) => number, month: Month): { verdict: Verdict; references: ReferenceCount[]; x: number } => {
    const x = count(month);
    const references: ReferenceCount[] = [];
    for (const [kind, other] of [
      ["vorige maand", month - 1],
      ["volgende maand", month + 1],
      ["vorig jaar", month - 12],
    ] as const) {
      if (other >= dataFrom && other <= last) references.push({ kind, month: other, count: count(other) });
    }
    return { verdict: judgeAgainst(x, references.map((reference) => reference.count)), references, x };
  };

  /**
   * A region that is incomplete as a whole is a regional problem only when the gemeenten that are
   * not incomplete on their own have lost at least half of their registrations too (by ratio
   * alone: they may be too small for the test); otherwise the flagged gemeenten explain it.
   */
  const restAlsoLow = (month: Month, flagged: readonly CompletenessFinding[]): boolean => {
    const flaggedAreas = new Set(flagged.map((finding) => finding.area));
    const rest = input.areas.filter((area) => !flaggedAreas.has(area));
    if (rest.length === 0) return false;
    const restCount = (m: Month): number => rest.reduce((sum, area) => sum + input.count(area, m), 0);
    const { x, references } = judge(restCount, month);
    const below = references.filter((reference) => reference.count > 0 && x <= RATIO * reference.count).length;
    return references.length > 0 && below >= Math.min(2, references.length);
  };

  const fileGaps = deliveryGaps(input.files ?? [], first, last);
  const filesByMonth = rowsPerMonth(input.files ?? []);
  const redundantGaps: Month[] = [];
  for (let month = first; month <= last; month++) {
    const region = judge(regionCount, month);
    const gap = fileGaps.get(month);
    const perGemeente: CompletenessFinding[] = [];
    let lowGemeenten = 0;
    for (const area of input.areas) {
      const result = judge((m) => input.count(area, m), month);
      if (!result.verdict) continue;
      lowGemeenten++;
      const finding = makeFinding(result.verdict === "incomplete" ? "levering-onvolledig" : "opvallend-laag", area, month, result.x, result.references);
      if (result.verdict === "incomplete") perGemeente.push(finding);
      else suspicious.push(finding);
    }
    const noRows = gap !== undefined && (filesByMonth.get(month) ?? 0) === 0;
    if (noRows || (region.verdict === "incomplete" && restAlsoLow(month, perGemeente))) {
      const finding = makeFinding(gap ? "levering-ontbreekt" : "levering-onvolledig", undefined, month, region.x, region.references);
      if (gap) finding.files = gap;
      if (perGemeente.length > 0) finding.gemeenten = perGemeente.map((item) => item.area ?? "");
      incomplete.push(finding);
    } else {
      if (gap) redundantGaps.push(month);
      // The region is worth its own warning only when no gemeente explains it.
      if (region.verdict === "suspicious" && lowGemeenten === 0) suspicious.push(makeFinding("opvallend-laag", undefined, month, region.x, region.references));
      incomplete.push(...perGemeente);
    }
  }
  return { incomplete, suspicious, redundantGaps };
}

/**
 * "incomplete" when `x` is far below at least two references (all of them when there are fewer),
 * "suspicious" when it is clearly lower by the warning ratio, undefined otherwise.
 */
function judgeAgainst(x: number, references: readonly number[]): Verdict {
  if (references.length === 0) return undefined;
  const needed = Math.min(2, references.length);
  const below = (ratio: number): number => references.filter((reference) => x <= ratio * reference && binomialLowerTail(x, x + reference, 0.5) < ALPHA).length;
  if (below(RATIO) >= needed) return "incomplete";
  if (below(WARN_RATIO) >= needed) return "suspicious";
  return undefined;
}

function makeFinding(kind: CompletenessFinding["kind"], area: string | undefined, month: Month, count: number, references: ReferenceCount[]): CompletenessFinding {
  return { kind, area, month, count, expected: median(references.map((reference) => reference.count)), references };
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
 * ~2.450 (september 2025 2.512, november 2025 2.430, oktober 2024 2.481)".
 */
export function describeFinding(finding: CompletenessFinding, nameOf: (code: string) => string, regionName = "de regio"): string {
  const where = finding.area ? `${finding.area} ${nameOf(finding.area)}` : regionName;
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
