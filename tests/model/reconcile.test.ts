import { beforeAll, describe, expect, it } from "vitest";
import { categoryKeys } from "../../src/model/categories.ts";
import { CubeBuilder, type Cube } from "../../src/model/cube.ts";
import { formatMonth, monthOf } from "../../src/model/months.ts";
import { describeDiscrepancy, reconcile, type ReconcileInput } from "../../src/model/reconcile.ts";
import { rollup, type Rollup } from "../../src/model/rollup.ts";
import type { AreaLevel } from "../../src/reference/areas.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { miniReference } from "../helpers.ts";

let reference: Reference;
let cube: Cube;
beforeAll(async () => {
  reference = await miniReference();
  const builder = new CubeBuilder();
  builder.add("BU05890201", monthOf(2025, 1), "A20", 30); // Oudewater, woninginbraak
  builder.add("BU05890101", monthOf(2025, 2), "B70", 4); // Hekendorp, straatroof
  builder.add("BU05890201", monthOf(2025, 3), "E35", 7); // an incident (N)
  builder.add("BU03350100", monthOf(2025, 3), "F530", 5); // Montfoort, bedreiging
  builder.add("GM0589", monthOf(2025, 3), "A72", 2); // Oudewater without buurt or wijk
  builder.add("WK033501", monthOf(2025, 4), "A72", 3); // Montfoort, a wijk without buurt
  cube = builder.build();
});

const categoriesOf = (code: string): string[] => {
  const klasse = reference.classification.klasse(code);
  return klasse ? categoryKeys(klasse) : [];
};

function input(overrides: { categoriesOf?: (klasse: string) => readonly string[]; areaOf?: (area: string, level: AreaLevel) => string | undefined; gemeenten?: string[] } = {}): ReconcileInput {
  const cache = new Map<AreaLevel, Rollup>();
  const areaOf = overrides.areaOf ?? ((area: string, level: AreaLevel) => reference.areas.ancestorAt(area, level));
  return {
    cube,
    areas: reference.areas,
    counts: (level) => {
      let counts = cache.get(level);
      if (!counts) cache.set(level, (counts = rollup(cube, (area) => areaOf(area, level), overrides.categoriesOf ?? categoriesOf)));
      return counts;
    },
    categoriesOf,
    gemeenten: overrides.gemeenten ?? ["GM0335", "GM0589"],
  };
}

describe("reconcile", () => {
  it("finds nothing when every total is the sum of its parts: INP levels, wijken plus rows without wijk, basisteams and the region", () => {
    expect(reconcile(input())).toEqual([]);
  });

  it("names area, relation and month when a total differs from the sum of its INP categories (a broken classification)", () => {
    // A klasse that counts in J but in no niv1 category, as a broken INP table would make it.
    const broken = (code: string): string[] => (code === "B70" ? ["J", "J:1.4", "J:1.4.6"] : categoriesOf(code));
    const [first] = reconcile(input({ categoriesOf: broken }));
    expect(first).toMatchObject({ check: "categorie", area: "GM0589", relation: "J = Σ niv1", month: monthOf(2025, 2), total: 4, parts: 0 });
    expect(describeDiscrepancy(first!)).toBe("GM0589 · J = Σ niv1: 2025-02 totaal 4, som van de delen 0");
  });

  it("finds a niv2 category that is not the sum of its niv3 categories", () => {
    const broken = (code: string): string[] => (code === "A20" ? categoryKeys({ ...reference.classification.klasse("A20")!, niv3: "1.2.9" }) : categoriesOf(code));
    const found = reconcile(input({ categoriesOf: broken }));
    expect(found.map((item) => [item.area, item.relation, formatMonth(item.month)])).toContainEqual(["GM0589", "J:1.1 = Σ 1.1.x", "2025-01"]);
  });

  it("finds a gemeente that is not the sum of its wijken and its registrations without wijk (a broken area mapping)", () => {
    const found = reconcile(input({ areaOf: (area, level) => (level === "wijk" && area === "BU05890101" ? undefined : reference.areas.ancestorAt(area, level)) }));
    expect(found).toContainEqual({ check: "gebied", area: "GM0589", relation: "GM0589 = Σ wijken + zonder wijk", month: monthOf(2025, 2), total: 4, parts: 0 });
  });

  it("checks Σ basisteams against Σ gemeenten only when the basisteams cover exactly the gemeenten in scope", () => {
    const lost = (area: string, level: AreaLevel) => (level === "basisteam" && area === "BU03350100" ? undefined : reference.areas.ancestorAt(area, level));
    expect(reconcile(input({ areaOf: lost })).filter((item) => item.check === "regio")).toEqual([
      { check: "regio", area: "GM0335,GM0589", relation: "Σ gemeenten = Σ basisteams + zonder basisteam", month: monthOf(2025, 3), total: 14, parts: 9 },
    ]);
    // Basisteam BT9901 also covers Montfoort, so with only Oudewater in scope the region check does not apply.
    expect(reconcile(input({ areaOf: lost, gemeenten: ["GM0589"] })).filter((item) => item.check === "regio")).toEqual([]);
  });
});
