import { figureOfCell } from "../../charts/choropleth.ts";
import { formatCount } from "../../charts/nl-locale.ts";
import { trendPanel, type TrendPoint } from "../../charts/trend-panel.ts";
import type { Table } from "../../model/table.ts";
import type { Figure } from "../page.ts";

/**
 * Small multiples of a period-series table as published (after disclosure control): one panel per
 * soort over the last half years, its own y axis, hidden figures marked x (never drawn by value).
 */
export function soortTrends(table: Table, areaName: string): Figure[] {
  return table.rows.map((row, index) => {
    const points: TrendPoint[] = table.columns.map((column, i) => ({
      label: shortLabel(column.id, column.label),
      figure: figureOfCell(row.cells[i] ?? { value: null }),
      ...(column.flags?.includes("voorlopig") ? { provisional: true } : {}),
    }));
    const id = `${table.id}-${index + 1}`;
    const caption = row.label;
    return { id, caption, svg: trendPanel({ id, title: `${row.label} in ${areaName} per halfjaar`, description: describe(points, table), points }) };
  });
}

function describe(points: readonly TrendPoint[], table: Table): string {
  const labelOf = (point: TrendPoint): string => table.columns[points.indexOf(point)]?.label ?? point.label;
  const withValues = points.filter((point): point is TrendPoint & { figure: number } => typeof point.figure === "number");
  const hidden = points.filter((point) => point.figure === "geheim").length;
  const words: string[] = [];
  const first = withValues[0];
  const last = withValues[withValues.length - 1];
  if (!first || !last) words.push("Geen van de cijfers is te tonen.");
  else if (first === last) words.push(`Alleen het ${labelOf(first)} is te tonen: ${formatCount(first.figure)}.`);
  else {
    const direction = last.figure > first.figure ? "Gestegen" : last.figure < first.figure ? "Gedaald" : "Gelijk gebleven";
    words.push(`${direction}: ${formatCount(first.figure)} in het ${labelOf(first)}, ${formatCount(last.figure)} in het ${labelOf(last)}.`);
  }
  if (hidden > 0) words.push(`${hidden === 1 ? "Eén halfjaar is" : `${hidden} halfjaren zijn`} geheim (x).`);
  return words.join(" ");
}

/** "2025-h1" → "1e hj 2025". */
function shortLabel(id: string, label: string): string {
  const half = /^(\d{4})-h([12])$/.exec(id);
  return half ? `${half[2]}e hj ${half[1]}` : label;
}
