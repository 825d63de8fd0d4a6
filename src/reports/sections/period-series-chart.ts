import { lineChart, type LinePoint } from "../../charts/line-chart.ts";
import { formatCount } from "../../charts/nl-locale.ts";
import type { Table } from "../../model/table.ts";

/** The row the public trend chart draws: all misdrijven together. */
const TOTAL = "soort:0.0.0";

/**
 * A small line chart of the total over the periods of a period-series table (the last six half
 * years), drawn from the table as published: it is called after disclosure control, so a chart
 * never shows a figure the table hides. No chart when the total is not in the table or one of its
 * figures is hidden or missing — the table then says why.
 */
export function periodSeriesChart(table: Table, areaName: string): string | undefined {
  const row = table.rows.find((item) => item.id === TOTAL);
  if (!row || table.columns.length < 2) return undefined;
  const points: LinePoint[] = [];
  for (const [i, column] of table.columns.entries()) {
    const value = row.cells[i]?.value;
    if (value === null || value === undefined || row.cells[i]?.symbol) return undefined;
    points.push({ label: shortLabel(column.id, column.label), value, ...(column.flags?.includes("voorlopig") ? { provisional: true } : {}) });
  }
  const first = points[0] as LinePoint;
  const last = points[points.length - 1] as LinePoint;
  const firstLabel = table.columns[0]?.label ?? first.label;
  const lastLabel = table.columns[table.columns.length - 1]?.label ?? last.label;
  // The total row's label says what it covers ("Totaal van de 12 soorten in de gegevens"); the chart says it too.
  const covers = row.label === "Totaal misdrijven" ? "" : ` (${row.label.charAt(0).toLowerCase()}${row.label.slice(1)})`;
  const direction = last.value > first.value ? "steeg" : last.value < first.value ? "daalde" : "bleef gelijk";
  const description =
    direction === "bleef gelijk"
      ? `Het aantal misdrijven${covers} bleef gelijk: ${formatCount(first.value)} in het ${firstLabel} en in het ${lastLabel}.`
      : `Het aantal misdrijven${covers} ${direction} van ${formatCount(first.value)} in het ${firstLabel} naar ${formatCount(last.value)} in het ${lastLabel}.`;
  return lineChart({
    id: `${table.id}-grafiek`,
    title: `Misdrijven in ${areaName} per halfjaar${covers}`,
    description,
    points,
    width: 460,
    height: 150,
  });
}

/** "2025-h1" → "1e hj 2025"; other ids keep their label. */
function shortLabel(id: string, label: string): string {
  const half = /^(\d{4})-h([12])$/.exec(id);
  return half ? `${half[2]}e hj ${half[1]}` : label;
}
