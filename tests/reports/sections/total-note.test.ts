import { describe, expect, it } from "vitest";
import { totalNote } from "../../../src/reports/sections/total-note.ts";
import type { Names } from "../../../src/reports/sections/reader-names.ts";

const NAMES: Record<string, string> = { "1.1.1": "Diefstal/inbraak woning", "1.1.2": "Diefstal/inbraak box/garage/schuur/tuinhuis", "1.4.2": "Moord, doodslag", "1.2.3": "Diefstal van brom-, snor-, fietsen" };
const names = (soorten: string[], crimesOutsideSoorten = false): Names => ({ nameOf: (code) => NAMES[code] ?? code, coverage: { soorten, allSoorten: false, crimesOutsideSoorten } });

describe("totalNote", () => {
  it("names the soorten the total counts that have no row of their own", () => {
    expect(totalNote(["soort:0.0.0", "soort:1.1.1", "soort:1.2.3"], names(["1.1.1", "1.1.2", "1.2.3", "1.4.2"]))).toBe(
      "Het totaal omvat ook 2 soorten die hier niet apart staan (diefstal/inbraak box/garage/schuur/tuinhuis; moord, doodslag).",
    );
    expect(totalNote(["soort:0.0.0", "soort:1.1.1"], names(["1.1.1", "1.2.3"]))).toBe("Het totaal omvat ook 1 soort die hier niet apart staat (diefstal van brom-, snor-, fietsen).");
  });

  it("says that all misdrijven (J) also count crimes that no soort counts", () => {
    expect(totalNote(["J", "soort:1.1.1"], names(["1.1.1"], true))).toBe("Het totaal omvat ook misdrijven die onder geen soort vallen.");
  });

  it("says nothing when the rows add up to the total, or when there is no total or no row beside it", () => {
    expect(totalNote(["soort:0.0.0", "soort:1.1.1", "soort:1.2.3"], names(["1.1.1", "1.2.3"]))).toBeUndefined();
    expect(totalNote(["soort:1.1.1"], names(["1.1.1", "1.2.3"]))).toBeUndefined();
    expect(totalNote(["soort:0.0.0"], names(["1.1.1", "1.2.3"]))).toBeUndefined();
  });
});
