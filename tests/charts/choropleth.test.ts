import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choropleth, describeChoropleth, figureOfCell, type ChoroplethSpec, type MapArea, type MapShape } from "../../src/charts/choropleth.ts";
import { mapClasses } from "../../src/charts/map-classes.ts";
import { MAP_RAMP, mapRamp } from "../../src/charts/palette.ts";
import { monthOf } from "../../src/model/months.ts";
import { GEMEENTE_GEOMETRY, loadGeometry, shapesFor } from "../../src/reference/geometry.ts";
import { expectGolden } from "./golden.ts";
import { provincieUtrecht } from "./provincie-utrecht.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const GEMEENTEN = { one: "gemeente", many: "gemeenten" };
const UNIT = "misdrijven per 1.000 inwoners";
const AMERSFOORT = "GM0307";
const OUDEWATER = "GM0589";
const WIJK_BIJ_DUURSTEDE = "GM0352";
const DE_RONDE_VENEN = "GM0736";

const utrecht = provincieUtrecht(2024);

async function provinceMap(change: (areas: MapArea[]) => MapArea[] = (areas) => areas, extra: Partial<ChoroplethSpec> = {}) {
  const { areas, shapes } = await utrecht;
  return choropleth({
    id: "kaart-provincie",
    title: "Misdrijven van 12 soorten per 1.000 inwoners, provincie Utrecht, 2024*",
    areas: change(areas),
    shapes,
    highlight: AMERSFOORT,
    unit: UNIT,
    noun: GEMEENTEN,
    ...extra,
  });
}

const withFigure = (codes: readonly string[], figure: MapArea["figure"]) => (areas: MapArea[]) => areas.map((area) => (codes.includes(area.code) ? { ...area, figure } : area));

/** The paths' coordinates: d3-geo draws areas with M, L and Z only. */
function coordinates(svg: string): [number, number][] {
  const points: [number, number][] = [];
  for (const [, d] of svg.matchAll(/<path d="([^"]*)"/g)) {
    const numbers = (d ?? "").match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
    for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i] as number, numbers[i + 1] as number]);
  }
  return points;
}

function viewBox(svg: string): { width: number; height: number } {
  const [, , width, height] = (/viewBox="([^"]+)"/.exec(svg)?.[1] ?? "").split(" ").map(Number);
  return { width: width ?? 0, height: height ?? 0 };
}

/** The fill of the area whose tooltip starts with `name:`. */
function fillOf(svg: string, name: string): string | undefined {
  return new RegExp(`<path d="[^"]*" fill="([^"]+)"[^>]*><title>${name}:`).exec(svg)?.[1];
}

