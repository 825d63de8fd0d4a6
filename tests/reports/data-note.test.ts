import { describe, expect, it } from "vitest";
import type { Coverage } from "../../src/model/coverage.ts";
import { dataNote } from "../../src/reports/data-note.ts";

const names = { nameOf: (code: string) => (code === "1.2.3" ? "Diefstal van brom-, snor-, fietsen" : code), knownSoorten: Array.from({ length: 58 }, (_, i) => `9.9.${i}`) };
const everything: Omit<Coverage, "crimesOutsideSoorten"> = { granularity: "month", soorten: names.knownSoorten, allSoorten: true, klassen: true, incidenten: true };

describe("dataNote", () => {
  it("says nothing when the data hold every soort, klassen, incidenten and months", () => {
    expect(dataNote(everything, names)).toBeUndefined();
  });

  it("says how many soorten the demo export holds", () => {
    expect(dataNote({ ...everything, soorten: names.knownSoorten.slice(0, 12), allSoorten: false }, names)).toBe("Deze gegevens bevatten 12 van de 58 soorten misdrijf. Totalen tellen alleen deze soorten.");
  });

  it("names the one soort of an open-data table and what it lacks", () => {
    expect(dataNote({ granularity: "year", soorten: ["1.2.3"], allSoorten: false, klassen: false, incidenten: false }, names)).toBe(
      "Deze gegevens bevatten 1 soort misdrijf (1.2.3 Diefstal van brom-, snor-, fietsen), geen maatschappelijke klassen, geen incidenten en overlast en alleen jaarcijfers, geen maanden. Totalen tellen alleen deze soorten.",
    );
    expect(dataNote({ ...everything, granularity: "quarter" }, names)).toBe("Deze gegevens bevatten alleen kwartaalcijfers, geen maanden.");
  });
});
