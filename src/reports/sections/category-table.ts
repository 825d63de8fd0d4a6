import { compare, per1000 } from "../../model/compare.ts";
import { shortMonthLabel } from "../../model/dutch-months.ts";
import { inpKey } from "../../model/categories.ts";
import { compareInpCodes } from "../../model/inp-order.ts";
import { monthRange, yearOf, type Month } from "../../model/months.ts";
import { monthPeriod, periodLabel, shiftYears, yearToDate, type Period } from "../../model/periods.ts";
import type { Cell, CellRef, Column, Flag, Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { CategoryTableSection } from "../definition.ts";
import type { ReportContext } from "../context.ts";

const PART_TITLES = { J: "Totaal misdrijven", N: "Totaal incidenten en overlast" } as const;

/**
 * The INP table of one area: a total row, then niv1 → niv2 → niv3 with subtotals, for the
 * categories that had registrations in either compared period. Columns per `spec.columns`.
 */
export function categoryTable(spec: CategoryTableSection, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const counts = ctx.counts(level);
  const current = yearToDate(ctx.edition);
  const previous = shiftYears(current);
  const year = yearOf(ctx.edition);
  const inwoners = ctx.reference.population.of(area, year);
  const { minBase, alpha } = ctx.comparison;

  const flagsOf = (period: Period): Flag[] => {
    const flags: Flag[] = [];
    if (ctx.voorlopig.has(yearOf(period.last))) flags.push("voorlopig");
    if (period.last > ctx.lastCompleteMonth) flags.push("onvolledig");
    return flags;
  };
  const countCell = (category: string, period: Period): Cell => {
    const ref: CellRef = { area, category, first: period.first, last: period.last };
    return { value: counts.sum(area, category, period.first, period.last), ref };
  };

  const comparisons = new Map<string, { now: Cell; before: Cell; change: ReturnType<typeof compare>; sources: CellRef[] }>();
  const comparisonOf = (category: string) => {
    let result = comparisons.get(category);
    if (!result) {
      const now = countCell(category, current);
      const before = countCell(category, previous);
      const change = compare(now.value ?? 0, before.value ?? 0, { minBase, alpha });
      const sources = [now.ref, before.ref].filter((ref): ref is CellRef => ref !== undefined);
      result = { now, before, change, sources };
      comparisons.set(category, result);
    }
    return result;
  };

  const cumulativeGroup = periodLabel(current).replace(/ \d{4}$/, "");
  const columns: Column[] = [];
  const cellsFor: ((category: string) => Cell[])[] = [];
  for (const column of spec.columns) {
    switch (column) {
      case "months": {
        const months = monthRange(current.first, current.last);
        for (const month of months) {
          columns.push({ id: `m${month}`, label: shortMonthLabel(month), kind: "count", group: String(year), ...flagged(flagsOf(monthPeriod(month))) });
        }
        cellsFor.push((category) => months.map((month: Month) => countCell(category, monthPeriod(month))));
        break;
      }
      case "ytd":
        columns.push({ id: "ytd", label: String(year), kind: "count", group: cumulativeGroup, ...flagged(flagsOf(current)) });
        cellsFor.push((category) => [countCell(category, current)]);
        break;
      case "ytd-previous":
        columns.push({ id: "ytd-previous", label: String(year - 1), kind: "count", group: cumulativeGroup, ...flagged(flagsOf(previous)) });
        cellsFor.push((category) => [countCell(category, previous)]);
        break;
      case "change":
        columns.push({ id: "change", label: "verschil", kind: "change", group: "Verandering" });
        columns.push({ id: "percent", label: "%", kind: "percent", group: "Verandering" });
        cellsFor.push((category) => {
          const { change, sources } = comparisonOf(category);
          const percent: Cell =
            change.percent === null ? { value: null, symbol: "–", note: change.percentOmitted, sources } : { value: change.percent, sources };
          return [{ value: change.absolute, sources }, percent];
        });
        break;
      case "verdict":
        columns.push({ id: "verdict", label: "significant", kind: "verdict", group: "Verandering" });
        cellsFor.push((category) => {
          const { change, sources } = comparisonOf(category);
          return [{ value: change.pValue, verdict: change.verdict, sources }];
        });
        break;
      case "per1000":
        columns.push({ id: "per1000", label: "per 1.000 inw.", kind: "rate", group: String(year), ...flagged(flagsOf(current)) });
        cellsFor.push((category) => {
          const { now } = comparisonOf(category);
          const rate = inwoners ? per1000(now.value ?? 0, inwoners.inwoners) : null;
          if (rate === null) return [{ value: null, symbol: ".", note: "inwonertal onbekend" }];
          const cell: Cell = { value: rate, sources: now.ref ? [now.ref] : [] };
          if (inwoners?.geschat) cell.flags = ["geschat"];
          return [cell];
        });
        break;
    }
  }

  const rowFor = (category: string, label: string, levelInTree: number): Row => ({
    id: category,
    label,
    level: levelInTree,
    role: levelInTree === 0 ? "total" : levelInTree < spec.depth ? "subtotal" : "detail",
    cells: cellsFor.flatMap((make) => make(category)),
  });

  const present = (category: string): boolean =>
    counts.sum(area, category, previous.first, current.last) > 0;
  const codes = counts
    .categories(area)
    .filter((key) => key.startsWith(`${spec.part}:`) && present(key))
    .map((key) => key.slice(spec.part.length + 1))
    .filter((code) => code.split(".").length <= spec.depth)
    .sort(compareInpCodes);
  const { classification } = ctx.reference;
  const rows: Row[] = [rowFor(inpKey(spec.part), PART_TITLES[spec.part], 0)];
  for (const code of codes) {
    const depth = code.split(".").length;
    rows.push(rowFor(inpKey(spec.part, code), `${code} ${classification.nameOf(code)}`, depth));
  }

  const areaName = ctx.reference.areas.nameOf(area);
  const caption = `${spec.title} in ${areaName} per INP-categorie: ${periodLabel(current)} vergeleken met ${periodLabel(previous)}`;
  return { id: spec.id, caption, columns, rows, notes: notesFor(spec, ctx, level) };
}

function flagged(flags: Flag[]): { flags?: Flag[] } {
  return flags.length > 0 ? { flags } : {};
}

function notesFor(spec: CategoryTableSection, ctx: ReportContext, level: AreaLevel): string[] {
  const notes: string[] = [];
  if (spec.columns.includes("change")) {
    notes.push(`– : geen percentage; de vergelijkingsbasis is nul of kleiner dan ${ctx.comparison.minBase}.`);
  }
  if (spec.columns.includes("verdict")) {
    notes.push(
      `Significant: de verandering is groter dan toeval bij deze aantallen verklaart (exacte toets op gelijke Poisson-intensiteit, α = ${String(ctx.comparison.alpha).replace(".", ",")}).`,
    );
  }
  if ([...ctx.voorlopig].some((year) => year >= yearOf(ctx.edition) - 1)) notes.push("* : voorlopig cijfer.");
  if ((level === "basisteam" || level === "district" || level === "eenheid") && ctx.reference.basisteamsIllustrative) {
    notes.push("De indeling in basisteams en districten is illustratief (demo); zij is niet die van de politie.");
  }
  return notes;
}