describe("choropleth of the gemeenten of provincie Utrecht (real figures, golden SVG)", () => {
  it("colours the 26 gemeenten by class, outlines the own gemeente, and stays small", async () => {
    const map = await provinceMap();
    expect(map.svg.match(/<title>[^<]+: [\d.,]+<\/title>/g)).toHaveLength(26);
    expect(map.classes.map((item) => item.label)).toEqual(["minder dan 8", "8 tot 11", "11 tot 12", "12 tot 15", "15 of meer"]);
    // Utrecht (33,1) is in the darkest class, Montfoort (6,5) in the lightest.
    expect(fillOf(map.svg, "Utrecht")).toBe(MAP_RAMP[4]);
    expect(fillOf(map.svg, "Montfoort")).toBe(MAP_RAMP[0]);
    expect(map.svg).toContain(">Amersfoort</text>"); // the outline's legend entry
    expect(map.svg).not.toContain("geheim (x)");
    expect(map.svg).not.toContain("ontbreekt (.)");
    // A provincie's map is a few kB, not hundreds: rounded coordinates, borders set once.
    expect(map.svg.length).toBeLessThan(16_000);
    await expectGolden("choropleth-provincie.svg", map.svg);
  });

  it("states the finding: the highest and the lowest figure and the own gemeente's", async () => {
    const map = await provinceMap();
    expect(map.description).toBe("Het hoogst was het cijfer in Utrecht (33,1 misdrijven per 1.000 inwoners), het laagst in Montfoort (6,5). In Amersfoort was het 19,8.");
    expect(map.svg).toContain(`<desc id="kaart-provincie-desc">${map.description}</desc>`);
    expect(map.svg).toContain('<title id="kaart-provincie-title">Misdrijven van 12 soorten per 1.000 inwoners, provincie Utrecht, 2024*</title>');
  });

  it("gives its numbers as a table, one row per gemeente in alphabetical order, with the classes in a note", async () => {
    const { areas } = await utrecht;
    const { table } = await provinceMap();
    expect(table).toMatchObject({ id: "kaart-provincie", rowHeading: "Gemeente", columns: [{ id: "waarde", label: UNIT, kind: "rate" }] });
    expect(table.rows).toHaveLength(26);
    expect(table.rows.slice(0, 3).map((row) => row.label)).toEqual(["Amersfoort", "Baarn", "Bunnik"]);
    expect(table.rows.at(-1)?.label).toBe("Zeist");
    const utrechtRow = table.rows.find((row) => row.id === "GM0344");
    expect(utrechtRow?.cells[0]?.value).toBe(areas.find((area) => area.code === "GM0344")?.figure);
    expect(table.notes).toEqual([`Klassen op de kaart (${UNIT}): minder dan 8; 8 tot 11; 11 tot 12; 12 tot 15; 15 of meer.`]);
  });

  it("draws only the areas asked for, fitted to them: every point inside the viewBox, the extremes at its margins", async () => {
    const map = await provinceMap();
    const { width, height } = viewBox(map.svg);
    const points = coordinates(map.svg);
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(width);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(height);
    // Fitted: the provincie spans the width between the margins and reaches the bottom margin.
    expect(Math.min(...xs)).toBeCloseTo(4, 0);
    expect(Math.max(...xs)).toBeCloseTo(width - 4, 0);
    expect(height - 4 - Math.max(...ys)).toBeGreaterThanOrEqual(0);
    expect(height - 4 - Math.max(...ys)).toBeLessThan(1.5); // the height is rounded up to whole units
    // More shapes than areas: the others are not drawn.
    const geometry = await loadGeometry(path.join(ROOT, "data", "reference", GEMEENTE_GEOMETRY));
    const all = await provinceMap(undefined, { shapes: geometry.shapes });
    expect(all.svg).toBe(map.svg);
  });

  it("fits a tall provincie and the whole country inside the viewBox too, the country in about 110 kB", async () => {
    const geometry = await loadGeometry(path.join(ROOT, "data", "reference", GEMEENTE_GEOMETRY));
    const codes = [...geometry.shapes.keys()];
    const areas = codes.map((code, i): MapArea => ({ code, name: code, figure: (i * 37) % 23 }));
    const country = choropleth({ id: "kaart-nl", title: "Nederland", areas, shapes: geometry.shapes, unit: UNIT });
    const { width, height } = viewBox(country.svg);
    for (const [x, y] of coordinates(country.svg)) {
      expect(x >= 0 && x <= width && y >= 0 && y <= height).toBe(true);
    }
    expect(country.svg.length).toBeLessThan(130_000);
    // A narrow shape is not drawn taller than 1,2 × the width: Noord-Holland's 44 gemeenten.
    const provincies = parse(await readFile(path.join(ROOT, "data", "reference", "gemeente-provincie.csv"), "utf8"), { columns: true }) as { gemeentecode: string; provincie: string }[];
    const noordHolland = provincies.filter((row) => row.provincie === "Noord-Holland").map((row) => row.gemeentecode);
    expect(noordHolland).toHaveLength(44);
    const tall = choropleth({ id: "kaart-nh", title: "Noord-Holland", areas: areas.filter((area) => noordHolland.includes(area.code)), shapes: geometry.shapes, unit: UNIT });
    const box = viewBox(tall.svg);
    const ys = coordinates(tall.svg).map(([, y]) => y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(1.2 * 360 + 0.1);
    for (const [x, y] of coordinates(tall.svg)) expect(x >= 0 && x <= box.width && y >= 0 && y <= box.height).toBe(true);
  });
});

describe("hidden figures on a map", () => {
  const hidden = [OUDEWATER, WIJK_BIJ_DUURSTEDE];

  it("draws a hidden figure hatched and as 'geheim (x)' in the legend, with the classes of the shown figures only", async () => {
    const map = await provinceMap(withFigure(hidden, "geheim"));
    expect(fillOf(map.svg, "Oudewater")).toBe("url(#kaart-provincie-hatch)");
    expect(fillOf(map.svg, "Wijk bij Duurstede")).toBe("url(#kaart-provincie-hatch)");
    expect(map.svg).toContain("<title>Oudewater: geheim</title>");
    expect(map.svg).toContain(">geheim (x)</text>");
    const { areas } = await utrecht;
    const shown = areas.filter((area) => !hidden.includes(area.code)).map((area) => Number((area.figure as number).toFixed(1)));
    expect(map.classes).toEqual(mapClasses(shown, 5).classes);
    const row = map.table.rows.find((item) => item.id === OUDEWATER);
    expect(row?.cells[0]).toEqual({ value: null, symbol: "x", note: "geheim: niet getoond om herleidbaarheid te voorkomen" });
    expect(map.description).toBe(
      "Het hoogst was het cijfer in Utrecht (33,1 misdrijven per 1.000 inwoners), het laagst in Montfoort (6,5). In Amersfoort was het 19,8. Van 2 gemeenten is het cijfer geheim.",
    );
    await expectGolden("choropleth-geheim.svg", map.svg);
  });

  it("gives the same bytes whatever the hidden value was: a cell marked x is never coloured, classed or described by its value", async () => {
    const { areas } = await utrecht;
    const fromCells = (value: number | null) =>
      provinceMap((list) => list.map((area) => (hidden.includes(area.code) ? { ...area, figure: figureOfCell({ value, symbol: "x" }) } : area)));
    const reference = (await fromCells(null)).svg;
    // The real figures, none at all, and extremes that would move the class breaks if they counted.
    for (const value of [areas.find((area) => area.code === OUDEWATER)?.figure as number, 0, 1e6, -5]) expect((await fromCells(value)).svg).toBe(reference);
    await fc.assert(
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (value) => {
        expect((await fromCells(value)).svg).toBe(reference);
      }),
      { numRuns: 25 },
    );
  });

  it("says when the own area's figure is hidden, without its value", async () => {
    const map = await provinceMap(withFigure([AMERSFOORT], "geheim"));
    expect(map.description).toBe("Het hoogst was het cijfer in Utrecht (33,1 misdrijven per 1.000 inwoners), het laagst in Montfoort (6,5). Het cijfer van Amersfoort is geheim. Van 1 gemeente is het cijfer geheim.");
    expect(map.svg).not.toContain("19,8");
    expect(fillOf(map.svg, "Amersfoort")).toBe("url(#kaart-provincie-hatch)");
  });
});

