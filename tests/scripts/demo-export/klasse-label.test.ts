import { describe, expect, it } from "vitest";
import { klasseLabel, readableKlasseNaam } from "../../../scripts/demo-export/klasse-label.ts";

describe("readableKlasseNaam", () => {
  it("writes INP names in sentence case, keeping roman numerals", () => {
    expect(readableKlasseNaam("DIEFSTAL FIETS")).toBe("Diefstal fiets");
    expect(readableKlasseNaam("GEKWAL. DIEFSTAL IN/UIT WONING")).toBe("Gekwal. diefstal in/uit woning");
    expect(readableKlasseNaam("BEZIT HARDDRUGS (LIJST I)")).toBe("Bezit harddrugs (lijst I)");
  });
});

describe("klasseLabel", () => {
  it("writes the three forms real exports use", () => {
    expect(klasseLabel("A72", "DIEFSTAL FIETS", "readable")).toBe("A72 Diefstal fiets");
    expect(klasseLabel("A72", "DIEFSTAL FIETS", "upper")).toBe("A72 DIEFSTAL FIETS");
    expect(klasseLabel("A72", "DIEFSTAL FIETS", "code")).toBe("A72");
  });
});
