import { describe, expect, it } from "vitest";
import { CubeBuilder, cubeTotal } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import { rollup } from "../../src/model/rollup.ts";

function sample() {
  const builder = new CubeBuilder();
  builder.add("BU2", monthOf(2025, 2), "A20", 3);
  builder.add("BU1", monthOf(2025, 1), "B70", 1);
  builder.add("BU1", monthOf(2025, 1), "A20", 2);
  builder.add("BU3", monthOf(2024, 12), "A20", 1);
  return builder;
}

describe("CubeBuilder", () => {
  it("builds sorted dictionaries and cells, so equal inputs give equal cubes", () => {
    const cube = sample().build();
    expect(cube.areas).toEqual(["BU1", "BU2", "BU3"]);
    expect(cube.klassen).toEqual(["A20", "B70"]);
    expect([...cube.cellArea]).toEqual([0, 0, 1, 2]);
    expect([...cube.cellKlasse]).toEqual([0, 1, 0, 0]);
    expect([...cube.cellCount]).toEqual([2, 1, 3, 1]);
    expect(cube.firstMonth).toBe(monthOf(2024, 12));
    expect(cube.lastMonth).toBe(monthOf(2025, 2));
    expect(cubeTotal(cube)).toBe(7);
  });

  it("moves a revised registration: a negative delta empties the old cell, which disappears", () => {
    const builder = sample();
    builder.add("BU1", monthOf(2025, 1), "B70", -1);
    builder.add("BU1", monthOf(2025, 1), "F550", 1);
    const cube = builder.build();
    expect(cube.klassen).toEqual(["A20", "F550"]);
    expect(cubeTotal(cube)).toBe(7);
  });

  it("refuses a cube with a negative cell", () => {
    const builder = new CubeBuilder();
    builder.add("BU1", monthOf(2025, 1), "A20", -1);
    expect(() => builder.build()).toThrow(/negative count/);
  });
});

describe("rollup", () => {
  it("sums cells to the mapped areas and every category of a klasse", () => {
    const cube = sample().build();
    const gemeenteOf: Record<string, string> = { BU1: "GM1", BU2: "GM1", BU3: "GM2" };
    const counts = rollup(cube, (area) => gemeenteOf[area], (klasse) => (klasse === "A20" ? ["J", "J:1.1.1"] : ["J", "J:1.4.6"]));
    expect(counts.sum("GM1", "J", monthOf(2025, 1), monthOf(2025, 2))).toBe(6);
    expect(counts.sum("GM1", "J:1.1.1", monthOf(2025, 1), monthOf(2025, 1))).toBe(2);
    expect(counts.count("GM2", "J:1.1.1", monthOf(2024, 12))).toBe(1);
    expect(counts.sum("GM2", "J", monthOf(2000, 1), monthOf(2030, 1))).toBe(1);
    expect(counts.areas()).toEqual(["GM1", "GM2"]);
    expect(counts.categories("GM1")).toEqual(["J", "J:1.1.1", "J:1.4.6"]);
  });

  it("leaves out areas that map to nothing", () => {
    const counts = rollup(sample().build(), (area) => (area === "BU3" ? undefined : "X"), () => ["J"]);
    expect(counts.sum("X", "J", monthOf(2020, 1), monthOf(2030, 1))).toBe(6);
  });
});
