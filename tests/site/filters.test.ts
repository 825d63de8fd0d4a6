import fc from "fast-check";
import { formatLocale } from "d3-format";
import nlFormat from "d3-format/locale/nl-NL" with { type: "json" };
import { describe, expect, it } from "vitest";
import nunjucks from "nunjucks";
import { nlChange, nlNumber } from "../../src/site/filters.ts";
import { escapeHtml } from "../../src/site/table-view.ts";

const nl = formatLocale(nlFormat as Parameters<typeof formatLocale>[0]);

describe("number formatting", () => {
  it("writes whole numbers as d3's nl-NL formatter does (the fast path for counts)", () => {
    expect(nlNumber(1234567)).toBe("1.234.567");
    expect(nlNumber(-1234)).toBe("−1.234");
    expect(nlChange(1500)).toBe("+1.500");
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (value) => {
        expect(nlNumber(value)).toBe(nl.format(",.0f")(value));
        if (value !== 0) expect(nlChange(value)).toBe(nl.format("+,.0f")(value));
      }),
    );
  });

  it("keeps one decimal and rounding of fractions as before", () => {
    expect(nlNumber(12.25, 1)).toBe(nl.format(",.1f")(12.25));
    expect(nlNumber(2.5)).toBe(nl.format(",.0f")(2.5));
    expect(nlChange(-0.45)).toBe(nl.format("+,.1f")(-0.45));
  });
});

describe("escaping of pre-rendered table cells", () => {
  // nunjucks' own escape, which its autoescape applies (its type declarations leave it out).
  const nunjucksEscape = (nunjucks.lib as unknown as { escape(text: string): string }).escape;

  it("escapes exactly as Nunjucks' autoescape does", () => {
    expect(escapeHtml(`a\\b <td title="x">'&'`)).toBe("a&#92;b &lt;td title=&quot;x&quot;&gt;&#39;&amp;&#39;");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "1", ".", "&", '"', "'", "<", ">", "\\", "x", "é") }), (text) => {
        expect(escapeHtml(text)).toBe(nunjucksEscape(text));
      }),
    );
  });
});
