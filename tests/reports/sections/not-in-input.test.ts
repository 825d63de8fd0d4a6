import { describe, expect, it } from "vitest";
import type { Coverage } from "../../../src/model/coverage.ts";
import { normalizeDefinition, type SectionSpec } from "../../../src/reports/definition.ts";
import { categoryInInput, notInInput } from "../../../src/reports/sections/not-in-input.ts";
import type { Names } from "../../../src/reports/sections/reader-names.ts";

const soortInput: Coverage = { granularity: "year", soorten: ["1.2.3"], allSoorten: false, klassen: false, incidenten: false, crimesOutsideSoorten: false };
const bvh: Coverage = { granularity: "month", soorten: ["1.1.1", "1.2.3"], allSoorten: false, klassen: true, incidenten: true, crimesOutsideSoorten: true };
const names = (coverage: Coverage): Names => ({ nameOf: (code) => (code === "2" ? "Leefbaarheid" : code), coverage });

function section(spec: Record<string, unknown>): SectionSpec {
  const definition = normalizeDefinition({ kind: "t", title: "T", description: "T.", audience: "gezag", areaLevels: ["gemeente"], period: "year", sections: [{ id: "s", title: "S", ...spec }] }, "t.json");
  return definition.sections[0] as SectionSpec;
}

describe("categoryInInput", () => {
  it("holds in soort-level input only the soorten it has and the INP nodes above them", () => {
    expect(["J", "soort:0.0.0", "J:1", "J:1.2", "J:1.2.3", "soort:1.2.3"].every((key) => categoryInInput(key, soortInput))).toBe(true);
    expect(["J:2", "J:1.1", "soort:1.1.1", "N", "N:1", "klasse:A20"].some((key) => categoryInInput(key, soortInput))).toBe(false);
  });

  it("holds everything in klasse-level input with incidenten: a category without registrations there counts 0", () => {
    expect(["J:2", "soort:3.1.1", "N", "klasse:A20"].every((key) => categoryInInput(key, bvh))).toBe(true);
    expect(categoryInInput("N", { ...bvh, incidenten: false })).toBe(false);
  });
});

describe("notInInput", () => {
  it("says the incidenten part of the tabellenboek is not in an input of crimes by soort", () => {
    const spec = section({ type: "category-table", part: "N", depth: 3, columns: ["current"] });
    expect(notInInput(spec, soortInput, names(soortInput))?.text).toBe("Incidenten en overlast staan niet in deze gegevens (alleen misdrijven per soort); ze zijn hier niet te tonen.");
    expect(notInInput(spec, bvh, names(bvh))).toBeUndefined();
  });

  it("says months are not in yearly or quarterly input where a section asks for them", () => {
    const months = section({ type: "category-table", part: "J", depth: 1, columns: ["months", "current"] });
    expect(notInInput(months, { ...bvh, granularity: "quarter" }, names(bvh))?.text).toBe("Deze gegevens hebben alleen kwartaalcijfers; per maand is niet te tonen.");
    expect(notInInput(section({ type: "seasonality" }), soortInput, names(soortInput))?.log).toBe("the exports hold yearly figures only: no months");
    expect(notInInput(section({ type: "category-table", part: "J", depth: 1, columns: ["current"] }), soortInput, names(soortInput))).toBeUndefined();
  });

  it("says klasse detail and INP parts without a soort of the input are not there", () => {
    const klasse = section({ type: "area-table", childLevel: "wijk", category: "klasse:A20", columns: ["current"] });
    expect(notInInput(klasse, { ...soortInput, granularity: "month" }, names(soortInput))?.text).toBe("Deze gegevens bevatten geen maatschappelijke klassen, alleen soorten misdrijf; per klasse is niet te tonen.");
    const leefbaarheid = section({ type: "area-table", childLevel: "wijk", category: "J:2", columns: ["current"] });
    expect(notInInput(leefbaarheid, { ...soortInput, granularity: "month" }, names(soortInput))?.text).toBe("2 Leefbaarheid staat niet in deze gegevens.");
  });
});
