import { stat } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../../config/normalize-config.ts";
import { scanExports, type ExportFile, type ExportsFolder } from "../../ingest/list-exports.ts";
import type { Month } from "../../model/months.ts";
import { resolveScope, type Scope } from "../../model/scope.ts";
import { GEMEENTE_GEOMETRY, loadGeometry } from "../../reference/geometry.ts";
import { loadNationalFigures } from "../../reference/national-figures.ts";
import { loadReference, referenceFiles, type Reference } from "../../reference/load-reference.ts";
import type { Keeper } from "../../reference/csv-table.ts";
import { needsRegistrations } from "../../reports/servable-editions.ts";
import { UserError } from "../../user-error.ts";
import { keepingTold, tellAgain, type BuildLog, type ToldLine } from "../../log.ts";
import type { HashOf } from "../../output/file-hashes.ts";
import { keyOf, ValueCache } from "../model-cache.ts";
import type { PlannedEdition } from "../plan.ts";
import { toolFingerprint } from "../tool-fingerprint.ts";
import { commentaryFiles, hashInputs, type ProvisionRecord } from "../provision.ts";
import { reportInputsLoader, type ReportInputs, type SharedInputs } from "../report-inputs.ts";

/** What the stages after this one are made from, read and hashed. */
export interface Inputs extends ListedInputs {
  reference: Reference;
  scope: Scope;
  /** The first delivery month (−∞ when a file has no month in its name). */
  firstDelivery: number;
  /** The months whose state of the deliveries an edition (or its predecessor) needs. */
  snapshots: Month[];
  /** Whether a report needs the registrations at day granularity (weeks, days, incident lists). */
  wantsRegistrations: boolean;
  /** The commentary, national figures and maps an edition's sections need (each read once). */
  reportInputs: (plan: PlannedEdition) => Promise<ReportInputs>;
  /** The national figures and the gemeente boundaries (for the sections and the public sites). */
  shared: SharedInputs;
}

/** The input files of a build, listed and hashed but not yet read: enough to tell whether anything changed. */
export interface ListedInputs {
  folder: ExportsFolder;
  /** The export files up to the last month an edition needs (one file per delivery month). */
  deliveries: ExportFile[];
  /** The last month an edition of this build needs. */
  lastNeeded: Month;
  /** SHA-256 of every export read … */
  exportInputs: ProvisionRecord["inputs"];
  /** … and of every other input (reference, commentary, national figures, geometry). */
  otherInputs: ProvisionRecord["inputs"];
}

/**
 * Lists the exports and every other input of the requested editions and hashes them (for the
 * caches and the record of provision), without parsing any: a build that finds them as the last
 * build did stops here.
 */
export async function listInputs(config: Config, requested: readonly PlannedEdition[], hashOf?: HashOf): Promise<ListedInputs> {
  const folder = await exportsFolder(config);
  const lastNeeded = Math.max(...requested.map((plan) => plan.edition.month));
  const deliveries = folder.files.filter((file) => file.delivery === undefined || file.delivery <= lastNeeded);
  // Read (and so hashed, for the caches and the record of provision) by the public sites and by any
  // report with a comparison with Nederland (a benchmark section, whose map is drawn from the boundaries).
  const wantsGeometry = requested.some((plan) => plan.definition.audience === "public" || plan.definition.kind === "gebiedsscan" || plan.definition.sections.some((section) => section.type === "benchmark"));
  const nationalFile = path.join(config.paths.realdata, "misdrijven-gemeente-jaar.csv");
  const geometryFile = path.join(config.paths.reference, GEMEENTE_GEOMETRY);
  const exportInputs = await hashInputs(config.root, deliveries.map((file) => ({ file: file.path, kind: "export" as const })), hashOf);
  const otherInputs = await hashInputs(config.root, [
    ...(await referenceFiles(config)).map((file) => ({ file, kind: "reference" as const })),
    ...(await commentaryFiles(config.paths.commentary)).map((file) => ({ file, kind: "commentary" as const })),
    ...(config.reference.wijkBuurtGeometry ? [{ file: path.resolve(config.paths.reference, config.reference.wijkBuurtGeometry), kind: "reference" as const }] : []),
    // The national figures are optional (a project without them compares with the eenheid only):
    // an input only when the file is there.
    ...(wantsGeometry && (await isFile(nationalFile)) ? [{ file: nationalFile, kind: "national" as const }] : []),
    // The maps (public site, the gebiedsscan's eenheid) are drawn from the gemeente boundaries, when the reference has them.
    ...(wantsGeometry && (await isFile(geometryFile)) ? [{ file: geometryFile, kind: "reference" as const }] : []),
  ], hashOf);
  return { folder, deliveries, lastNeeded, exportInputs, otherInputs };
}

export interface ReadSettings {
  log: BuildLog;
  /** Whether the tables' rows may come from the cache (as parsed from the same bytes before). */
  cache: boolean;
  /** A `serve` process's memo: the reference and the national figures are read once while their files are unchanged. */
  memo?: Map<string, unknown>;
}

