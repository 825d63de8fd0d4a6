import path from "node:path";
import { readCommentary, type Commentary } from "../commentary/read-commentary.ts";
import type { Config } from "../config/normalize-config.ts";
import { yearOf } from "../model/months.ts";
import type { Scope } from "../model/scope.ts";
import type { Reference } from "../reference/load-reference.ts";
import type { NationalFigures } from "../reference/national-figures.ts";
import { loadGeometry, type AreaGeometry } from "../reference/geometry.ts";
import type { ReportDefinition } from "../reports/definition.ts";
import type { Edition } from "../reports/edition.ts";
import type { BuildLog } from "../log.ts";

/** The national figures and the gemeente boundaries, each read at most once (undefined: not there). */
export interface SharedInputs {
  national(): Promise<NationalFigures | undefined>;
  geometry(): Promise<AreaGeometry | undefined>;
}

/** What some sections need besides the exports. */
export interface ReportInputs {
  commentary?: ReadonlyMap<string, Commentary>;
  national?: NationalFigures;
  geometry?: AreaGeometry;
  areaGeometry?: AreaGeometry;
}

/**
 * Reads, for a report edition, what its sections need beyond the exports — the analyst's
 * commentary of the edition's year (`commentary` sections), the national figures (`benchmark`
 * sections) — each at most once per build. Warns about a commentary file for an area that gets no
 * page in the report (a wijk, an area outside the scope): it would silently go unread.
 */
export function reportInputsLoader(config: Config, reference: Reference, scope: Scope, log: BuildLog, shared: SharedInputs): (definition: ReportDefinition, edition: Edition) => Promise<ReportInputs> {
  const commentaryByYear = new Map<number, Promise<ReadonlyMap<string, Commentary>>>();
  let national: Promise<NationalFigures | undefined> | undefined;
  let areaGeometry: Promise<AreaGeometry> | undefined;
  const warned = new Set<string>();
  return async (definition, edition) => {
    const inputs: ReportInputs = {};
    const types = new Set(definition.sections.map((section) => section.type));
    if (types.has("commentary")) {
      const year = yearOf(edition.month);
      let read = commentaryByYear.get(year);
      if (!read) {
        read = readCommentary(config.paths.commentary, year, (code) => reference.areas.has(code), config.root).then((result) => {
          result.warnings.forEach((warning) => log.warn(warning));
          return result.byArea;
        });
        commentaryByYear.set(year, read);
      }
      const commentary = await read;
      const pages = new Set(definition.areaLevels.flatMap((level) => [...scope.areasAt(level)]));
      for (const item of commentary.values()) {
        const key = `${definition.kind}|${item.file}`;
        if (pages.has(item.area) || warned.has(key)) continue;
        warned.add(key);
        const area = reference.areas.get(item.area);
        log.warn(`${item.file}: ${definition.kind} has no page for ${area?.level ?? "area"} ${item.area} (${reference.areas.nameOf(item.area)}); the beschouwing is not used`);
      }
      inputs.commentary = commentary;
    }
    if (types.has("benchmark")) {
      national ??= shared.national().then((figures) => {
        if (!figures) log.warn(`${path.join(config.paths.realdata, "misdrijven-gemeente-jaar.csv")} not found: the comparison with Nederland is left out`);
        return figures;
      });
      const figures = await national;
      if (figures) inputs.national = figures;
      // The map of the eenheid is drawn when the reference holds the gemeente boundaries.
      const shapes = await shared.geometry();
      if (shapes) inputs.geometry = shapes;
    }
    // Wijk and buurt maps only when the config points at their boundaries (the CBS Wijk- en buurtkaart).
    const wijkBuurt = config.reference.wijkBuurtGeometry;
    if (types.has("area-table") && wijkBuurt) {
      areaGeometry ??= loadGeometry(path.resolve(config.paths.reference, wijkBuurt));
      inputs.areaGeometry = await areaGeometry;
    }
    return inputs;
  };
}
