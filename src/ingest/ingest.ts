import type { ColumnField } from "../config/normalize-config.ts";
import { CubeBuilder, type Cube } from "../model/cube.ts";
import { formatMonth, type Month } from "../model/months.ts";
import type { Reference } from "../reference/load-reference.ts";
import { UserError } from "../user-error.ts";
import type { ExportFile } from "./list-exports.ts";
import { RegistrationIndex } from "./registration-index.ts";
import { conversionCaches, readExport, type ExportFileInfo, type RejectReason, type Rejection } from "./read-export.ts";

const EXAMPLES = 5;

export interface Example {
  file: string;
  line: number;
  detail: string;
}

export interface FileReport extends ExportFileInfo {
  delivery: string | undefined;
  used: number;
  rejected: number;
  /** Registrations this file changed (another klasse, month or area than an earlier delivery said). */
  revised: number;
  /** Registrations this file repeated unchanged from an earlier delivery. */
  repeated: number;
  /** Accepted rows per pleegmaand ("jjjj-mm" → rows). */
  months: Record<string, number>;
  /** Why the file could not be read at all (only with `continueOnFileError`; the file then adds nothing). */
  error?: string;
}

/** An unknown klasse or area code, with how often it came and the nearest valid code. */
export interface UnknownCode {
  field: string;
  /** The code as read; absent when it was not safe to show (it might have been free text). */
  code?: string;
  suggestion?: string;
  count: number;
  examples: Example[];
}

/** Revisions that moved registrations from one klasse to another in a different INP niv3 or CBS soort. */
export interface CategoryMove {
  from: { klasse: string; niv3: string; soort?: string };
  to: { klasse: string; niv3: string; soort?: string };
  count: number;
  examples: Example[];
}

/** What ingest saw: the basis of the data-quality report. Holds no registration, only counts and file:line examples. */
export interface IngestReport {
  files: FileReport[];
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  rejections: Partial<Record<RejectReason, { count: number; examples: Example[] }>>;
  revisions: { count: number; examples: Example[] };
  duplicates: { count: number; examples: Example[] };
  /** Unknown klassen and areas, most frequent first. */
  unknownCodes: UnknownCode[];
  /** Revisions that changed the INP niv3 or CBS soort of a registration, most frequent first. */
  categoryMoves: CategoryMove[];
}

/** Where ingest is, for progress output. */
export interface IngestProgress {
  filesDone: number;
  files: number;
  bytes: number;
  totalBytes: number;
  rows: number;
}

/** "12/73 files · 45% · 123.456 rows". */
export function ingestProgress(at: IngestProgress): string {
  const percent = at.totalBytes > 0 ? Math.floor((at.bytes / at.totalBytes) * 100) : 100;
  return `${at.filesDone}/${at.files} files · ${percent}% · ${at.rows.toLocaleString("nl-NL")} rows`;
}

export interface IngestOptions {
  reference: Reference;
  columns: Record<ColumnField, readonly string[]>;
  /** Registrations dated after this month are rejected as lying in the future. */
  lastPlausibleMonth: Month;
  earliestYear: number;
  /** Called after each file, for progress output. */
  onFile?: (report: FileReport, index: number, total: number) => void;
  /** Called about every megabyte read and after each file, for progress output. */
  onProgress?: (progress: IngestProgress) => void;
  /**
   * Go on with the next file when one cannot be read at all, noting why in its FileReport
   * (`validate` lists every problem at once). By default such a file stops the ingest.
   */
  continueOnFileError?: boolean;
  /**
   * Months to keep the state of: the cube after all deliveries up to and including each month
   * (so one pass over the files serves an edition and the edition before it).
   */
  snapshots?: readonly Month[];
}

export interface IngestResult {
  /** The cube after all files. */
  cube: Cube;
  /** The cube as it was after the deliveries up to each month asked for in `snapshots`. */
  snapshots: Map<Month, Cube>;
  report: IngestReport;
}

/**
 * Reads the export files in order into a cube. A registratienummer seen again in a later delivery
 * replaces its earlier version (BVH revises registrations); in aggregated exports a later file
 * replaces the count of an (area, month, klasse) cell. Nothing but the cell a registration counts
 * in is kept, so no personal or free-text field survives this step.
 */
