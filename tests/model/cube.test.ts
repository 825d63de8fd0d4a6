import { describe, expect, it } from "vitest";
import { CubeBuilder, cubeTotal } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import { LazyRollup, rollup } from "../../src/model/rollup.ts";

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

  it("keeps every month of a row however far apart they come, and a snapshot is not changed by later counts", () => {
    const builder = new CubeBuilder();
    // A row first seen in 2025, then decades earlier and later (its run of months moves and grows),
    // across many rows so that runs fill more than one chunk of the arena.
    const months = [monthOf(2025, 6), monthOf(1990, 1), monthOf(2100, 12), monthOf(2025, 7), monthOf(1901, 1)];
    for (let area = 0; area < 3000; area++) for (const month of months) builder.add(`BU${area}`, month, "A20", 1 + (area % 3));
    const snapshot = builder.build();
    builder.add("BU0", monthOf(2025, 6), "A20", 5);
    expect(snapshot.cellCount.length).toBe(3000 * months.length);
    expect(cubeTotal(snapshot)).toBe(months.length * (1000 * 1 + 1000 * 2 + 1000 * 3));
    expect(snapshot.firstMonth).toBe(monthOf(1901, 1));
    expect(snapshot.lastMonth).toBe(monthOf(2100, 12));
    const bu0 = [...snapshot.cellMonth].filter((_, i) => snapshot.areas[snapshot.cellArea[i] ?? -1] === "BU0");
    expect(bu0).toEqual([...months].sort((a, b) => a - b));
    expect(builder.countAt(builder.key("BU0", monthOf(2025, 6), "A20"))).toBe(6);
    expect(builder.countAt(builder.key("BU0", monthOf(2025, 8), "A20"))).toBe(0);
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

  it("summed one category at a time (LazyRollup) gives what the full roll-up gives", () => {
    const cube = sample().build();
    const gemeenteOf: Record<string, string> = { BU1: "GM1", BU2: "GM1", BU3: "GM2" };
    const categoriesOf = (klasse: string) => (klasse === "A20" ? ["J", "J:1.1.1"] : ["J", "J:1.4.6"]);
    const full = rollup(cube, (area) => gemeenteOf[area], categoriesOf);
    const lazy = new LazyRollup(cube, (area) => gemeenteOf[area], categoriesOf);
    for (const area of ["GM1", "GM2", "GM3"]) {
      for (const category of ["J", "J:1.1.1", "J:1.4.6", "N"]) {
        expect([...(lazy.series(area, category) ?? [])], `${area} ${category}`).toEqual([...(full.series(area, category) ?? [])]);
        expect(lazy.sum(area, category, monthOf(2024, 1), monthOf(2025, 12))).toBe(full.sum(area, category, monthOf(2024, 1), monthOf(2025, 12)));
      }
    }
    expect(lazy.categories("GM1")).toEqual(full.categories("GM1"));
    expect(lazy.areas()).toEqual(full.areas());
    expect(lazy.count("GM1", "J", monthOf(2025, 2))).toBe(3);
  });

  it("leaves out areas that map to nothing", () => {
    const counts = rollup(sample().build(), (area) => (area === "BU3" ? undefined : "X"), () => ["J"]);
    expect(counts.sum("X", "J", monthOf(2020, 1), monthOf(2030, 1))).toBe(6);
  });
});
