import { createHash } from "node:crypto";
import path from "node:path";
import type { Commentary } from "../../commentary/read-commentary.ts";
import type { Config } from "../../config/normalize-config.ts";
import { buildReport } from "../../reports/build-report.ts";
import { createReportContext } from "../../reports/context.ts";
import type { SitePage } from "../../reports/page.ts";
import { needsRegistrations } from "../../reports/servable-editions.ts";
import { nlDate } from "../../site/filters.ts";
import { UserError } from "../../user-error.ts";
import { checkTotals } from "../check-totals.ts";
import type { BuildLog } from "../../log.ts";
import { keyOf, ValueCache } from "../model-cache.ts";
import { isReportPage } from "../page-cache.ts";
import { buildDayOf, buildMonthOf, type PlannedEdition } from "../plan.ts";
import { configHash } from "../provision.ts";
import { toolFingerprint } from "../tool-fingerprint.ts";
import type { Cube } from "../../model/cube.ts";
import type { Counts } from "../../model/rollup.ts";
import { cubeAt, registrationsAt, type Checked } from "./ingest-and-check.ts";
import type { Inputs } from "./read-inputs.ts";

export interface ModelSettings {
  config: Config;
  buildDate: string;
  /** Only these area codes. */
  areas?: readonly string[];
  allowIncomplete: boolean;
  /** Keep each edition's page data under `paths.cache` and compute again only what changed. */
  cache: boolean;
  /** A `serve` process's memo: the cached page data is kept in memory too. */
  memo?: Map<string, unknown>;
  /**
   * A `serve` process warming its memo: of each edition with commentary read back whole, one page
   * is computed (and let go), so that the counts its pages sum are in the memo before an edit.
   */
  warm?: boolean;
}

/** The page data of every edition, and what identifies each page's data without reading it. */
export interface Modelled {
  /** In the order of the plan. */
  editions: ModelledEdition[];
  /**
   * Per page (by object), a key over everything its data was computed from: equal keys, equal
   * data. The page cache compares these instead of hashing the data of every page.
   */
  identity: WeakMap<SitePage, string>;
  /** Per edition, a key over what all its pages were computed from (for the disclosure control's cache). */
  editionKeys: Map<PlannedEdition, string>;
  /**
   * Per edition, a key over what its figures were computed from: all but the commentary, which
   * fills a text section and nothing else (src/reports/sections/commentary.ts).
   */
  figureKeys: Map<PlannedEdition, string>;
}

export interface ModelledEdition {
  plan: PlannedEdition;
  /**
   * The pages (and index, for a report that is not public) as computed, before disclosure control.
   * Undefined for a public edition left in the cache: its pages are read (`load`) only when its
   * disclosure control must be done again; otherwise that control's cached result has them.
   */
  pages?: SitePage[];
  load(): Promise<SitePage[]>;
}

/** What the model cache keeps of one edition. */
interface CachedEdition {
  /** The edition's pages (and index, for a report that is not public) as computed, before disclosure control. */
  pages: SitePage[];
  /** Per page path, the digest of the commentary the page read ("" for none). */
  reads: Record<string, string>;
  /** The warnings of sections the input cannot fill, as the computation gave them. */
  notInInput: string[];
  /** The paths of the pages computed again since the edition was saved whole (kept in its patch, not in the entry). */
  patched?: string[];
}

/**
 * What the model cache keeps beside an edition saved whole: the pages computed again since (their
 * commentary changed), each with what it read. Saving these instead of the whole edition again
 * keeps a commentary rebuild from rewriting a national edition (100 MB and more) for one page.
 */
interface EditionPatch {
  pages: SitePage[];
  reads: Record<string, string>;
}

/** Of an edition's pages, at most this share (or one page) is kept as a patch; beyond it the edition is saved whole again. */
const PATCH_SHARE = 0.25;

/**
 * Every edition's page data, computed from the cube as of the edition's month (and the edition
 * before it, for the revisions), before disclosure control: one page per area and, for reports
 * that are not public, the edition's index (a public edition's index comes with its public site).
 *
 * With the cache, an edition whose inputs (exports, reference, national figures, config, tool,
 * build date) are as in an earlier build is read back; of its pages, only those whose area's
 * commentary changed are computed again — a page reads the commentary of its own area and no other
 * (src/reports/sections/commentary.ts). A public edition without commentary is not even read back
 * until the disclosure control asks for it.
 */