describe("missing figures on a map", () => {
  it("draws an area without a figure dotted and as 'ontbreekt (.)', apart from a hidden one", async () => {
    const map = await provinceMap((areas) => withFigure([DE_RONDE_VENEN], "ontbreekt")(withFigure([OUDEWATER], "geheim")(areas)));
    expect(fillOf(map.svg, "De Ronde Venen")).toBe("url(#kaart-provincie-dots)");
    expect(fillOf(map.svg, "Oudewater")).toBe("url(#kaart-provincie-hatch)");
    expect(map.svg).toContain(">ontbreekt (.)</text>");
    expect(map.svg).toContain(">geheim (x)</text>");
    expect(map.svg).toContain('<pattern id="kaart-provincie-dots"');
    expect(map.table.rows.find((row) => row.id === DE_RONDE_VENEN)?.cells[0]).toEqual({ value: null, symbol: ".", note: "ontbreekt" });
    expect(map.description).toMatch(/Van 1 gemeente is het cijfer geheim, van 1 gemeente ontbreekt het\.$/);
    await expectGolden("choropleth-ontbreekt.svg", map.svg);
  });

  it("reads a table cell after disclosure control: x is geheim whatever it holds, no value or another symbol ontbreekt", () => {
    expect(figureOfCell({ value: 12.5 })).toBe(12.5);
    expect(figureOfCell({ value: 0 })).toBe(0);
    expect(figureOfCell({ value: 12.5, symbol: "x" })).toBe("geheim");
    expect(figureOfCell({ value: null, symbol: "x" })).toBe("geheim");
    expect(figureOfCell({ value: null })).toBe("ontbreekt");
    expect(figureOfCell({ value: null, symbol: "." })).toBe("ontbreekt");
    expect(figureOfCell({ value: null, symbol: "–" })).toBe("ontbreekt");
  });
});

