import { describe, expect, it } from "vitest";
import { bandChart } from "../../src/charts/band-chart.ts";
import { barChart, wrap } from "../../src/charts/bar-chart.ts";
import { lineChart } from "../../src/charts/line-chart.ts";
import { formatRate } from "../../src/charts/nl-locale.ts";
import { COLOURS } from "../../src/charts/palette.ts";
import { textWidth } from "../../src/charts/svg-markup.ts";
import { expectGolden } from "./golden.ts";

const trend = () =>
  lineChart({
    id: "grafiek-trend-j",
    title: "Alle misdrijven in Utrecht, 2021–2025",
    description: "Van 11.680 in 2021 naar 13.986 in 2025 (+20%).",
    points: [11680, 12279, 11936, 12424, 13986].map((value, i) => ({ label: String(2021 + i), value, provisional: i >= 3 })),
  });

const bars = () =>
  barChart({
    id: "grafiek-soorten",
    title: "Per soort misdrijf: Utrecht",
    description: "Woninginbraken namen toe van 399 naar 629 (+58%); dat is meer dan toeval.",
    categories: ["Diefstal/inbraak woning", "Diefstal/inbraak box/garage/schuur/tuinhuis", "Moord, doodslag"],
    series: [
      { name: "2025*", style: "solid-primary", values: [629, 233, 47] },
      { name: "2024*", style: "solid-secondary", values: [399, 162, 56] },
    ],
  });

const benchmark = () =>
  barChart({
    id: "grafiek-vergelijking",
    title: "Misdrijven per 1.000 inwoners in 2025",
    description: "Utrecht telde 37,1 misdrijven per 1.000 inwoners; Nederland 19,9.",
    categories: ["Totaal van deze 12 soorten", "Diefstal/inbraak woning"],
    series: [
      { name: "Utrecht", style: "solid-primary", values: [37.1, 1.7] },
      { name: "eenheid Midden-Nederland", style: "solid-secondary", values: [21.1, 1.4] },
      { name: "Nederland", style: "hatched-tertiary", values: [19.9, null] },
    ],
    format: formatRate,
  });

const months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const band = () =>
  bandChart({
    id: "grafiek-seizoen",
    title: "Misdrijven per maand in Utrecht: 2025 vergeleken met 2022–2024",
    description: "Alle maanden lagen boven het hoogste aantal van dezelfde maand in 2022–2024.",
    labels: months,
    current: [1136, 1025, 1171, 1052, 1192, 1186, 1194, 1104, 1245, 1305, 1275, null],
    reference: [932.7, 897.7, 1012.3, 955.3, 1029, 1024.3, 1031.3, 1026.7, 1078.7, 1149.3, 1099.7, 976],
    low: [922, 891, 985, 901, 1018, 1011, 995, 989, 1035, 1145, 1097, 925],
    high: [948, 907, 1064, 1020, 1044, 1034, 1060, 1064, 1107, 1153, 1104, 1013],
    names: { current: "2025", reference: "gemiddelde 2022–2024", band: "laagste–hoogste 2022–2024" },
  });

describe("charts (golden SVG)", () => {
  it("draws a five-year trend with provisional years as open points on a dashed line", async () => {
    const svg = trend();
    expect(svg.match(/<circle[^>]*fill="#ffffff"/g)).toHaveLength(2);
    expect(svg.match(/stroke-dasharray="4 3"/g)).toHaveLength(2);
    expect(svg).toContain(">13.986*</text>");
    expect(svg).toContain(">11.680</text>");
    await expectGolden("line-chart.svg", svg);
  });

  it("draws paired bars, largest labels wrapped onto two lines, every bar labelled", async () => {
    const svg = bars();
    expect(svg).toContain("<tspan");
    for (const value of ["629", "399", "233", "162", "47", "56"]) expect(svg).toContain(`>${value}</text>`);
    await expectGolden("bar-chart.svg", svg);
  });

  it("draws a third series hatched and outlined, and a missing value as '.' without a bar", async () => {
    const svg = benchmark();
    expect(svg).toContain('<pattern id="grafiek-vergelijking-hatch"');
    expect(svg.match(/fill="url\(#grafiek-vergelijking-hatch\)"/g)).toHaveLength(2); // one bar and the legend swatch
    expect(svg).toContain(">37,1</text>");
    expect(svg).toContain(">.</text>");
    await expectGolden("bar-chart-three-series.svg", svg);
  });

  it("draws the months against the band and average of earlier years, leaving out a month without a figure", async () => {
    const svg = band();
    expect(svg.match(/<circle/g)).toHaveLength(11 + 1); // eleven months and the legend's point
    expect(svg).toContain('stroke-dasharray="5 3"');
    expect(svg).toContain(">1.200</text>");
    await expectGolden("band-chart.svg", svg);
  });
});

describe("accessible charts", () => {
  const all = () => [trend(), bars(), benchmark(), band()];

  it("are images named by their title and described by their finding", () => {
    for (const svg of all()) {
      const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? "";
      expect(root).toContain('role="img"');
      const [titleId, descId] = (/aria-labelledby="([^"]+)"/.exec(root)?.[1] ?? "").split(" ");
      expect(svg).toMatch(new RegExp(`<title id="${titleId}">[^<]+</title>`));
      expect(svg).toMatch(new RegExp(`<desc id="${descId}">[^<]+</desc>`));
    }
    expect(trend()).toContain("<desc id=\"grafiek-trend-j-desc\">Van 11.680 in 2021 naar 13.986 in 2025 (+20%).</desc>");
  });

  it("are the same bytes every time, with ids derived from the chart's id", () => {
    expect(all()).toEqual(all());
    for (const svg of all()) {
      const root = /^<svg[^>]*id="([^"]+)"/.exec(svg)?.[1] ?? "";
      for (const [, id] of svg.matchAll(/\bid="([^"]+)"/g)) expect(id?.startsWith(root)).toBe(true);
    }
  });

  it("escape text, so a name cannot break out of the SVG", () => {
    const svg = lineChart({ id: "x", title: 'A <script>alert("x")</script> & B', description: "<b>d</b>", points: [{ label: "<2025>", value: 1 }] });
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; B");
    expect(svg).toContain("&lt;2025&gt;");
  });

  it("use colours that reach 3:1 against white and stay apart in greyscale", () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
    };
    for (const colour of [COLOURS.primary, COLOURS.secondary, COLOURS.tertiary]) expect(contrast(colour, COLOURS.paper)).toBeGreaterThanOrEqual(3);
    // In greyscale the two solid series differ as clearly as a mark from the background must.
    expect(contrast(COLOURS.primary, COLOURS.secondary)).toBeGreaterThanOrEqual(3);
  });
});

describe("wrap", () => {
  it("keeps a label that fits on one line", () => {
    expect(wrap("Mishandeling", 140, 11)).toEqual(["Mishandeling"]);
  });

  it("breaks after a space or a slash, and cuts a second line that is still too long", () => {
    expect(wrap("Diefstal/inbraak box/garage/schuur/tuinhuis", 140, 11)).toEqual(["Diefstal/inbraak box/", "garage/schuur/tuinhuis"]);
    const [first, second] = wrap("Een heel lange omschrijving van een soort misdrijf die niet op twee regels past", 100, 11);
    expect(textWidth(first ?? "", 11)).toBeLessThanOrEqual(100);
    expect(second?.endsWith("…")).toBe(true);
  });
});
