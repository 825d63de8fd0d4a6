import { describe, expect, it } from "vitest";
import { loadReference, referenceFiles } from "../../src/reference/load-reference.ts";
import { miniReference, testConfig } from "../helpers.ts";

describe("reference", () => {
  it("rolls buurten up to wijk, gemeente and the police areas of the mapping", async () => {
    const { areas } = await miniReference();
    expect(areas.ancestorAt("BU05890201", "wijk")).toBe("WK058902");
    expect(areas.ancestorAt("BU05890201", "gemeente")).toBe("GM0589");
    expect(areas.ancestorAt("BU05890201", "basisteam")).toBe("BT9901");
    expect(areas.ancestorAt("BU05890201", "eenheid")).toBe("RE03");
  });

  it("puts a gemeente inside a basisteam only when all its buurten are", async () => {
    const { areas } = await miniReference();
    expect(areas.ancestorAt("GM0589", "basisteam")).toBe("BT9901");
    expect(areas.ancestorAt("GM0344", "basisteam")).toBeUndefined();
    expect(areas.childrenOf("GM0589")).toEqual(["WK058901", "WK058902", "WK058903", "WK058904"]);
  });

  it("classifies klassen into INP and CBS soort misdrijf", async () => {
    const { classification } = await miniReference();
    expect(classification.klasse("B70")).toMatchObject({ niv1: "1", niv2: "1.4", niv3: "1.4.6", misdrijf: "J", soort: "1.4.6", naam: "Straatroof" });
    expect(classification.klasse("E10")).toMatchObject({ niv3: "1.4.5", misdrijf: "N" });
    expect(classification.klasse("F90")).toMatchObject({ niv3: "3.7.4", misdrijf: "J" });
    expect(classification.klasse("1.2.3")).toMatchObject({ niv3: "1.2.3", soort: "1.2.3" });
    expect(classification.nameOf("1.1")).toBe("Huis");
  });

  it("gives inhabitants per year, the nearest year marked as estimated, and police areas as sums", async () => {
    const { population } = await miniReference();
    expect(population.of("GM0589", 2024)).toMatchObject({ jaar: 2024, geschat: false });
    expect(population.of("GM0589", 2030)).toMatchObject({ jaar: 2025, geschat: true });
    const team = population.of("BT9901", 2025);
    const sum = (population.of("GM0589", 2025)?.inwoners ?? 0) + (population.of("GM0335", 2025)?.inwoners ?? 0);
    expect(team).toEqual({ inwoners: sum, jaar: 2025, geschat: false });
  });

  it("lists the files it reads before reading them, in the same order, with or without the code list of modi operandi", async () => {
    // A build hashes these to tell whether anything changed, before it parses any (src/pipeline/stages/read-inputs.ts).
    const withMo = testConfig({ paths: { reference: "data/reference" } });
    expect(await referenceFiles(withMo)).toEqual((await loadReference(withMo)).files);
    expect((await referenceFiles(withMo)).some((file) => file.endsWith(withMo.reference.modusOperandi))).toBe(true);
    const withoutMo = testConfig({ paths: { reference: "data/reference" }, reference: { modusOperandi: "geen-mo-codes.csv" } });
    expect(await referenceFiles(withoutMo)).toEqual((await loadReference(withoutMo)).files);
    expect(await referenceFiles(withoutMo)).toHaveLength((await referenceFiles(withMo)).length - 1);
  });
});