describe("wijk map from a fixture geometry (hand-made shapes)", () => {
  const wijken = async () => {
    const geometry = await loadGeometry(path.join(ROOT, "tests", "fixtures", "geo", "wijken.geojson"));
    const codes = ["WK058901", "WK058902", "WK058903", "WK058904"];
    return { geometry, codes, shapes: shapesFor(geometry, codes) as Map<string, MapShape> };
  };

  it("draws the wijken of a gemeente with the same component", async () => {
    const { shapes } = await wijken();
    const map = choropleth({
      id: "kaart-wijken",
      title: "Woninginbraken per 1.000 inwoners in de wijken van Oudewater, 2024",
      areas: [
        { code: "WK058901", name: "Oudewater-Centrum", figure: 4.25 },
        { code: "WK058902", name: "Oudewater-Noord", figure: 2.1 },
        { code: "WK058903", name: "Hekendorp", figure: "geheim" },
        { code: "WK058904", name: "Papekop", figure: 0.8 },
      ],
      shapes,
      highlight: "WK058902",
      unit: "woninginbraken per 1.000 inwoners",
      noun: { one: "wijk", many: "wijken" },
    });
    expect(map.svg.match(/<title>[^<]+<\/title>/g)).toHaveLength(4); // one tooltip per wijk
    expect(map.classes.map((item) => item.label)).toEqual(["minder dan 2", "2 tot 3", "3 of meer"]);
    expect(fillOf(map.svg, "Oudewater-Centrum")).toBe(mapRamp(3)[2]);
    expect(fillOf(map.svg, "Hekendorp")).toBe("url(#kaart-wijken-hatch)");
    // The hole in the first wijk and the second wijk's island are kept; a hole is drawn as one
    // whatever the winding of its ring.
    expect(map.svg).toContain('fill-rule="evenodd"');
    expect(/<path d="([^"]*)" fill="[^"]+"[^>]*><title>Oudewater-Centrum/.exec(map.svg)?.[1]?.match(/M/g)).toHaveLength(2);
    expect(/<path d="([^"]*)" fill="[^"]+"[^>]*><title>Oudewater-Noord/.exec(map.svg)?.[1]?.match(/M/g)).toHaveLength(2);
    // North is up (RD New's y grows northward; the map flips it): wijk 01 lies north of wijk 03.
    const ysOf = (name: string) => coordinates(new RegExp(`<path d="[^"]*"[^>]*><title>${name}:`).exec(map.svg)?.[0] ?? "").map(([, y]) => y);
    expect(Math.max(...ysOf("Oudewater-Centrum"))).toBeLessThanOrEqual(Math.min(...ysOf("Hekendorp")));
    expect(map.description).toBe("Het hoogst was het cijfer in Oudewater-Centrum (4,3 woninginbraken per 1.000 inwoners), het laagst in Papekop (0,8). In Oudewater-Noord was het 2,1. Van 1 wijk is het cijfer geheim.");
    expect(map.table.rowHeading).toBe("Wijk");
    const { width, height } = viewBox(map.svg);
    for (const [x, y] of coordinates(map.svg)) expect(x >= 0 && x <= width && y >= 0 && y <= height).toBe(true);
    await expectGolden("choropleth-wijken.svg", map.svg);
  });

  it("is left out when the geometry does not cover the areas: buurten against a wijk file", async () => {
    const { geometry } = await wijken();
    expect(shapesFor(geometry, ["BU05890101", "BU05890102"])).toBeUndefined();
    expect(shapesFor(geometry, ["WK058901", "WK058905"])).toBeUndefined(); // WK058905 is only a point
  });
});