export async function modelPages(inputs: Inputs, checked: Checked, settings: ModelSettings, log: BuildLog): Promise<Modelled> {
  const modelled: Modelled = { editions: [], identity: new WeakMap(), editionKeys: new Map(), figureKeys: new Map() };
  const checkedCubes = new Set<object>();
  const cache = settings.cache ? new ValueCache<CachedEdition>(path.join(settings.config.paths.cache, "model"), "veiligheidsbeeld-model-2", 24, settings.memo) : undefined;
  const patches = settings.cache ? new ValueCache<EditionPatch>(path.join(settings.config.paths.cache, "model-patches"), "veiligheidsbeeld-model-patch-1", 24, settings.memo) : undefined;
  const base = cache ? await baseKey(inputs, settings) : "";
  for (const plan of checked.planned) {
    const key = keyOf("edition", base, plan.definition.kind, plan.edition.id, plan.previous.id);
    if (cache) modelled.figureKeys.set(plan, key);
    const commentary = plan.definition.sections.some((section) => section.type === "commentary") ? (await inputs.reportInputs(plan)).commentary : undefined;
    const readBy = (page: SitePage): string => (commentary && "area" in page ? digestOf(commentary.get(page.area.code)) : "");
    const known = (edition: CachedEdition): SitePage[] => {
      for (const page of edition.pages) modelled.identity.set(page, keyOf(key, page.path, edition.reads[page.path]));
      return edition.pages;
    };

    /** The edition read back (its pages of changed commentary computed again) or computed, and kept. */
    const modelEdition = async (cached: CachedEdition | undefined): Promise<CachedEdition> => {
      let edition: CachedEdition;
      if (cached) {
        // Only the pages whose commentary changed since are computed again.
        const stale = cached.pages.filter((page) => (cached.reads[page.path] ?? "") !== readBy(page)).map((page) => ("area" in page ? page.area.code : ""));
        edition = cached;
        if (stale.length > 0) {
          const { ctx } = await contextOf(plan, inputs, checked, settings);
          const fresh = new Map(buildReport(plan.definition, ctx, reportOptions(settings, stale)).pages.map((page) => [page.path, page]));
          edition = { ...cached, pages: cached.pages.map((page) => fresh.get(page.path) ?? page), patched: [...new Set([...(cached.patched ?? []), ...fresh.keys()])] };
        } else if (settings.warm && settings.memo && commentary) {
          // Warming a memo: one page computed and let go, for the counts in the memo (keptRollups).
          const first = cached.pages.find(isReportPage);
          const { ctx } = await contextOf(plan, inputs, checked, settings);
          if (first) buildReport(plan.definition, ctx, reportOptions(settings, [first.area.code]));
        }
        log.info(`model: ${plan.definition.kind} ${plan.edition.id} as in an earlier build${stale.length > 0 ? `, but for ${stale.length} ${stale.length === 1 ? "page" : "pages"} whose commentary changed` : ""}`);
      } else {
        const { cube, ctx } = await contextOf(plan, inputs, checked, settings);
        if (!checkedCubes.has(cube)) {
          checkTotals(cube, ctx);
          checkedCubes.add(cube);
        }
        const built = buildReport(plan.definition, ctx, reportOptions(settings, settings.areas));
        if (built.pages.length === 0) {
          throw new UserError(`${plan.definition.kind} ${plan.edition.id}: no area in scope${settings.areas ? ` matches --area ${settings.areas.join(",")}` : ""}`, {
            hint: "Check --area against the gemeente- and basisteamcodes of the scope in the config.",
            exitCode: 2,
          });
        }
        // A public edition's index comes with its public site (src/pipeline/stages/page-data.ts).
        edition = { pages: [...built.pages, ...(plan.definition.audience === "public" ? [] : [built.index])], reads: {}, notInInput: built.notInInput };
        for (const line of edition.notInInput) log.warn(line);
      }
      edition.reads = Object.fromEntries(edition.pages.map((page) => [page.path, readBy(page)]));
      if (cache && patches && edition !== cached) {
        const patched = new Set(edition.patched ?? []);
        if (cached && patched.size > 0 && patched.size <= Math.max(1, PATCH_SHARE * edition.pages.length)) {
          // Only the pages computed again since the edition was saved whole.
          const pages = edition.pages.filter((page) => patched.has(page.path));
          await patches.save(key, { pages, reads: Object.fromEntries(pages.map((page) => [page.path, edition.reads[page.path] ?? ""])) });
        } else {
          const { patched: _patched, ...whole } = edition;
          await cache.save(key, whole);
          await patches.remove(key);
        }
      }
      return edition;
    };

    /** The edition as saved whole, with the pages computed again since in their place. */
    const readBack = async (): Promise<CachedEdition | undefined> => {
      const saved = await cache?.load(key);
      const patch = saved ? await patches?.load(key) : undefined;
      if (!saved || !patch) return saved;
      const byPath = new Map(patch.pages.map((page) => [page.path, page]));
      return { ...saved, pages: saved.pages.map((page) => byPath.get(page.path) ?? page), reads: { ...saved.reads, ...patch.reads }, patched: [...byPath.keys()] };
    };

    const header = cache && plan.definition.audience === "public" && !commentary ? await cache.header(key) : undefined;
    if (cache && header) {
      log.info(`model: ${plan.definition.kind} ${plan.edition.id} as in an earlier build (its pages are read only if its disclosure control is done again)`);
      for (const line of header.notInInput) log.warn(line);
      modelled.editionKeys.set(plan, keyOf(key, header.reads));
      let loading: Promise<SitePage[]> | undefined;
      // Read only if asked for; what is read is what was kept (or, were it gone meanwhile, computed again).
      const load = (): Promise<SitePage[]> => (loading ??= readBack().then(async (cached) => known(await modelEdition(cached))));
      modelled.editions.push({ plan, load });
      continue;
    }
    const cached = await readBack();
    if (cached) for (const line of cached.notInInput) log.warn(line);
    const edition = await modelEdition(cached);
    const pages = known(edition);
    modelled.editionKeys.set(plan, keyOf(key, edition.reads));
    modelled.editions.push({ plan, pages, load: async () => pages });
  }
  return modelled;
}

