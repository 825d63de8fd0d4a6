import { describe, expect, it } from "vitest";
import { parseKlasseCode } from "../../src/ingest/parse-klasse.ts";

describe("parseKlasseCode", () => {
  it.each([
    ["B70", "B70"],
    ["B70 Straatroof", "B70"],
    ["  b70 straatroof", "B70"],
    ["B70-Straatroof", "B70"],
    ["F5293 Mensenhandel", "F5293"],
    ["1.2.3", "1.2.3"],
  ])("takes the code from %j", (value, code) => {
    expect(parseKlasseCode(value)).toBe(code);
  });

  it("keeps a mistyped code such as B7O, so that ingest can suggest the right one", () => {
    expect(parseKlasseCode("B7O Straatroof")).toBe("B7O");
  });

  it.each(["", "Straatroof", "=HYPERLINK(1)", "Jan Jansen"])("returns undefined for %j, which does not start with a code", (value) => {
    expect(parseKlasseCode(value)).toBeUndefined();
  });
});
