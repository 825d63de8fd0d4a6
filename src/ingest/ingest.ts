import type { ColumnField } from "./export-columns.ts";
import { coarser, CubeBuilder, type Cube } from "../model/cube.ts";
import { formatMonth, type Month } from "../model/months.ts";
import type { Reference } from "../reference/load-reference.ts";
import { UserError } from "../user-error.ts";
import type { ExportFile } from "./list-exports.ts";
import { RegistrationIndex } from "./registration-index.ts";
import { RegistrationStore } from "./registration-store.ts";
import type { Registrations } from "../model/registrations.ts";
import { AreaNames } from "./area-names.ts";
import { conversionCaches, readExport, type CountRow, type ExportFileInfo, type NoticeKind, type RejectReason, type Rejection } from "./read-export.ts";
import { resolveLevels } from "./resolve-levels.ts";

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
  /** Accepted rows per pleegmaand ("jjjj-mm" → rows); for a table of counts, counts per first month of its periods. */
  months: Record<string, number>;
  /** The periods of a table of counts, when coarser than months (its `months` are then the first months of quarters or years). */
  granularity?: "quarter" | "year";
  /** Why the file could not be read at all (only with `continueOnFileError`; the file then adds nothing). */
  error?: string;
  /** What to do about it (the error's hint: the column names accepted, how to map one). */
  hint?: string;
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
  /**
   * What tables of counts told without a row being refused: rows above the gemeente used as checks,
   * coarser rows that differ from the sum of their parts, missing counts, totals that differ.
   */
  notices: Partial<Record<NoticeKind, { count: number; examples: Example[] }>>;
  /** Years the source marked provisional (`2024*`, `2024 voorlopig`). */
  voorlopig: number[];
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
  /**
   * Keep every registration at day granularity (day, part of day, klasse, area, MO code; never
   * the registratienummer) for reports of weeks and days and incident lists. Off by default: the
   * monthly reports need only the cube.
   */
  registrations?: boolean;
  /** Modus operandi codes of the code list; other values of the MO column are not kept. */
  moCodes?: ReadonlySet<string>;
  /** The gemeenten in scope: an area name an open-data table shares with areas elsewhere is looked for there first. */
  scopeGemeenten?: readonly string[];
}