describe("choropleth contract", () => {
  it("is the same bytes every time, every id derived from the chart's id, an image named by title and description", async () => {
    const first = (await provinceMap(withFigure([OUDEWATER], "geheim"))).svg;
    expect((await provinceMap(withFigure([OUDEWATER], "geheim"))).svg).toBe(first);
    // The order the areas come in does not matter.
    expect((await provinceMap((areas) => withFigure([OUDEWATER], "geheim")([...areas].reverse()))).svg).toBe(first);
    for (const [, id] of first.matchAll(/\bid="([^"]+)"/g)) expect(id?.startsWith("kaart-provincie")).toBe(true);
    const root = /^<svg[^>]*>/.exec(first)?.[0] ?? "";
    expect(root).toContain('role="img"');
    expect(root).toContain('aria-labelledby="kaart-provincie-title kaart-provincie-desc"');
    for (const [, d] of first.matchAll(/ d="([^"]*)"/g)) expect(d).not.toMatch(/\.\d\d/); // coordinates rounded to one decimal
  });

  it("carries a description given by the caller instead of its own", async () => {
    const map = await provinceMap(undefined, { description: "Utrecht telde de meeste misdrijven per inwoner." });
    expect(map.description).toBe("Utrecht telde de meeste misdrijven per inwoner.");
    expect(map.svg).toContain('<desc id="kaart-provincie-desc">Utrecht telde de meeste misdrijven per inwoner.</desc>');
  });

  it("escapes names and refuses an area without a shape or given twice", async () => {
    const { shapes } = await utrecht;
    const area = { code: AMERSFOORT, name: "<b>Amersfoort</b> & co", figure: 1 };
    const svg = choropleth({ id: "k", title: "t", areas: [area], shapes, unit: "u" }).svg;
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;Amersfoort&lt;/b&gt; &amp; co: 1,0");
    expect(() => choropleth({ id: "k", title: "t", areas: [{ ...area, code: "GM9999" }], shapes, unit: "u" })).toThrow(/no shape for area GM9999/);
    expect(() => choropleth({ id: "k", title: "t", areas: [area, area], shapes, unit: "u" })).toThrow(/given twice/);
    expect(() => choropleth({ id: "k", title: "t", areas: [], shapes, unit: "u" })).toThrow(/no areas/);
  });

  it("carries the sources and marks of a figure onto its table cell, for disclosure control", async () => {
    const { shapes } = await utrecht;
    const sources = [{ area: AMERSFOORT, category: "soort:1.1.1", first: monthOf(2024, 1), last: monthOf(2024, 12) }];
    const map = choropleth({ id: "k", title: "t", areas: [{ code: AMERSFOORT, name: "Amersfoort", figure: 1.5, sources, flags: ["voorlopig"] }], shapes, unit: "u" });
    expect(map.table.rows[0]?.cells[0]).toEqual({ value: 1.5, sources, flags: ["voorlopig"] });
  });
});

describe("describeChoropleth", () => {
  const area = (name: string, figure: MapArea["figure"]): MapArea => ({ code: name, name, figure });

  it("names every area that shares the highest or lowest figure as shown", () => {
    expect(describeChoropleth({ areas: [area("B", 2.04), area("A", 2.01), area("C", 1), area("D", 1.04)], unit: "per 1.000", noun: GEMEENTEN })).toBe(
      "Het hoogst was het cijfer in A en B (2,0 per 1.000), het laagst in C en D (1,0).",
    );
  });

  it("says so when all figures are equal, or none can be shown", () => {
    expect(describeChoropleth({ areas: [area("A", 3), area("B", 3)], unit: "misdrijven", decimals: 0, noun: GEMEENTEN })).toBe("In alle 2 gemeenten met een cijfer was het 3 misdrijven.");
    expect(describeChoropleth({ areas: [area("A", 3), area("B", "geheim")], unit: "misdrijven", decimals: 0, noun: GEMEENTEN })).toBe("In A was het 3 misdrijven. Van 1 gemeente is het cijfer geheim.");
    expect(describeChoropleth({ areas: [area("A", "geheim"), area("B", "ontbreekt")], unit: "misdrijven", noun: GEMEENTEN, highlight: "B" })).toBe(
      "Van geen gemeente is een cijfer te tonen. Het cijfer van B ontbreekt. Van 1 gemeente is het cijfer geheim, van 1 gemeente ontbreekt het.",
    );
  });

  it("shortens a long list of tied areas", () => {
    const tied = ["E", "D", "C", "B", "A"].map((name) => area(name, 5));
    expect(describeChoropleth({ areas: [...tied, area("F", 1)], unit: "x", decimals: 0 })).toBe("Het hoogst was het cijfer in A, B, C en 2 andere (5 x), het laagst in F (1).");
  });
});

describe("map colours", () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };

  it("run from light to the dark blue in steps that stay apart in greyscale", () => {
    const levels = MAP_RAMP.map(luminance);
    expect(MAP_RAMP[4]).toBe("#12355b");
    for (let i = 1; i < levels.length; i++) {
      const contrast = ((levels[i - 1] as number) + 0.05) / ((levels[i] as number) + 0.05);
      expect(contrast).toBeGreaterThanOrEqual(1.5);
    }
  });

  it("take the steps furthest apart for fewer classes, the highest always the darkest", () => {
    for (let n = 1; n <= 5; n++) expect(mapRamp(n)).toHaveLength(n);
    for (let n = 2; n <= 5; n++) expect(mapRamp(n).at(-1)).toBe(MAP_RAMP[4]);
    expect(mapRamp(3)).toEqual([MAP_RAMP[0], MAP_RAMP[2], MAP_RAMP[4]]);
    expect(() => mapRamp(6)).toThrow(RangeError);
  });
});
