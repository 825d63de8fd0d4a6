import { describe, expect, it } from "vitest";
import { pdfDestinations } from "../../src/pdf/pdf-destinations.ts";

/** A PDF as Skia writes one, reduced to the objects the reader uses; the page tree is nested. */
const pdf = (dests: string) =>
  Buffer.from(
    [
      "%PDF-1.4",
      "%\xe2\xe3\xcf\xd3",
      "2 0 obj\n<</Type /Page\n/Parent 20 0 R>>\nendobj",
      "4 0 obj\n<</Length 5>> stream\nendobj garbage 9 0 obj\nendstream\nendobj",
      "10 0 obj\n<</Type /Page\n/Parent 21 0 R>>\nendobj",
      "12 0 obj\n<</Type /Page\n/Parent 21 0 R>>\nendobj",
      "21 0 obj\n<</Type /Pages\n/Count 2\n/Kids [12 0 R 10 0 R]>>\nendobj",
      "20 0 obj\n<</Type /Pages\n/Count 3\n/Kids [2 0 R 21 0 R]>>\nendobj",
      `15 0 obj\n${dests}\nendobj`,
      "53 0 obj\n<</Type /Catalog\n/Pages 20 0 R\n/Dests 15 0 R\n/Lang (nl)>>\nendobj",
      "%%EOF",
    ].join("\n"),
    "latin1",
  );

describe("pdfDestinations", () => {
  it("gives the page of every named destination, in the order of the page tree", () => {
    const found = pdfDestinations(pdf("<</kerncijfers [2 0 R /XYZ 6 763.17 0]\n/trend [12 0 R /XYZ 6 827.7 0]\n/high-impact-crime [10 0 R /XYZ 6 94.2 0]>>"));
    expect(Object.fromEntries(found)).toEqual({ kerncijfers: 1, trend: 2, "high-impact-crime": 3 });
  });

  it("decodes #xx escapes in names", () => {
    expect(pdfDestinations(pdf("<</a#20b [10 0 R /XYZ 0 0 0]>>")).get("a b")).toBe(3);
  });

  it("returns nothing for a PDF without destinations, and throws for one without a catalog", () => {
    expect(pdfDestinations(pdf("<<>>")).size).toBe(0);
    expect(() => pdfDestinations(Buffer.from("%PDF-1.4\n%%EOF"))).toThrow(/catalog/);
  });
});
