import { describe, expect, it } from "vitest";
import { BVH_FILE_START, formatBvhField, formatBvhLine } from "../../../scripts/demo-export/bvh-csv.ts";

describe("formatBvhField", () => {
  it("leaves plain text unquoted", () => {
    expect(formatBvhField("A72 Diefstal fiets")).toBe("A72 Diefstal fiets");
    expect(formatBvhField("Welgelegen, Den Hommel")).toBe("Welgelegen, Den Hommel");
  });

  it("quotes a field holding the separator, a quote or a line break, doubling inner quotes", () => {
    expect(formatBvhField("a;b")).toBe('"a;b"');
    expect(formatBvhField('zei "nee"')).toBe('"zei ""nee"""');
    expect(formatBvhField("a\r\nb")).toBe('"a\r\nb"');
  });
});

describe("formatBvhLine", () => {
  it("joins with ; and ends with CRLF", () => {
    expect(formatBvhLine(["PL0900-2025000001", "01-01-2025", "x;y"])).toBe('PL0900-2025000001;01-01-2025;"x;y"\r\n');
  });

  it("starts every file with a BOM and the header", () => {
    expect(BVH_FILE_START.startsWith("\uFEFFRegistratienummer;Pleegdatum;")).toBe(true);
    expect(BVH_FILE_START.endsWith(";Omschrijving\r\n")).toBe(true);
  });
});
