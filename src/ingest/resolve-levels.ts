import type { Granularity } from "../model/cube.ts";
import { formatMonth, yearOf } from "../model/months.ts";
import type { AreaIndex } from "../reference/areas.ts";
import type { CountRow } from "./export-record.ts";

/** A count to be put in the cube: the part of a row that no finer row of the file holds. */
export interface LevelCell {
  line: number;
  area: string;
  month: number;
  granularity: Granularity;
  klasse: string;
  aantal: number;
}

export interface LevelFinding {
  kind: "level-differs" | "missing-count";
  line: number;
  detail: string;
}

/**
 * Reads the rows of one table of counts per area level, so that a file holding a gemeente, its
 * wijken and its buurten is never summed across levels. For each klasse and period:
 * - the finest rows count: a row with no finer row of the file inside its area is a cell as is;
 * - a coarser row is a check on the rows inside it (its nearest finer rows): where it is larger,
 *   the difference is counted for the coarser area itself (registrations not assigned to a wijk
 *   or buurt, as BVH rows without a buurtcode), so the coarser figure still equals the file;
 *   where it is smaller, the finer rows count. Either difference is a finding naming the area and
 *   both numbers;
 * - a missing count ("." or empty) inside a coarser row is covered by it (a finding says so); a
 *   missing count with no coarser row around it is an error: every figure above it would be low.
 */
export function resolveLevels(rows: readonly CountRow[], areas: AreaIndex): { cells: LevelCell[]; findings: LevelFinding[]; errors: LevelFinding[] } {
  const groups = new Map<string, CountRow[]>();
  for (const row of rows) {
    const key = `${row.klasse}|${row.month}|${row.granularity}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const cells: LevelCell[] = [];
  const findings: LevelFinding[] = [];
  const errors: LevelFinding[] = [];
  for (const group of groups.values()) {
    // Rows of the same area in one file add up (a BI export split by a column it does not show).
    const byArea = new Map<string, { aantal: number | undefined; line: number }>();
    for (const row of group) {
      const earlier = byArea.get(row.area);
      if (!earlier) byArea.set(row.area, { aantal: row.aantal, line: row.line });
      else earlier.aantal = earlier.aantal === undefined || row.aantal === undefined ? undefined : earlier.aantal + row.aantal;
    }
    const parentOf = (code: string): string | undefined => {
      const area = areas.get(code);
      if (!area) return undefined;
      for (const level of ["wijk", "gemeente"] as const) {
        const ancestor = area.level === level ? undefined : area.within[level];
        if (ancestor && ancestor !== code && byArea.has(ancestor)) return ancestor;
      }
      return undefined;
    };
    const children = new Map<string, string[]>();
    for (const code of byArea.keys()) {
      const parent = parentOf(code);
      if (parent) children.set(parent, [...(children.get(parent) ?? []), code]);
    }
    const first = group[0] as CountRow;
    const what = `${first.klasse} ${periodLabel(first.month, first.granularity)}`;
    // What an area holds in the cube once resolved, for its parent's check: its row, or its parts
    // where they add up to more (or where its own count is missing).
    const contribution = (code: string): number => {
      const own = byArea.get(code)?.aantal;
      const parts = (children.get(code) ?? []).reduce((sum, child) => sum + contribution(child), 0);
      return own === undefined ? parts : Math.max(own, parts);
    };
    for (const [code, { aantal, line }] of byArea) {
      const parts = children.get(code) ?? [];
      if (parts.length === 0) {
        if (aantal !== undefined) cells.push({ line, area: code, month: first.month, granularity: first.granularity, klasse: first.klasse, aantal });
        else if (parentOf(code)) findings.push({ kind: "missing-count", line, detail: `${code} ${what}: no count ("." or empty); the row of ${parentOf(code)} counts it as not assigned` });
        else errors.push({ kind: "missing-count", line, detail: `${code} ${what}: no count ("." or empty) and no coarser row that covers it — every figure that includes ${code} would be too low` });
        continue;
      }
      if (aantal === undefined) continue;
      const sum = parts.reduce((total, part) => total + contribution(part), 0);
      if (sum === aantal) continue;
      const level = areas.get(parts[0] as string)?.level ?? "area";
      const partsName = level === "buurt" ? "buurten" : level === "wijk" ? "wijken" : "parts";
      if (aantal > sum) {
        cells.push({ line, area: code, month: first.month, granularity: first.granularity, klasse: first.klasse, aantal: aantal - sum });
        findings.push({ kind: "level-differs", line, detail: `${code} ${what}: the row says ${aantal}, its ${parts.length} ${partsName} in the file add up to ${sum}; ${aantal - sum} counted for ${code} as not assigned to a ${level}` });
      } else {
        findings.push({ kind: "level-differs", line, detail: `${code} ${what}: the row says ${aantal}, its ${parts.length} ${partsName} in the file add up to ${sum}, more than the row; the ${partsName} count` });
      }
    }
  }
  return { cells, findings, errors };
}

function periodLabel(month: number, granularity: Granularity): string {
  if (granularity === "year") return String(yearOf(month));
  if (granularity === "quarter") return `${yearOf(month)}-Q${Math.floor((month % 12) / 3) + 1}`;
  return formatMonth(month);
}