/** What every edition's data is computed from besides its own plan and commentary. */
async function baseKey(inputs: Inputs, settings: ModelSettings): Promise<string> {
  return keyOf(
    await toolFingerprint(),
    configHash(settings.config),
    settings.buildDate,
    settings.areas ?? null,
    settings.allowIncomplete,
    inputs.exportInputs.map((input) => [input.path, input.sha256]),
    inputs.otherInputs.filter((input) => input.kind !== "commentary").map((input) => [input.path, input.sha256]),
    inputs.snapshots,
    inputs.wantsRegistrations,
  );
}

function reportOptions(settings: ModelSettings, areas: readonly string[] | undefined) {
  return { organisation: settings.config.organisation, buildDate: nlDate(settings.buildDate), ...(areas ? { areas } : {}) };
}

/** A digest of an area's commentary (its file and text), "" for none. */
function digestOf(commentary: Commentary | undefined): string {
  return commentary ? createHash("sha256").update(`${commentary.file}\u0000${commentary.markdown}`).digest("hex") : "";
}

/**
 * In a `serve` process, each cube's counts per area level, kept with the cube across rebuilds: a
 * commentary change then computes its page without summing Nederland and the eenheid again. The
 * memo holds the cubes as ingested, and is cleared with them when an export, the reference or the
 * config changes.
 */
function keptRollups(memo: Map<string, unknown>): (cube: Cube) => Map<string, Counts> {
  const kept = (memo.get(ROLLUPS) as WeakMap<Cube, Map<string, Counts>> | undefined) ?? new WeakMap<Cube, Map<string, Counts>>();
  memo.set(ROLLUPS, kept);
  return (cube) => {
    let rollups = kept.get(cube);
    if (!rollups) kept.set(cube, (rollups = new Map()));
    return rollups;
  };
}

const ROLLUPS = "model: rollups by cube";

/** What an edition's report is computed in: the cube as of its month, and everything else its sections read. */
async function contextOf(plan: PlannedEdition, inputs: Inputs, checked: Checked, settings: ModelSettings) {
  const { config } = settings;
  const { ingested, report } = checked;
  const cube = cubeAt(ingested, plan.edition.month);
  const previousCube = plan.previous.month >= inputs.firstDelivery ? ingested.snapshots.get(plan.previous.month) : undefined;
  const registrations = needsRegistrations(plan.definition) ? registrationsAt(ingested, plan.edition.month) : undefined;
  const ctx = createReportContext({
    reference: inputs.reference,
    scope: inputs.scope,
    cube,
    edition: plan.edition,
    lastCompleteMonth: buildMonthOf(settings.buildDate) - 1,
    comparison: config.comparison,
    // Years the config or the source itself (2024*) marks provisional.
    voorlopig: [...config.voorlopig, ...report.voorlopig],
    ...(previousCube ? { previous: { edition: plan.previous, cube: previousCube } } : {}),
    incomplete: checked.incomplete.get(plan.edition.month) ?? [],
    ...(await inputs.reportInputs(plan)),
    lastCompleteDay: buildDayOf(settings.buildDate) - 1,
    fenomenen: plan.definition.fenomenen,
    ...(registrations ? { registrations } : {}),
    ...(settings.memo ? { rollups: keptRollups(settings.memo) } : {}),
  });
  return { cube, ctx };
}

