import { describe, expect, it } from "vitest";
import type { Coverage } from "../../../src/model/coverage.ts";
import { categoryLabel, categoryTitle, categoryWords, crimeTotalLabel, type Names } from "../../../src/reports/sections/reader-names.ts";

const NAMES: Record<string, string> = { "0.0.0": "Totaal misdrijven", "1.2.3": "Diefstal van brom-, snor-, fietsen", "1.1.1": "Diefstal/inbraak woning" };

function names(coverage: Partial<Pick<Coverage, "soorten" | "allSoorten" | "crimesOutsideSoorten">>): Names {
  return { nameOf: (code) => NAMES[code] ?? code, coverage: { soorten: [], allSoorten: false, crimesOutsideSoorten: false, ...coverage } };
}

const ALL = names({ soorten: ["1.1.1", "1.2.3"], allSoorten: true });
const ONE = names({ soorten: ["1.2.3"] });
const TWELVE = names({ soorten: Array.from({ length: 12 }, (_, i) => `1.1.${i + 1}`) });
const WITH_OTHER_CRIMES = names({ soorten: ["1.1.1", "1.2.3"], crimesOutsideSoorten: true });

describe("names of crime totals", () => {
  it("says 'alle misdrijven' only when the input holds every soort", () => {
    expect(categoryTitle("J", ALL)).toBe("Alle misdrijven");
    expect(crimeTotalLabel("J", ALL)).toBe("Totaal misdrijven");
    expect(crimeTotalLabel("soort:0.0.0", ALL)).toBe("Totaal misdrijven");
    expect(categoryWords("J", ALL)).toBe("misdrijven");
    expect(categoryLabel("J", ALL)).toBe("Misdrijven");
  });

  it("names the one soort of an open-data table instead of 'alle misdrijven'", () => {
    for (const key of ["J", "soort:0.0.0"]) {
      expect(categoryTitle(key, ONE)).toBe("Totaal van de 1 soort in de gegevens");
      expect(crimeTotalLabel(key, ONE)).toBe("Totaal van de 1 soort in de gegevens");
      expect(categoryWords(key, ONE)).toBe("misdrijven van de soort diefstal van brom-, snor-, fietsen");
      expect(categoryLabel(key, ONE)).toBe("Misdrijven van de soort diefstal van brom-, snor-, fietsen");
    }
  });

  it("counts the soorten of an input that holds some of them (the demo's 12)", () => {
    expect(categoryTitle("J", TWELVE)).toBe("Totaal van de 12 soorten in de gegevens");
    expect(crimeTotalLabel("soort:0.0.0", TWELVE)).toBe("Totaal van de 12 soorten in de gegevens");
    expect(categoryWords("J", TWELVE)).toBe("misdrijven van de 12 soorten in de gegevens");
  });

  it("does not call J a total of soorten when it also counts crimes no soort counts, nor all misdrijven", () => {
    expect(categoryTitle("J", WITH_OTHER_CRIMES)).toBe("Alle misdrijven in de gegevens");
    expect(crimeTotalLabel("J", WITH_OTHER_CRIMES)).toBe("Totaal misdrijven in de gegevens");
    expect(categoryWords("J", WITH_OTHER_CRIMES)).toBe("misdrijven in de gegevens");
    // The soort total is still the total of the soorten.
    expect(crimeTotalLabel("soort:0.0.0", WITH_OTHER_CRIMES)).toBe("Totaal van de 2 soorten in de gegevens");
  });

  it("leaves the names of other categories alone", () => {
    expect(categoryTitle("soort:1.1.1", ONE)).toBe("Diefstal/inbraak woning");
    expect(categoryWords("soort:1.1.1", ONE)).toBe("woninginbraken");
    expect(categoryTitle("N", ONE)).toBe("Incidenten en overlast");
  });
});
