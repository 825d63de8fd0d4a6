import type { CategoryMove, Example, FileReport, IngestReport, UnknownCode } from "../ingest/ingest.ts";
import type { ExportsFolder } from "../ingest/list-exports.ts";
import type { NoticeKind, RejectReason } from "../ingest/read-export.ts";
import { formatMonth, monthRange, parseMonth } from "../model/months.ts";
import type { Reference } from "../reference/load-reference.ts";

/** Dutch names of the reasons a row is not used, in the order the report lists them. */
export const REJECT_LABELS: Record<RejectReason, string> = {
  "unbalanced-quote": "aanhalingsteken dat rijen opslokt",
  "repeated-header": "kopregel nog eens midden in het bestand",
  "ragged-row": "ander aantal velden dan de kopregel",
  "missing-registratienummer": "geen registratienummer",
  "bad-date": "geen of geen bestaande datum",
  "future-date": "pleegdatum in de toekomst",
  "too-early": "pleegdatum te vroeg",
  "bad-klasse": "geen maatschappelijke klasse",
  "unknown-klasse": "onbekende maatschappelijke klasse",
  "missing-area": "geen gebied",
  "unknown-area": "onbekend gebied",
  "bad-count": "geen geldig aantal",
};

/** What each kind of notice from a table of counts means, for the warning that counts them. */
export const NOTICE_LABELS: Record<NoticeKind, string> = {
  "above-gemeente": "a row for an area above the gemeente (Nederland, a provincie), used as a check only",
  "level-differs": "a coarser area whose row differs from the sum of its parts in the file",
  "missing-count": "a row without a count (\".\" or empty): missing, not 0",
  "total-differs": "a \"Totaal misdrijven\" row that differs from the sum of its soorten in the file",
  "mo-not-listed": "a modus operandi value that is not a code of the MO code list: not kept (free text never is)",
};

/** One export file as the report shows it. */
export interface QualityFile {
  file: string;
  delivery: string | null;
  encoding: string;
  delimiter: string;
  /** The input format recognised from the header (bvh-registraties, aantallen, open-data). */
  format: string;
  rows: number;
  used: number;
  rejected: number;
  revised: number;
  repeated: number;
  /** Pleegmaanden of the accepted rows: first, last and rows per month. */
  /** First and last period with rows: "2025-12", or "2024" and "2024-Q1" for yearly and quarterly tables. */
  months: { first: string | null; last: string | null; rows: Record<string, number> };
  ignoredColumns: string[];
  error: string | null;
  /** What to do about the error. */
  hint: string | null;
}

export interface CountWithExamples {
  count: number;
  examples: Example[];
}

/** An unknown code with the name of the nearest valid one. */
export interface UnknownCodeEntry extends UnknownCode {
  suggestionName?: string;
}

export interface CategoryMoveEntry extends CategoryMove {
  label: string;
}

/**
 * The data-quality report of one run: what was read, what was used, what was not and why. It
 * holds counts, codes and file:line examples only — never a registratienummer, a street or free
 * text — so it can be shown to anyone who may see the figures.
 */
export interface QualityReport {
  /** Deliveries up to and including this month were checked ("jjjj-mm"). */
  periode: string;
  buildDate: string;
  status: "ok" | "warnings" | "errors";
  errors: string[];
  warnings: string[];
  files: QualityFile[];
  /** Entries of the exports folder that were not read, with why. */
  notRead: { name: string; reason: string }[];
  rows: { read: number; used: number; rejected: number; rejectedShare: number; maxRejectedShare: number };
  rejections: { reason: RejectReason; label: string; count: number; examples: Example[] }[];
  unknownKlassen: UnknownCodeEntry[];
  unknownAreas: UnknownCodeEntry[];
  dates: { future: CountWithExamples; tooEarly: CountWithExamples; earliestYear: number };
  duplicates: CountWithExamples;
  revisions: CountWithExamples;
  categoryMoves: CategoryMoveEntry[];
  deliveries: { first: string | null; last: string | null; missing: string[]; undated: string[] };
}

