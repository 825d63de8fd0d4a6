import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config/normalize-config.ts";
import { patternGroups } from "../model/disclosure/pattern.ts";
import { publishedSumRange, readPublishedEdition, type PublishedEdition } from "../model/disclosure/published-edition.ts";
import { yearOf } from "../model/months.ts";
import { classificationHierarchy, relationsOf, type Hierarchies, type ShownCount } from "../model/disclosure/relations.ts";
import { roundToFive, ROUNDING_NOTE } from "../model/disclosure/round.ts";
import { sensitivity } from "../model/disclosure/rules.ts";
import { suppress, type KnownSum, type SuppressionResult } from "../model/disclosure/suppress.ts";
import type { CellRef } from "../model/table.ts";
import type { Reference } from "../reference/load-reference.ts";
import type { ReportDefinition } from "../reports/definition.ts";
import { disclosureSummary } from "../reports/halfjaarcijfers/disclosure-summary.ts";
import type { Edition } from "../reports/edition.ts";
import type { ReportPage, SitePage } from "../reports/page.ts";
import { tableOf } from "../reports/page.ts";
import { forEachCell, hideCells, publishedCells, refKey, sumKey, type Place, type PublishedCells } from "../reports/published-cells.ts";
import { UserError } from "../user-error.ts";
import type { BuildLog } from "../log.ts";

/** What disclosure control did to one public edition. */
export interface EditionDisclosure {
  report: string;
  edition: string;
  method: "suppress" | "round5";
  threshold: number;
  /** Counts shown in the edition (each once, however many tables show it). */
  counts: number;
  /** Counts hidden: small, sensitive, and to protect those (secondary). */
  hidden: { klein: number; gevoelig: number; afleidbaar: number };
  /** Regional figures (sums of gemeenten) hidden to protect a gemeente's count. */
  hiddenSums: number;
  /** Table cells shown as x, derived figures included. */
  cells: number;
  /** Linear programs the audit solved in its last round. */
  programs: number;
}

/**
 * Disclosure control of every public edition of the build, before anything is rendered or
 * written: small counts, sensitive details and whatever would reveal them are hidden (or, with
 * method round5, counts are rounded to five), the suppression is audited by linear programming,
 * and a last check refuses to go on when a public page would still break a rule. Editions of one
 * report are done oldest first; what an earlier edition showed counts as known to every reader.
 * Returns the pages as published — a public edition's pages are new page data, the others the
 * same — and what was done per edition; the pages handed in are left as they were.
 */
export async function discloseEditions(
  computed: readonly SitePage[],
  planned: readonly { definition: ReportDefinition; edition: Edition }[],
  config: Config,
  reference: Reference,
  log: BuildLog,
): Promise<{ pages: SitePage[]; editions: EditionDisclosure[] }> {
  const publicKinds = new Set(planned.filter((plan) => plan.definition.audience === "public").map((plan) => plan.definition.kind));
  const pages = computed.map((page) => ("area" in page && publicKinds.has(page.report.kind) ? structuredClone(page) : page));
  const editions = await discloseInPlace(pages, planned, config, reference, log);
  return { pages, editions };
}

