import { describe, expect, it } from "vitest";
import { trendPanel, type TrendPoint } from "../../src/charts/trend-panel.ts";

const points = (hidden: number | "geheim"): TrendPoint[] => [
  { label: "1e hj 2024", figure: 240 },
  { label: "2e hj 2024", figure: hidden === "geheim" ? "geheim" : hidden },
  { label: "1e hj 2025", figure: 310, provisional: true },
];

describe("trendPanel", () => {
  it("has a real y axis: gridlines labelled at round values above zero, not just 0", () => {
    const svg = trendPanel({ id: "t", title: "Woninginbraak", description: "d", points: points(260) });
    const labels = [...svg.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((match) => match[1]).filter((label) => /^[\d.]+$/.test(label ?? ""));
    expect(labels).toEqual(["0", "100", "200", "300", "400"]);
  });

  it("marks a hidden figure x on the baseline and breaks the line there; the scale never sees it", () => {
    const svg = trendPanel({ id: "t", title: "Woninginbraak", description: "d", points: points("geheim") });
    expect(svg).toContain(">x</text>");
    expect(svg).toContain("x: geheim");
    expect(svg.match(/<path/g)).toBeNull();
    expect(svg).not.toContain("9999");
  });
});