export interface QualityInput {
  ingest: IngestReport;
  folder: Pick<ExportsFolder, "skipped">;
  reference: Pick<Reference, "classification" | "areas">;
  periode: string;
  buildDate: string;
  maxRejectedShare: number;
  earliestYear: number;
  /** A delivery with fewer rows than this share of the median delivery is flagged as possibly partial (default 0.5). */
  partialDeliveryShare?: number;
}

/**
 * Judges what ingest saw. Errors are what makes a build stop (a file that cannot be read, more
 * rejected rows than allowed); warnings are the suspicious that does not (a gap in the deliveries,
 * unknown codes below the threshold, a delivery much smaller than the others). Pure.
 */
export function qualityReport(input: QualityInput): QualityReport {
  const { ingest, reference } = input;
  const errors: string[] = [];
  const warnings: string[] = [];
  const nl = (value: number): string => value.toLocaleString("nl-NL");

  const files = ingest.files.map(qualityFile);
  for (const file of files) {
    if (file.error) errors.push(file.error);
    else if (file.rows === 0) warnings.push(`${file.file}: the file has a header row but no rows`);
  }
  const readable = files.filter((file) => !file.error);
  if (readable.length > 0 && ingest.rowsRead === 0) errors.push("the exports hold no rows (only header rows): a build stops rather than report zeros");
  const rejectedShare = ingest.rowsRead === 0 ? 0 : ingest.rowsRejected / ingest.rowsRead;
  if (ingest.rowsRejected > 0) {
    const text = `${nl(ingest.rowsRejected)} of ${nl(ingest.rowsRead)} rows (${percent(rejectedShare)}) could not be used`;
    if (ingest.rowsRejected > ingest.rowsRead * input.maxRejectedShare) {
      errors.push(`${text}: more than ingest.maxRejectedShare allows (${percent(input.maxRejectedShare)}), so a build stops`);
    } else warnings.push(text);
  }

  const rejections = (Object.keys(REJECT_LABELS) as RejectReason[]).flatMap((reason) => {
    const entry = ingest.rejections[reason];
    return entry ? [{ reason, label: reason === "too-early" ? `pleegdatum vóór ${input.earliestYear}` : REJECT_LABELS[reason], ...entry }] : [];
  });

  const { classification, areas } = reference;
  const unknownKlassen = ingest.unknownCodes
    .filter((code) => code.field === "maatschappelijke_klasse")
    .map((code) => withName(code, code.suggestion ? classification.klasse(code.suggestion)?.naam : undefined));
  const unknownAreas = ingest.unknownCodes
    .filter((code) => code.field !== "maatschappelijke_klasse")
    .map((code) => withName(code, code.suggestion ? areas.nameOf(code.suggestion) : undefined));

  const categoryMoves = ingest.categoryMoves.map((move) => ({
    ...move,
    label: `${move.from.klasse} (${classification.nameOf(move.from.niv3)}) → ${move.to.klasse} (${classification.nameOf(move.to.niv3)})`,
  }));
  if (ingest.duplicates.count > 0) {
    warnings.push(`${nl(ingest.duplicates.count)} registratienummers appear twice in one file; the later row was used (first: ${where(ingest.duplicates.examples[0])})`);
  }

  for (const [kind, entry] of Object.entries(ingest.notices ?? {})) {
    if (!entry || entry.count === 0) continue;
    const first = entry.examples[0];
    warnings.push(`${nl(entry.count)} × ${NOTICE_LABELS[kind as NoticeKind]} (first: ${first ? `${first.file}:${first.line}: ${first.detail}` : "—"})`);
  }

  const deliveries = deliverySequence(files);
  if (deliveries.missing.length > 0) warnings.push(`no delivery for ${deliveries.missing.join(", ")} between ${deliveries.first} and ${deliveries.last}`);
  // Order matters where deliveries revise each other; a table of counts on its own has no delivery month.
  const dated = files.some((file) => file.delivery !== null);
  for (const name of deliveries.undated) {
    if (dated || files.find((file) => file.file === name)?.format === "bvh-registraties") warnings.push(`${name}: no delivery month (jjjj-mm) in the file name; it is applied before all dated deliveries`);
  }
  for (const entry of input.folder.skipped) warnings.push(`${entry.name} in the exports folder is not read: ${entry.reason}`);
  warnings.push(...partialDeliveries(files, input.partialDeliveryShare ?? 0.5));

  return {
    periode: input.periode,
    buildDate: input.buildDate,
    status: errors.length > 0 ? "errors" : warnings.length > 0 ? "warnings" : "ok",
    errors,
    warnings,
    files,
    notRead: input.folder.skipped,
    rows: { read: ingest.rowsRead, used: ingest.rowsUsed, rejected: ingest.rowsRejected, rejectedShare, maxRejectedShare: input.maxRejectedShare },
    rejections,
    unknownKlassen,
    unknownAreas,
    dates: {
      future: ingest.rejections["future-date"] ?? { count: 0, examples: [] },
      tooEarly: ingest.rejections["too-early"] ?? { count: 0, examples: [] },
      earliestYear: input.earliestYear,
    },
    duplicates: ingest.duplicates,
    revisions: ingest.revisions,
    categoryMoves,
    deliveries,
  };
}

