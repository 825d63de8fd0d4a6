import { describe, expect, it } from "vitest";
import { coverOf } from "../../src/reports/cover.ts";
import type { PageSection, ReportPage } from "../../src/reports/page.ts";
import { renderPage } from "../../src/site/render-page.ts";

function page(layout: string, sections: PageSection[] = [], audience: ReportPage["report"]["audience"] = "gezag"): ReportPage {
  return {
    path: "r/2025/gm0344-utrecht.html",
    layout,
    title: "R",
    root: "../../",
    report: { kind: "r", title: "Gebiedsscan", audience, audienceLabel: "Vertrouwelijk — voor het bevoegd gezag" },
    edition: { id: "2025", label: "2025" },
    period: { label: "2025", previousLabel: "2024" },
    area: { code: "GM0344", naam: "Utrecht & <omstreken>", level: "gemeente" },
    sections,
    organisation: "Politie (demo)",
    buildDate: "10 februari 2026",
    breadcrumbs: [],
  };
}

const text: PageSection = { type: "text", id: "beschouwing", title: "Beschouwing", html: "<p>x</p>", source: "data/commentary/2025/GM0344.md" };

describe("coverOf", () => {
  it("gives every report but the gebiedsscan the report, area, period and edition, with the audience when not public", () => {
    const cover = coverOf(page("report.njk"));
    expect(cover.style).toBe("cover");
    expect(cover.title).toEqual([
      { role: "kind", lines: ["Gebiedsscan"] },
      { role: "area", lines: ["Utrecht & <omstreken>"] },
      { role: "period", lines: ["2025", "vergeleken met 2024"] },
    ]);
    expect(cover.facts.map((fact) => fact.term)).toEqual(["Gebied", "Editie", "Gemaakt op"]);
    expect(cover.facts[0]?.detail).toBe("Gemeente Utrecht & <omstreken> (GM0344)");
    expect(cover.audience).toBe("Vertrouwelijk — voor het bevoegd gezag");
    expect(coverOf(page("report.njk", [], "public")).audience).toBeUndefined();
  });

  it("gives the gebiedsscan its title block, says when it holds a beschouwing, and names its sources", () => {
    const cover = coverOf(page("gebiedsscan.njk", [text]));
    expect(cover.style).toBe("gs-cover");
    expect(cover.title[0]).toEqual({ role: "title", group: [{ role: "kind", lines: ["Gebiedsscan 2025"] }, { role: "area", lines: ["Utrecht & <omstreken>"] }, { role: "level", lines: ["Gemeente GM0344"] }] });
    expect(cover.title[1]).toEqual({ role: "subtitle", lines: ["De cijfers van 2025, vergeleken met eerdere jaren, met een beschouwing van de politie"] });
    expect(cover.facts).toContainEqual({ term: "Bron", detail: "Registraties in BVH (politie); gebieden en inwoners: CBS" });
    expect(coverOf(page("gebiedsscan.njk")).title[1]).toEqual({ role: "subtitle", lines: ["De cijfers van 2025, vergeleken met eerdere jaren"] });
  });
});

describe("the cover partial", () => {
  it("renders a cover escaped, its lines broken by <br>, hidden from assistive technology", () => {
    const p = page("report.njk");
    const html = renderPage("partials/cover.njk", { ...p, cover: coverOf(p) });
    expect(html).toBe(`<section class="cover print-only" aria-hidden="true">
  <p class="cover-organisation">Politie (demo)</p>
  <p class="cover-kind">Gebiedsscan</p>
  <p class="cover-area">Utrecht &amp; &lt;omstreken&gt;</p>
  <p class="cover-period">2025<br>vergeleken met 2024</p>
  <dl class="cover-facts">
    <dt>Gebied</dt><dd>Gemeente Utrecht &amp; &lt;omstreken&gt; (GM0344)</dd>
    <dt>Editie</dt><dd>2025</dd>
    <dt>Gemaakt op</dt><dd>10 februari 2026</dd>
  </dl>
<p class="cover-audience">Vertrouwelijk — voor het bevoegd gezag</p></section>
`);
  });

  it("renders the gebiedsscan's title as one block", () => {
    const p = page("gebiedsscan.njk");
    const html = renderPage("partials/cover.njk", { ...p, cover: coverOf(p) });
    expect(html).toContain(`  <div class="gs-cover-title">
    <p class="gs-cover-kind">Gebiedsscan 2025</p>
    <p class="gs-cover-area">Utrecht &amp; &lt;omstreken&gt;</p>
    <p class="gs-cover-level">Gemeente GM0344</p>
  </div>
  <p class="gs-cover-subtitle">`);
  });
});
