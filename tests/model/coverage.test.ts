import { beforeAll, describe, expect, it } from "vitest";
import { coverageOf } from "../../src/model/coverage.ts";
import { CubeBuilder } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { realReference } from "../helpers.ts";

let reference: Reference;
beforeAll(async () => {
  reference = await realReference();
});

describe("coverageOf", () => {
  it("tells crimes that no soort counts (a traffic crime F8xx) apart from crimes of a soort", () => {
    const builder = new CubeBuilder();
    builder.add("BU03440101", monthOf(2025, 1), "A20", 3);
    expect(coverageOf(builder.build(), reference.classification).crimesOutsideSoorten).toBe(false);
    builder.add("BU03440101", monthOf(2025, 1), "F800", 1);
    const coverage = coverageOf(builder.build(), reference.classification);
    expect(coverage).toMatchObject({ soorten: ["1.1.1"], allSoorten: false, klassen: true, incidenten: false, crimesOutsideSoorten: true });
  });

  it("reads soort-level input as soorten without klassen, incidenten or other crimes", () => {
    const builder = new CubeBuilder();
    builder.add("GM0363", monthOf(2024, 1), "1.2.3", 11987);
    builder.noteSoort("1.2.3");
    builder.noteGranularity("year");
    expect(coverageOf(builder.build(), reference.classification)).toEqual({ granularity: "year", soorten: ["1.2.3"], allSoorten: false, klassen: false, incidenten: false, crimesOutsideSoorten: false });
  });
});