function qualityFile(report: FileReport): QualityFile {
  const months = Object.keys(report.months).sort();
  return {
    file: report.file,
    delivery: report.delivery ?? null,
    encoding: report.encoding,
    delimiter: report.delimiter,
    format: report.format,
    rows: report.rows,
    used: report.used,
    rejected: report.rejected,
    revised: report.revised,
    repeated: report.repeated,
    months: {
      first: periodKey(months[0], report.granularity),
      last: periodKey(months[months.length - 1], report.granularity),
      rows: Object.fromEntries(months.map((month) => [month, report.months[month] ?? 0])),
    },
    ignoredColumns: report.ignoredColumns,
    error: report.error ?? null,
    hint: report.hint ?? null,
  };
}

function withName(code: UnknownCode, name: string | undefined): UnknownCodeEntry {
  return name ? { ...code, suggestionName: name } : code;
}

/** "2024-01" as the period it starts: "2024" for a yearly table, "2024-Q1" for a quarterly one. */
function periodKey(month: string | undefined, granularity: FileReport["granularity"]): string | null {
  if (month === undefined) return null;
  if (granularity === "year") return month.slice(0, 4);
  if (granularity === "quarter") return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
  return month;
}

/** The delivery months from first to last, and those missing in between. */
function deliverySequence(files: readonly QualityFile[]): QualityReport["deliveries"] {
  const dated = [...new Set(files.flatMap((file) => (file.delivery ? [file.delivery] : [])))].sort();
  const undated = files.filter((file) => !file.delivery).map((file) => file.file);
  const first = dated[0];
  const last = dated[dated.length - 1];
  if (!first || !last) return { first: null, last: null, missing: [], undated };
  const present = new Set(dated);
  const missing = monthRange(parseMonth(first) ?? 0, parseMonth(last) ?? 0)
    .map(formatMonth)
    .filter((month) => !present.has(month));
  return { first, last, missing, undated };
}

/**
 * A delivery that holds nothing dated in its own month, or far fewer rows than the median
 * delivery, was probably cut short (an export that stopped, a filter left on in BVH).
 */
function partialDeliveries(files: readonly QualityFile[], share: number): string[] {
  const warnings: string[] = [];
  const readable = files.filter((file) => !file.error && file.delivery);
  const sizes = readable.map((file) => file.used).sort((a, b) => a - b);
  const median = sizes.length >= 3 ? (sizes[Math.floor((sizes.length - 1) / 2)] ?? 0) : 0;
  for (const file of readable) {
    if (file.used > 0 && file.delivery && !(file.delivery in file.months.rows)) {
      warnings.push(`${file.file}: no registrations dated in its own month ${file.delivery} — is the delivery complete?`);
    } else if (median > 0 && file.used < median * share) {
      warnings.push(
        `${file.file}: ${file.used.toLocaleString("nl-NL")} rows used, ${Math.round((1 - file.used / median) * 100)}% fewer than the median delivery (${median.toLocaleString("nl-NL")}) — is the delivery complete?`,
      );
    }
  }
  return warnings;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1).replace(".", ",")}%`;
}

function where(example: Example | undefined): string {
  return example ? `${example.file}:${example.line}` : "";
}