export async function ingest(files: readonly ExportFile[], options: IngestOptions): Promise<IngestResult> {
  const builder = new CubeBuilder();
  const snapshots = new Map<Month, Cube>();
  const pending = [...new Set(options.snapshots ?? [])].sort((a, b) => a - b);
  const snapshotBefore = (delivery: Month): void => {
    while (pending.length > 0 && (pending[0] ?? Infinity) < delivery) snapshots.set(pending.shift() as Month, builder.build());
  };
  const cellOf = new RegistrationIndex();
  const caches = conversionCaches();
  const aggregated = new Map<number, { file: number; count: number }>();
  const report: IngestReport = {
    files: [],
    rowsRead: 0,
    rowsUsed: 0,
    rowsRejected: 0,
    rejections: {},
    revisions: { count: 0, examples: [] },
    duplicates: { count: 0, examples: [] },
    unknownCodes: [],
    categoryMoves: [],
  };
  const unknownCodes = new Map<string, UnknownCode>();
  const monthKeys = new Map<Month, string>();
  const categoryMoves = new Map<string, CategoryMove>();
  const classification = options.reference.classification;
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  let bytesBefore = 0;
  const progress = (filesDone: number, bytes: number, rowsInFile = 0): void =>
    options.onProgress?.({ filesDone, files: files.length, bytes, totalBytes, rows: report.rowsRead + rowsInFile });
  const categoryMove = (from: string, to: string): Omit<CategoryMove, "count" | "examples"> | undefined => {
    if (from === to) return undefined;
    const a = classification.klasse(from);
    const b = classification.klasse(to);
    if (!a || !b || (a.niv3 === b.niv3 && a.soort === b.soort)) return undefined;
    const side = (klasse: string, k: { niv3: string; soort?: string | undefined }) => ({ klasse, niv3: k.niv3, ...(k.soort ? { soort: k.soort } : {}) });
    return { from: side(from, a), to: side(to, b) };
  };
  const note = (list: { count: number; examples: Example[] }, example: Example): void => {
    list.count++;
    if (list.examples.length < EXAMPLES) list.examples.push(example);
  };

  for (const [index, file] of files.entries()) {
    if (file.delivery !== undefined) snapshotBefore(file.delivery);
    const fileReport: FileReport = {
      file: file.name,
      encoding: "utf-8",
      delimiter: ";",
      shape: "registraties",
      rows: 0,
      ignoredColumns: [],
      delivery: file.delivery === undefined ? undefined : formatMonth(file.delivery),
      used: 0,
      rejected: 0,
      revised: 0,
      repeated: 0,
      months: {},
    };
    const reading = readExport(
      file.path,
      {
        columns: options.columns,
        areas: options.reference.areas,
        classification: options.reference.classification,
        herindelingen: options.reference.herindelingen,
        caches,
        lastPlausibleMonth: options.lastPlausibleMonth,
        earliestYear: options.earliestYear,
        displayName: file.name,
        // The end of a file is reported once, below, with the file counted as done.
        onProgress: (bytes) => {
          if (bytes < file.size) progress(index, bytesBefore + bytes, fileReport.used + fileReport.rejected);
        },
      },
      {
        record(record) {
          fileReport.used++;
          let monthKey = monthKeys.get(record.month);
          if (monthKey === undefined) monthKeys.set(record.month, (monthKey = formatMonth(record.month)));
          fileReport.months[monthKey] = (fileReport.months[monthKey] ?? 0) + record.aantal;
          const key = builder.key(record.area, record.month, record.klasse);
          if (record.registratienummer === "") {
            const earlier = aggregated.get(key);
            if (earlier && earlier.file === index) earlier.count += record.aantal;
            else {
              if (earlier) builder.addAt(key, -earlier.count);
              aggregated.set(key, { file: index, count: record.aantal });
            }
            builder.addAt(key, record.aantal);
            return;
          }
          const previous = cellOf.record(record.registratienummer, key, index);
          if (previous === undefined) {
            builder.addAt(key, 1);
            return;
          }
          if (cellOf.sameFile) {
            note(report.duplicates, { file: file.name, line: record.line, detail: "registratienummer appears earlier in the same file; this row replaces it" });
          }
          if (previous === key) {
            fileReport.repeated++;
            return;
          }
          builder.addAt(previous, -1);
          fileReport.revised++;
          const from = builder.describe(previous);
          const example = { file: file.name, line: record.line, detail: describeRevision(from, builder.describe(key)) };
          note(report.revisions, example);
          const move = categoryMove(from.klasse, record.klasse);
          if (move) {
            const entry = categoryMoves.get(`${move.from.klasse}→${move.to.klasse}`) ?? { ...move, count: 0, examples: [] };
            categoryMoves.set(`${move.from.klasse}→${move.to.klasse}`, entry);
            note(entry, example);
          }
          builder.addAt(key, 1);
        },
        reject(rejection: Rejection) {
          fileReport.rejected++;
          const entry = (report.rejections[rejection.reason] ??= { count: 0, examples: [] });
          const example = { file: file.name, line: rejection.line, detail: rejection.detail };
          note(entry, example);
          if (rejection.reason === "unknown-klasse" || rejection.reason === "unknown-area") {
            const field = rejection.column ?? "";
            const key = `${field}|${rejection.code ?? ""}`;
            const unknown = unknownCodes.get(key) ?? {
              field,
              ...(rejection.code ? { code: rejection.code } : {}),
              ...(rejection.suggestion ? { suggestion: rejection.suggestion } : {}),
              count: 0,
              examples: [],
            };
            unknownCodes.set(key, unknown);
            note(unknown, example);
          }
        },
      },
    );
    let info;
    try {
      info = await reading;
    } catch (error) {
      if (!(options.continueOnFileError && error instanceof UserError)) throw error;
      // What the file gave before it failed stays counted: validate reports, it does not build.
      fileReport.error = error.message;
      info = { rows: fileReport.used + fileReport.rejected };
    }
    bytesBefore += file.size;
    Object.assign(fileReport, info, { file: file.name });
    report.files.push(fileReport);
    report.rowsRead += fileReport.rows;
    report.rowsUsed += fileReport.used;
    report.rowsRejected += fileReport.rejected;
    options.onFile?.(fileReport, index, files.length);
    progress(index + 1, bytesBefore);
  }
  report.unknownCodes = [...unknownCodes.values()].sort(byCount);
  report.categoryMoves = [...categoryMoves.values()].sort(byCount);
  const cube = builder.build();
  for (const month of pending) snapshots.set(month, cube);
  return { cube, snapshots, report };
}