/** discloseEditions on `pages` themselves: hides, rounds and notes in them. */
async function discloseInPlace(
  pages: readonly SitePage[],
  planned: readonly { definition: ReportDefinition; edition: Edition }[],
  config: Config,
  reference: Reference,
  log: BuildLog,
): Promise<EditionDisclosure[]> {
  const { threshold, method } = config.disclosure;
  const isSensitive = sensitivity(reference.classification, config.disclosure.sensitiveSoorten);
  const isBelowGemeente = (code: string): boolean => {
    const level = reference.areas.get(code)?.level;
    return level === "wijk" || level === "buurt";
  };
  const hierarchies = classificationHierarchy(reference.classification, (code) => (reference.areas.get(code)?.level === "gemeente" ? reference.areas.childrenOf(code) : []));
  const results: EditionDisclosure[] = [];

  const publicPlans = planned.filter((plan) => plan.definition.audience === "public").sort((a, b) => a.edition.month - b.edition.month);
  const inhabitants = (gemeente: string, year: number): number | undefined => reference.population.of(gemeente, year)?.inwoners;
  const priors = new Map<string, PriorKnowledge>();
  const onDisk = new Map<string, Map<string, PublishedEdition>>();
  for (const { definition, edition } of publicPlans) {
    const started = performance.now();
    const kind = definition.kind;
    if (!onDisk.has(kind)) onDisk.set(kind, await readPublishedEditions(kind, config, inhabitants));
    const prior = priors.get(kind) ?? emptyPrior();
    // Editions published earlier that this run does not build again are known as they were published.
    const builtNow = new Set(publicPlans.filter((plan) => plan.definition.kind === kind).map((plan) => plan.edition.id));
    for (const [id, published] of [...(onDisk.get(kind) ?? new Map<string, PublishedEdition>())].sort(([, a], [, b]) => a.month - b.month)) {
      if (published.month >= edition.month || builtNow.has(id) || prior.folded.has(id)) continue;
      foldPublished(prior, id, published, hierarchies);
      log.info(`disclosure ${kind} ${edition.id}: reads what ${id} published (${published.counts.size} counts, ${published.hidden.size} x's)`);
    }
    const editionPages = pages.filter((page): page is ReportPage => "area" in page && page.report.kind === kind && page.edition.id === edition.id);
    const cells = publishedCells(editionPages);
    let result: SuppressionResult;
    let perPage: Map<ReportPage, number>;
    if (method === "suppress") {
      // What hiding a figure costs readers: the pages it disappears from.
      const pagesOf = new Map<string, number>();
      // A total of figures the page shows (all misdrijven) is what a page that is mostly x still has to
      // say, and it bounds every part: it counts three times.
      for (const [key, entry] of cells.counts) pagesOf.set(key, new Set(entry.places.map((place) => place.area)).size * (hierarchies.categoryChildren(entry.ref.category).some((child) => cells.counts.has(refKey({ ...entry.ref, category: child }))) ? TOTAL_WEIGHT : 1));
      for (const [key, entry] of cells.sums) pagesOf.set(key, new Set(entry.places.map((place) => place.area)).size);
      result = await suppress({
        counts: cells.counts,
        sums: [...cells.sums.values()].map((sum) => ({ ...sum, range: rangeOfSum(sum.sources, cells, inhabitants) })),
        known: prior.known,
        priorHidden: prior.hidden,
        priorGroups: prior.groups,
        knownSums: [...prior.sums.values()],
        cost: (key) => pagesOf.get(key) ?? 1,
        threshold,
        isSensitive,
        isBelowGemeente,
        hierarchies,
      });
      if (result.audit.findings.length > 0) throw auditFailure(definition, edition, result, cells.counts);
      perPage = hideCells(editionPages, new Set(result.hidden.keys()));
    } else {
      // Rounded tables hide only what is sensitive; the rest is rounded to five.
      const sensitive = new Map<string, ShownCount>([...cells.counts].filter(([, count]) => isSensitive(count.ref.category)));
      result = await suppress({ counts: sensitive, sums: [], threshold: 1, isSensitive, isBelowGemeente, hierarchies: { ...hierarchies, categoryChildren: () => [], categoryParents: () => [] } });
      perPage = hideCells(editionPages, new Set(result.hidden.keys()));
      roundCounts(editionPages, threshold);
    }
    checkPublicPages(editionPages, { threshold, method, isSensitive, isBelowGemeente });

    const hidden = { klein: 0, gevoelig: 0, afleidbaar: 0 };
    for (const [key, reason] of result.hidden) if (cells.counts.has(key)) hidden[reason]++;
    for (const page of editionPages) {
      const summary = method === "suppress" ? disclosureSummary(page) : undefined;
      page.disclosure = { threshold, method, suppressed: perPage.get(page) ?? 0, ...(summary ? { summary } : {}) };
    }
    if (method === "suppress") foldBuilt(prior, edition.id, cells, result, inhabitants);
    priors.set(kind, prior);
    const summary: EditionDisclosure = {
      report: kind,
      edition: edition.id,
      method,
      threshold,
      counts: cells.counts.size,
      hidden,
      hiddenSums: [...result.hidden.keys()].filter((key) => cells.sums.has(key)).length,
      cells: [...perPage.values()].reduce((sum, count) => sum + count, 0),
      programs: result.audit.programs,
    };
    log.info(
      `disclosure ${kind} ${edition.id}: ${summary.counts} counts, hidden ${hidden.klein} small, ${hidden.gevoelig} sensitive, ${hidden.afleidbaar} counts and ${summary.hiddenSums} regional figures to protect them; audit passed (${summary.programs} integer programs, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    results.push(summary);
  }
  return results;
}

/** What hiding a total costs against hiding one of its parts. */
const TOTAL_WEIGHT = 3;

/** What the editions published before the one being made tell every reader. */
interface PriorKnowledge {
  /** Counts shown, with their values (a later edition's value wins). */
  known: Map<string, number>;
  /** Counts and regional figures shown as x. */
  hidden: Set<string>;
  /** The groups of x's of each of those editions. */
  groups: string[][];
  /** Regional figures, by id. */
  sums: Map<string, KnownSum>;
  /** Editions taken in. */
  folded: Set<string>;
}

function emptyPrior(): PriorKnowledge {
  return { known: new Map(), hidden: new Set(), groups: [], sums: new Map(), folded: new Set() };
}

/** Takes in an edition read back from its open data. */
function foldPublished(prior: PriorKnowledge, id: string, published: PublishedEdition, hierarchies: Hierarchies): void {
  const cells = new Map<string, ShownCount>([...published.refs].map(([key, ref]) => [key, { ref, value: published.counts.get(key) ?? 0 }]));
  const relations = relationsOf(cells, published.sums, hierarchies);
  // Its groups, as its own pattern rule had them: x's carried over from before it were exempt.
  prior.groups.push(...patternGroups(relations, published.hidden, prior.hidden));
  for (const [key, value] of published.counts) prior.known.set(key, value);
  for (const key of published.hidden) prior.hidden.add(key);
  for (const sum of published.sums) if (!prior.sums.get(sum.id)?.range) prior.sums.set(sum.id, sum);
  prior.folded.add(id);
}

/** Takes in an edition made in this run. */
function foldBuilt(prior: PriorKnowledge, id: string, cells: PublishedCells, result: SuppressionResult, inhabitants: (gemeente: string, year: number) => number | undefined): void {
  for (const [key, count] of cells.counts) if (!result.hidden.has(key)) prior.known.set(key, count.value);
  for (const key of result.hidden.keys()) prior.hidden.add(key);
  prior.groups.push(...result.groups);
  for (const [sumId, sum] of cells.sums) {
    prior.sums.set(sumId, result.hidden.has(sumId) ? { id: sumId, sources: sum.sources } : { id: sumId, sources: sum.sources, range: rangeOfSum(sum.sources, cells, inhabitants) });
  }
  prior.folded.add(id);
}

/**
 * What a reader works out of a regional sum from its rate as published (two decimals) and the
 * region's population, as one reading the open data back does; the sum itself when no population
 * is known.
 */
function rangeOfSum(sources: readonly CellRef[], cells: PublishedCells, inhabitants: (gemeente: string, year: number) => number | undefined): [number, number] {
  const value = sources.reduce((total, source) => total + (cells.counts.get(refKey(source))?.value ?? 0), 0);
  // As the rate column counts them: a gemeente without a known population adds none.
  const population = sources.reduce((total, source) => total + (inhabitants(source.area, yearOf(source.last)) ?? 0), 0);
  return population > 0 ? publishedSumRange(value, population) : [value, value];
}

/**
 * The earlier editions of `kind` as published: the open-data CSV of each edition folder in the
 * output folder's site and in every folder of `disclosure.published` (a copy of the site online).
 * A folder read later wins over one read earlier for the same edition.
 */
async function readPublishedEditions(kind: string, config: Config, inhabitants: (gemeente: string, year: number) => number | undefined): Promise<Map<string, PublishedEdition>> {
  const editions = new Map<string, PublishedEdition>();
  for (const { id, file } of await publishedFiles(kind, config)) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    const published = readPublishedEdition(text, inhabitants, sumKey);
    if (published) editions.set(id, published);
  }
  return editions;
}

/**
 * The open-data CSV of each edition folder of `kind` in the output folder's site and in every
 * folder of `disclosure.published`, in the order they are read (a file may turn out to be missing).
 */
export async function publishedFiles(kind: string, config: Config): Promise<{ id: string; file: string }[]> {
  const files: { id: string; file: string }[] = [];
  const sites = [path.join(config.paths.output, kind), ...config.disclosure.published.map((folder) => path.resolve(config.root, folder))];
  for (const site of sites) {
    let entries: string[];
    try {
      entries = (await readdir(site, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    } catch {
      continue;
    }
    for (const id of entries) files.push({ id, file: path.join(site, id, `${kind}-${id}.csv`) });
  }
  return files;
}

/** Rounds every count shown to five and says so under each table; derived figures of small counts go. */
function roundCounts(pages: readonly ReportPage[], threshold: number): void {
  const small = new Set<string>();
  forEachCell(pages, (cell) => {
    if (cell.ref && cell.value !== null && cell.value >= 1 && cell.value < threshold) small.add(refKey(cell.ref));
  });
  forEachCell(pages, (cell) => {
    if (cell.value === null) return;
    if (cell.ref) cell.value = roundToFive(cell.value);
    else if (cell.sources?.some((source) => small.has(refKey(source)))) {
      cell.value = null;
      cell.symbol = "x";
      cell.note = "geheim: niet getoond om herleidbaarheid te voorkomen";
      delete cell.verdict;
    }
  });
  for (const page of pages) {
    for (const section of page.sections) {
      const table = tableOf(section);
      if (table && !table.notes.includes(ROUNDING_NOTE)) table.notes.push(ROUNDING_NOTE);
    }
  }
}

/**
 * The last line of defence: after disclosure control no public page may show a count from 1 to
 * threshold − 1 (unless rounded), a figure below gemeente level, or a sensitive category for less
 * than a quarter. A build that would is stopped with the report, area, table and rule.
 */
function checkPublicPages(
  pages: readonly ReportPage[],
  rules: { threshold: number; method: string; isSensitive: (category: string) => boolean; isBelowGemeente: (area: string) => boolean },
): void {
  forEachCell(pages, (cell, kind, place) => {
    if (cell.value === null) return;
    const refs = cell.ref ? [cell.ref] : (cell.sources ?? []);
    for (const ref of refs) {
      if (rules.isBelowGemeente(ref.area)) throw refusal(place, `a figure of ${ref.area}, below gemeente level`, "no wijk or buurt figures in public output");
      if (rules.isSensitive(ref.category) && ref.last - ref.first + 1 < 3) throw refusal(place, `${ref.category} for less than a quarter`, "sensitive categories only per quarter or longer");
    }
    if (cell.ref && kind === "count" && rules.method === "suppress" && cell.value >= 1 && cell.value < rules.threshold) {
      throw refusal(place, `the count ${cell.value}`, `counts below ${rules.threshold} are not shown`);
    }
  });
}

function refusal(place: Place, what: string, rule: string): UserError {
  return new UserError(`Refusing to publish ${place.report} ${place.edition}, ${place.area}, table "${place.table}", row "${place.row}", column "${place.column}": it would show ${what} (rule: ${rule}).`, {
    hint: "This is a bug in disclosure control or a report definition that asks for what its audience may not see; nothing was written. See docs/disclosure.md.",
    exitCode: 1,
  });
}

function auditFailure(definition: ReportDefinition, edition: Edition, result: SuppressionResult, counts: ReadonlyMap<string, { places: Place[] }>): UserError {
  const lines = result.audit.findings.slice(0, 5).map((finding) => {
    const place = counts.get(finding.key)?.places[0];
    const where = place ? `${place.area}, table "${place.table}", row "${place.row}", column "${place.column}"` : finding.key;
    const interval = `${finding.interval.low}…${finding.interval.high === Infinity ? "∞" : finding.interval.high}`;
    return `  ${where}: hidden, but the figures shown give ${interval} (${finding.problem})`;
  });
  return new UserError(`Disclosure control cannot protect ${definition.kind} ${edition.id}: a hidden figure can still be worked out (rule: secondary suppression, checked by the audit):\n${lines.join("\n")}`, {
    hint: "Nothing was written. Show fewer figures in this report (fewer categories or periods), or use method round5 in the config's disclosure block; see docs/disclosure.md.",
    exitCode: 1,
  });
}