/**
 * Reads the reference and the commentary and national figures every edition needs — a bad file
 * stops the build here, before the exports are read.
 */
export async function readInputs(listed: ListedInputs, config: Config, requested: readonly PlannedEdition[], settings: ReadSettings): Promise<Inputs> {
  const { log, memo } = settings;
  log.step("reference: areas, classification, population");
  const tables = settings.cache ? await keptTables(config, listed) : undefined;
  const reference = await remember(memo, "reference", () => loadReference(config, tables));
  const scope = resolveScope(config.scope, reference);
  const shared = sharedInputs(config, memo, tables);
  const loader = reportInputsLoader(config, reference, scope, log, shared);
  const reportInputs = (plan: PlannedEdition) => loader(plan.definition, plan.edition);
  for (const plan of requested) await reportInputs(plan);
  return {
    ...listed,
    reference,
    scope,
    firstDelivery: Math.min(...listed.deliveries.map((file) => file.delivery ?? -Infinity)),
    snapshots: requested.flatMap((plan) => [plan.edition.month, plan.previous.month]),
    // Registrations at day granularity only when a report needs days or incidents: the monthly
    // reports are built from the cube alone, as fast as before and from the same cache entry.
    wantsRegistrations: requested.some((plan) => needsRegistrations(plan.definition)),
    reportInputs,
    shared,
  };
}

/**
 * The national figures and the gemeente boundaries, each read at most once per build — and, in a
 * `serve` process, once while their files are unchanged (the memo is keyed by size and time).
 */
function sharedInputs(config: Config, memo: Map<string, unknown> | undefined, tables: Keeper | undefined): SharedInputs {
  const once = <T>(file: string, load: () => Promise<T>): (() => Promise<T>) => {
    let loaded: Promise<T> | undefined;
    return () =>
      (loaded ??= (async () => {
        const info = await stat(file).catch(() => undefined);
        return remember(memo, `${file} ${info?.size} ${info?.mtimeMs}`, load);
      })());
  };
  const geometryFile = path.join(config.paths.reference, GEMEENTE_GEOMETRY);
  return {
    national: once(path.join(config.paths.realdata, "misdrijven-gemeente-jaar.csv"), () => loadNationalFigures(config, tables)),
    geometry: once(geometryFile, async () => ((await isFile(geometryFile)) ? loadGeometry(geometryFile) : undefined)),
  };
}

/**
 * What is read from the input tables (the rows of the reference tables, the national figures as
 * summed) as made before from the same bytes: kept in the cache under a key over the files' SHA-256
 * as listed, so that a rebuild does not parse 100,000 rows of CSV again (0.4 s). A value made from
 * a file the listing did not hash is made. (Not in the memo: a `serve` process keeps the reference
 * and national figures themselves.)
 */
async function keptTables(config: Config, listed: ListedInputs): Promise<Keeper> {
  const hashes = new Map(listed.otherInputs.map((input) => [path.resolve(config.root, input.path), input.sha256]));
  const cache = new ValueCache<{ pages: never[]; value: unknown }>(path.join(config.paths.cache, "tables"), "veiligheidsbeeld-table-2", 32, undefined, []);
  const tool = await toolFingerprint();
  return async <T>(what: string, files: readonly string[], make: () => Promise<T>): Promise<T> => {
    const sha256 = files.map((file) => hashes.get(path.resolve(file)));
    if (sha256.some((hash) => hash === undefined)) return make();
    const key = keyOf(what, tool, sha256);
    const kept = await cache.load(key);
    if (kept) return kept.value as T;
    const value = await make();
    await cache.save(key, { pages: [], value });
    return value;
  };
}

/** The export folder's files; a UserError when it holds none. */
export async function exportsFolder(config: Config): Promise<ExportsFolder> {
  const folder = await scanExports(config.paths.exports);
  if (folder.files.length === 0) {
    throw new UserError(`No export files (.csv) in ${config.paths.exports}`, {
      hint: "Put the BVH export files in that folder (or set paths.exports in the config).",
    });
  }
  return folder;
}

/** Whether `file` exists (a missing one is ENOENT; anything else there is left for the hashing to report). */
export async function isFile(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

/** The value under `key` in `memo`, computed by `make` when absent (always, without a memo). */
export async function remember<T>(memo: Map<string, unknown> | undefined, key: string, make: () => Promise<T>): Promise<T> {
  if (!memo) return make();
  if (!memo.has(key)) memo.set(key, await make());
  return memo.get(key) as T;
}

/**
 * As `remember`, for a computation that tells the log: what it told is kept with its value and
 * told again whenever the value is taken from the memo.
 */
export async function rememberTold<T>(memo: Map<string, unknown> | undefined, key: string, log: BuildLog, make: (log: BuildLog) => Promise<T>): Promise<T> {
  if (!memo) return make(log);
  const kept = memo.get(key) as { value: T; told: ToldLine[] } | undefined;
  if (kept) {
    tellAgain(log, kept.told);
    return kept.value;
  }
  const made = await keepingTold(log, make);
  memo.set(key, made);
  return made.value;
}
