import { describe, expect, it } from "vitest";
import type { Table } from "../../src/model/table.ts";
import { periodSeriesChart } from "../../src/reports/sections/period-series-chart.ts";

function series(values: (number | null)[], totalLabel = "Totaal misdrijven"): Table {
  const ids = ["2024-h1", "2024-h2", "2025-h1"];
  return {
    id: "verloop",
    caption: "Verloop",
    rowHeading: "Soort misdrijf",
    columns: ids.map((id, i) => ({ id, label: `${i % 2 === 0 ? "1e" : "2e"} halfjaar ${id.slice(0, 4)}`, kind: "count", ...(id.startsWith("2025") ? { flags: ["voorlopig" as const] } : {}) })),
    rows: [
      { id: "soort:0.0.0", label: totalLabel, level: 0, role: "detail", cells: values.map((value) => (value === null ? { value, symbol: "x" as const } : { value })) },
      { id: "soort:1.1.1", label: "Diefstal/inbraak woning", level: 0, role: "detail", cells: [{ value: 3 }, { value: 4 }, { value: 2 }] },
    ],
    notes: [],
  };
}

describe("the public trend chart", () => {
  it("draws the total of every half year, says the finding in words and marks provisional figures", () => {
    const svg = periodSeriesChart(series([1200, 1350, 1100]), "Baarn") as string;
    expect(svg).toContain('role="img"');
    expect(svg).toContain("Misdrijven in Baarn per halfjaar");
    expect(svg).toContain("daalde van 1.200 in het 1e halfjaar 2024 naar 1.100 in het 1e halfjaar 2025");
    expect(svg).toContain("1.100*");
    expect(svg).toContain("1e hj 2024");
    expect(svg).not.toContain("style=");
  });

  it("says what the total covers when the input does not hold every soort", () => {
    const svg = periodSeriesChart(series([1200, 1350, 1100], "Totaal van de 12 soorten in de gegevens"), "Baarn") as string;
    expect(svg).toContain("Misdrijven in Baarn per halfjaar (totaal van de 12 soorten in de gegevens)");
    expect(svg).toContain("Het aantal misdrijven (totaal van de 12 soorten in de gegevens) daalde van 1.200");
  });

  it("draws nothing when one figure of the total is hidden, so a chart never shows what the table hides", () => {
    expect(periodSeriesChart(series([1200, null, 1100]), "Baarn")).toBeUndefined();
  });
});
