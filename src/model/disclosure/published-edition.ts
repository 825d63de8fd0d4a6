import { parse } from "csv-parse/sync";
import { parseMonth, yearOf, type Month } from "../months.ts";
import type { CellRef } from "../table.ts";
import { refKey } from "./relations.ts";
import type { KnownSum } from "./suppress.ts";

/** What one public edition published, as every reader of its open data knows it. */
export interface PublishedEdition {
  /** The last month the edition covers (the latest periode_eind). */
  month: Month;
  /** Counts shown, by refKey. */
  counts: Map<string, number>;
  /** Counts and regional figures shown as x. */
  hidden: Set<string>;
  /** Regional figures (the rate of the region, as the sum of its gemeenten within the rounding of the rate). */
  sums: KnownSum[];
  /** Every count the edition has a cell for, shown or hidden. */
  refs: Map<string, CellRef>;
}

/**
 * Reads the open-data CSV of a public halfjaarcijfers edition (see OPEN_DATA_COLUMNS) back into
 * what it told every reader: the counts shown (the period's and the same period a year earlier),
 * the x's, and the region's rate per 1.000 inwoners as a range for the sum of its gemeenten
 * (the rate is rounded to two decimals; `inhabitants` gives the population a reader knows).
 * Returns undefined for a file that is not such a CSV.
 */
export function readPublishedEdition(text: string, inhabitants: (gemeente: string, year: number) => number | undefined, sumKey: (sources: readonly CellRef[]) => string): PublishedEdition | undefined {
  const rows = parse(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  if (rows.length === 0 || !("aantal" in (rows[0] ?? {})) || !("soort_code" in (rows[0] ?? {}))) return undefined;
  const counts = new Map<string, number>();
  const hidden = new Set<string>();
  const refs = new Map<string, CellRef>();
  const regional = new Map<string, { category: string; first: Month; last: Month; gemeenten: Set<string>; rate: string }>();
  let month = 0;
  const take = (ref: CellRef, value: string | undefined): void => {
    if (value === undefined || value === "") return;
    const key = refKey(ref);
    refs.set(key, ref);
    if (value === "x") hidden.add(key);
    else if (/^\d+$/.test(value)) counts.set(key, Number(value));
  };
  for (const row of rows) {
    const first = parseMonth(row.periode_begin ?? "");
    const last = parseMonth(row.periode_eind ?? "");
    const area = row.gemeentecode ?? "";
    if (first === undefined || last === undefined || !area || !row.soort_code) continue;
    month = Math.max(month, last);
    const category = `soort:${row.soort_code}`;
    take({ area, category, first, last }, row.aantal);
    take({ area, category, first: first - 12, last: last - 12 }, row.aantal_vorig_jaar);
    const rate = row.per_1000_inwoners_regio ?? "";
    const id = `${category}|${first}|${last}`;
    const entry = regional.get(id) ?? { category, first, last, gemeenten: new Set<string>(), rate };
    entry.gemeenten.add(area);
    if (entry.rate === "" || entry.rate === "x") entry.rate = rate === "" ? entry.rate : rate;
    regional.set(id, entry);
  }
  const sums: KnownSum[] = [];
  for (const { category, first, last, gemeenten, rate } of regional.values()) {
    if (rate === "") continue;
    const sources = [...gemeenten].sort().map((area) => ({ area, category, first, last }));
    const id = sumKey(sources);
    if (rate === "x") {
      hidden.add(id);
      sums.push({ id, sources });
      continue;
    }
    // As the rate column counts them: a gemeente without a known population adds none.
    const population = [...gemeenten].reduce((total, gemeente) => total + (inhabitants(gemeente, yearOf(last)) ?? 0), 0);
    const value = Number(rate);
    if (population === 0 || !Number.isFinite(value)) continue;
    sums.push({ id, sources, range: sumRange(value, population) });
  }
  return { month, counts, hidden, sums, refs };
}


/**
 * The range of a regional sum a reader derives from its rate per 1.000 inwoners as published
 * (rounded to two decimals) and the region's population: within half a hundredth of the rate.
 */
export function sumRange(rate: number, population: number): [number, number] {
  const low = Math.max(0, Math.ceil(((rate - 0.005) * population) / 1000 - 1e-9));
  const high = Math.floor(((rate + 0.005) * population) / 1000 + 1e-9);
  return [low, high];
}

/** The same range for a sum the build computed: as its rate will be published. */
export function publishedSumRange(sum: number, population: number): [number, number] {
  return sumRange(Number(((sum / population) * 1000).toFixed(2)), population);
}