function byCount(a: { count: number }, b: { count: number }): number {
  return b.count - a.count;
}

function describeRevision(from: { area: string; month: Month; klasse: string }, to: { area: string; month: Month; klasse: string }): string {
  const changes: string[] = [];
  if (from.klasse !== to.klasse) changes.push(`klasse ${from.klasse} → ${to.klasse}`);
  if (from.month !== to.month) changes.push(`pleegmaand ${formatMonth(from.month)} → ${formatMonth(to.month)}`);
  if (from.area !== to.area) changes.push(`gebied ${from.area} → ${to.area}`);
  return `revision of an earlier delivery: ${changes.join(", ")}`;
}

/**
 * Stops the build when more rows were rejected than the config allows, with the reasons and the
 * first examples of each (file:line), so that a broken delivery never becomes a silent fall in crime.
 */
export function checkRejections(report: IngestReport, maxRejectedShare: number): void {
  if (report.rowsRead === 0) {
    throw new UserError(`The exports hold no rows: ${report.files.map((file) => file.file).join(", ")} ${report.files.length === 1 ? "has" : "have"} only a header row`, {
      hint: "Export the deliveries again from BVH; reports made from no rows would show nothing but zeros.",
    });
  }
  if (report.rowsRejected === 0 || report.rowsRejected <= report.rowsRead * maxRejectedShare) return;
  const lines: string[] = [];
  for (const [reason, entry] of Object.entries(report.rejections)) {
    lines.push(`  ${entry.count} × ${reason}`);
    for (const example of entry.examples) lines.push(`    ${example.file}:${example.line}: ${example.detail}`);
  }
  const share = ((report.rowsRejected / Math.max(1, report.rowsRead)) * 100).toFixed(2).replace(".", ",");
  throw new UserError(`${report.rowsRejected} of ${report.rowsRead} rows (${share}%) could not be used:\n${lines.join("\n")}`, {
    hint: `Correct the rows named (or the reference tables), or allow more rejected rows with "ingest": { "maxRejectedShare": … } in the config (now ${maxRejectedShare}). \`veiligheidsbeeld validate\` lists every problem.`,
  });
}
