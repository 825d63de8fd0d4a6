import type { Config } from "../config/normalize-config.ts";
import { classificationHierarchy, type ShownCount } from "../model/disclosure/relations.ts";
import { roundToFive, ROUNDING_NOTE } from "../model/disclosure/round.ts";
import { sensitivity } from "../model/disclosure/rules.ts";
import { suppress, type SuppressionResult } from "../model/disclosure/suppress.ts";
import type { Reference } from "../reference/load-reference.ts";
import type { ReportDefinition } from "../reports/definition.ts";
import type { Edition } from "../reports/edition.ts";
import type { ReportPage, SitePage } from "../reports/page.ts";
import { tableOf } from "../reports/page.ts";
import { forEachCell, hideCells, publishedCells, refKey, type Place } from "../reports/published-cells.ts";
import { UserError } from "../user-error.ts";
import type { BuildLog } from "./log.ts";

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
 */
export async function discloseEditions(
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
  const known = new Map<string, Map<string, number>>();
  for (const { definition, edition } of publicPlans) {
    const started = performance.now();
    const editionPages = pages.filter((page): page is ReportPage => "area" in page && page.report.kind === definition.kind && page.edition.id === edition.id);
    const cells = publishedCells(editionPages);
    const shownBefore = known.get(definition.kind) ?? new Map<string, number>();
    let result: SuppressionResult;
    let perPage: Map<ReportPage, number>;
    if (method === "suppress") {
      result = await suppress({ counts: cells.counts, sums: [...cells.sums.values()], known: shownBefore, threshold, isSensitive, isBelowGemeente, hierarchies });
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
    for (const page of editionPages) page.disclosure = { threshold, method, suppressed: perPage.get(page) ?? 0 };
    const shown = new Map(shownBefore);
    for (const [key, count] of cells.counts) if (!result.hidden.has(key)) shown.set(key, count.value);
    known.set(definition.kind, shown);
    const summary: EditionDisclosure = {
      report: definition.kind,
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
      `disclosure ${definition.kind} ${edition.id}: ${summary.counts} counts, hidden ${hidden.klein} small, ${hidden.gevoelig} sensitive, ${hidden.afleidbaar} counts and ${summary.hiddenSums} regional figures to protect them; audit passed (${summary.programs} linear programs, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    results.push(summary);
  }
  return results;
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