export interface IngestResult {
  /** The cube after all files. */
  cube: Cube;
  /** The cube as it was after the deliveries up to each month asked for in `snapshots`. */
  snapshots: Map<Month, Cube>;
  report: IngestReport;
  /** With `registrations`: the registrations at day granularity after all files, and as of each snapshot month. */
  registrations?: { all: Registrations; snapshots: Map<Month, Registrations> };
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
  const store = options.registrations ? new RegistrationStore() : undefined;
  const registrationSnapshots = new Map<Month, Registrations>();
  const pending = [...new Set(options.snapshots ?? [])].sort((a, b) => a - b);
  const snapshotBefore = (delivery: Month): void => {
    while (pending.length > 0 && (pending[0] ?? Infinity) < delivery) {
      const month = pending.shift() as Month;
      snapshots.set(month, builder.build());
      if (store) registrationSnapshots.set(month, store.build());
    }
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
    notices: {},
    voorlopig: [],
  };
  const voorlopig = new Set<number>();
  const areaNames = new AreaNames(options.reference.areas, options.scopeGemeenten);
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
      format: "bvh-registraties",
      rows: 0,
      ignoredColumns: [],
      delivery: file.delivery === undefined ? undefined : formatMonth(file.delivery),
      used: 0,
      rejected: 0,
      revised: 0,
      repeated: 0,
      months: {},
    };
    const countMonth = (month: Month, aantal: number): void => {
      let monthKey = monthKeys.get(month);
      if (monthKey === undefined) monthKeys.set(month, (monthKey = formatMonth(month)));
      fileReport.months[monthKey] = (fileReport.months[monthKey] ?? 0) + aantal;
    };
    // A table's cells, once its levels are resolved. A later file replaces the count of an
    // (area, period, klasse) cell an earlier file gave; within one file, rows of a cell add up.
    const addCounts = (rows: readonly CountRow[], name: string, fileIndex: number): void => {
      if (rows.length === 0) return;
      const { cells, findings, errors } = resolveLevels(rows, options.reference.areas);
      if (errors.length > 0) {
        const first = errors[0];
        throw new UserError(`${name}:${first?.line}: ${first?.detail}${errors.length > 1 ? ` (and ${errors.length - 1} more such row(s))` : ""}`, {
          hint: "Download the table again with every count, or leave the rows without a count out together with the areas they belong to.",
        });
      }
      for (const finding of findings) note((report.notices[finding.kind] ??= { count: 0, examples: [] }), { file: name, line: finding.line, detail: finding.detail });
      for (const row of rows) {
        if (row.provisional) voorlopig.add(Math.floor(row.month / 12));
        builder.noteGranularity(row.granularity);
        if (row.granularity !== "month") fileReport.granularity = coarser(fileReport.granularity ?? "quarter", row.granularity) as "quarter" | "year";
        if (row.aantal !== undefined && /^\d+\.\d+\.\d+$/.test(row.klasse)) builder.noteSoort(row.klasse);
      }
      fileReport.used += rows.filter((row) => row.aantal !== undefined).length;
      for (const cell of cells) {
        countMonth(cell.month, cell.aantal);
        const key = builder.key(cell.area, cell.month, cell.klasse);
        const earlier = aggregated.get(key);
        if (earlier && earlier.file === fileIndex) earlier.count += cell.aantal;
        else {
          if (earlier) builder.addAt(key, -earlier.count);
          aggregated.set(key, { file: fileIndex, count: cell.aantal });
        }
        builder.addAt(key, cell.aantal);
      }
    };
    // The rows of a table of counts, read per area level once the whole file is in (resolveLevels).
    const counts: CountRow[] = [];
    const reading = readExport(
      file.path,
      {
        columns: options.columns,
        areas: options.reference.areas,
        classification: options.reference.classification,
        herindelingen: options.reference.herindelingen,
        ...(options.moCodes ? { moCodes: options.moCodes } : {}),
        areaNames,
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
          countMonth(record.month, 1);
          store?.put(record.registratienummer, index, record.area, record.klasse, record.day, record.dayPart, record.mo);
          const key = builder.key(record.area, record.month, record.klasse);
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
        count(row) {
          counts.push(row);
        },
        notice(kind, line, detail) {
          note((report.notices[kind] ??= { count: 0, examples: [] }), { file: file.name, line, detail });
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
      addCounts(counts, file.name, index);
    } catch (error) {
      if (!(options.continueOnFileError && error instanceof UserError)) throw error;
      // What the file gave before it failed stays counted: validate reports, it does not build.
      fileReport.error = error.message;
      if (error.hint) fileReport.hint = error.hint;
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
  report.voorlopig = [...voorlopig].sort((a, b) => a - b);
  report.categoryMoves = [...categoryMoves.values()].sort(byCount);
  const cube = builder.build();
  for (const month of pending) snapshots.set(month, cube);
  if (!store) return { cube, snapshots, report };
  const all = store.build();
  for (const month of pending) registrationSnapshots.set(month, all);
  return { cube, snapshots, report, registrations: { all, snapshots: registrationSnapshots } };
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

const FORMAT_NAMES: Record<FileReport["format"], string> = {
  "bvh-registraties": "BVH registrations",
  aantallen: "table of counts by area code",
  "open-data": "open-data table (politie/CBS)",
};

/** "read as BVH registrations (12 files)" or "read as open-data table (politie/CBS) (1 file), …": the formats recognised. */
export function formatsRead(report: Pick<IngestReport, "files">): string {
  const counts = new Map<FileReport["format"], number>();
  for (const file of report.files) if (!file.error) counts.set(file.format, (counts.get(file.format) ?? 0) + 1);
  const parts = [...counts].map(([format, n]) => `${FORMAT_NAMES[format]} (${n} ${n === 1 ? "file" : "files"})`);
  return parts.length > 0 ? `read as ${parts.join(", ")}` : "no file read";
}
