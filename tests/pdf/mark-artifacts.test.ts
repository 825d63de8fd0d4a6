import { describe, expect, it } from "vitest";
import { markArtifacts, markArtifactsInContent } from "../../src/pdf/mark-artifacts.ts";

describe("markArtifactsInContent", () => {
  it("encloses painting outside marked content in /Artifact and leaves tagged content as it is", () => {
    const content = ["q", "1 1 1 rg", "0 0 10 10 re", "f", "Q", "/P <</MCID 0 >>BDC", "BT", "<0011> Tj", "ET", "EMC"].join("\n");
    expect(markArtifactsInContent(content)).toBe(
      ["q", "/Artifact BMC", "1 1 1 rg", "0 0 10 10 re", "f", "EMC", "Q", "/P <</MCID 0 >>BDC", "BT", "<0011> Tj", "ET", "EMC"].join("\n"),
    );
  });

  it("never lets an artifact cross q/Q or BT/ET, so the sequences nest with them", () => {
    const content = ["BT", "/F1 8 Tf", "<0001> Tj", "/Span <</MCID 1 >>BDC", "<0002> Tj", "EMC", "<0003> Tj", "ET"].join("\n");
    expect(markArtifactsInContent(content)).toBe(
      ["BT", "/Artifact BMC", "/F1 8 Tf", "<0001> Tj", "EMC", "/Span <</MCID 1 >>BDC", "<0002> Tj", "EMC", "/Artifact BMC", "<0003> Tj", "EMC", "ET"].join("\n"),
    );
  });

  it("leaves what paints nothing (a clip, a colour) unmarked", () => {
    const content = "q\n0 0 5 5 re\nW* n\n.5 g\nQ";
    expect(markArtifactsInContent(content)).toBe(content);
  });

  it("reads strings, arrays and property lists as operands, whatever they contain", () => {
    const content = "/Span <</ActualText (a >> EMC \\) b)>>BDC\n[(x) -20 (EMC)] TJ\nEMC\n(BDC \\(f\\)) Tj";
    expect(markArtifactsInContent(content)).toBe("/Span <</ActualText (a >> EMC \\) b)>>BDC\n[(x) -20 (EMC)] TJ\nEMC\n/Artifact BMC\n(BDC \\(f\\)) Tj\nEMC");
  });

  it("changes nothing twice", () => {
    const once = markArtifactsInContent("0 0 1 1 re\nf\n/P <</MCID 0 >>BDC\nf\nEMC");
    expect(markArtifactsInContent(once)).toBe(once);
  });
});

describe("markArtifacts", () => {
  it("returns a PDF it cannot read as it is", () => {
    const notChromium = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<</Type /Catalog>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n");
    expect(markArtifacts(notChromium)).toBe(notChromium);
  });
});
