import { describe, expect, it } from "vitest";
import { suggestCode } from "../../src/ingest/suggest-code.ts";

describe("suggestCode", () => {
  const codes = ["B70", "B72", "A20", "A30", "F550"];

  it("suggests B70 for B7O (letter O typed for zero)", () => {
    expect(suggestCode("B7O", codes)).toBe("B70");
  });

  it("suggests the code one edit away", () => {
    expect(suggestCode("F5550", codes)).toBe("F550");
  });

  it("suggests nothing when no code is close", () => {
    expect(suggestCode("Z99999", codes)).toBeUndefined();
  });
});
