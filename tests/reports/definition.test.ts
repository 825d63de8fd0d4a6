import { describe, expect, it } from "vitest";
import { monthOf } from "../../src/model/months.ts";
import { normalizeDefinition } from "../../src/reports/definition.ts";
import { editionOf, parseEditionMonth, previousEdition } from "../../src/reports/edition.ts";
import { BUILT_IN_DEFINITIONS, definitionFor } from "../../src/reports/registry.ts";
import { UserError } from "../../src/user-error.ts";

const minimal = {
  kind: "mijn-rapport",
  title: "Mijn rapport",
  description: "Een test.",
  audience: "gezag",
  areaLevels: ["gemeente"],
  period: "ytd",
  sections: [{ type: "category-table", id: "misdrijven", title: "Misdrijven", part: "J", depth: 2, columns: ["current", "previous"] }],
};

describe("report definitions", () => {
  it("ships the tabellenboek, the INP-stuurgegevens, the 4-/8-/12-maandsrapportage, the woninginbrakenmonitor and the halfjaarcijfers", () => {
    expect([...BUILT_IN_DEFINITIONS.keys()]).toEqual(["tabellenboek", "inp-stuurgegevens", "maandrapportage-4-8-12", "woninginbrakenmonitor", "halfjaarcijfers", "gebiedsscan"]);
    expect(definitionFor("tabellenboek").audience).toBe("gezag");
  });

  it("fills the defaults of a minimal definition: PDF landscape with cover, CSV and XLSX, the standard layout", () => {
    expect(normalizeDefinition(minimal, "x.json")).toMatchObject({
      outputs: { pdf: { orientation: "landscape", cover: true }, csv: true, xlsx: true },
      layout: "report.njk",
    });
  });

  it("refuses a public report with wijk pages, a buurt list or sections drawn before disclosure control, naming each rule", () => {
    const spec = {
      ...minimal,
      audience: "public",
      areaLevels: ["gemeente", "wijk"],
      sections: [
        { type: "area-table", id: "buurten", title: "Buurten", childLevel: "buurt", category: "J", columns: ["current"] },
        { type: "commentary", id: "beschouwing", title: "Beschouwing" },
      ],
    };
    const message = (() => {
      try {
        normalizeDefinition(spec, "openbaar.json");
      } catch (caught) {
        return (caught as UserError).message;
      }
    })();
    expect(message).toContain("openbaar.json: areaLevels.1");
    expect(message).toContain("a public report has no wijk pages (rule: no wijk or buurt figures in public output)");
    expect(message).toContain("sections.0.childLevel");
    expect(message).toContain("sections.1.type");
    expect(message).toContain("cannot have a commentary section");
    expect(() => normalizeDefinition({ ...spec, audience: "gezag" }, "gezag.json")).not.toThrow();
  });

  it("names the key, the bad value and what is allowed", () => {
    const spec = { ...minimal, audience: "iedereen", sections: [{ ...minimal.sections[0], depth: 4, columns: ["ytd"] }] };
    const error = (() => {
      try {
        normalizeDefinition(spec, "x.json");
      } catch (caught) {
        return caught as UserError;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain('x.json: audience: "iedereen" is not allowed');
    expect(error?.message).toContain('x.json: sections.0.depth: 4 is not allowed');
    expect(error?.message).toContain('x.json: sections.0.columns.0: "ytd" is not allowed');
  });

  it("refuses two sections with the same id", () => {
    expect(() => normalizeDefinition({ ...minimal, sections: [minimal.sections[0], minimal.sections[0]] }, "x.json")).toThrow(/section id "misdrijven" is used twice/);
  });

  it("knows a custom definition by its kind before the built-in ones", () => {
    const custom = normalizeDefinition({ ...minimal, kind: "tabellenboek", title: "Eigen tabellenboek" }, "x.json");
    expect(definitionFor("tabellenboek", [custom]).title).toBe("Eigen tabellenboek");
    expect(() => definitionFor("onbekend")).toThrow('Unknown report "onbekend"');
  });
});

describe("editions", () => {
  it("reads jjjj-mm, jjjj-H1, jjjj-Q3 and jjjj", () => {
    expect(parseEditionMonth("2025-12")).toBe(monthOf(2025, 12));
    expect(parseEditionMonth("2025-h1")).toBe(monthOf(2025, 6));
    expect(parseEditionMonth("2025-Q3")).toBe(monthOf(2025, 9));
    expect(parseEditionMonth("2025")).toBe(monthOf(2025, 12));
    expect(parseEditionMonth("2025-13")).toBeUndefined();
  });

  it("gives each period kind its folder, period and label", () => {
    expect(editionOf("ytd", "2025-08", "t")).toMatchObject({ id: "2025-08", label: "augustus 2025", period: { first: monthOf(2025, 1), last: monthOf(2025, 8) } });
    expect(editionOf("cumulative", "2025-08", "t")).toMatchObject({ id: "2025-08", label: "8-maandsrapportage 2025" });
    expect(editionOf("halfyear", "2025-H1", "t")).toMatchObject({ id: "2025-h1", label: "1e halfjaar 2025" });
    expect(editionOf("year", "2025", "t")).toMatchObject({ id: "2025", label: "2025" });
  });

  it("refuses a 4-/8-/12-maandsrapportage for another month than april, august or december", () => {
    expect(() => editionOf("cumulative", "2025-05", "maandrapportage-4-8-12")).toThrow(/an edition for mei 2025 does not exist/);
  });

  it("finds the previous edition of each kind", () => {
    expect(previousEdition("ytd", editionOf("ytd", "2026-01", "t"), "t").id).toBe("2025-12");
    expect(previousEdition("cumulative", editionOf("cumulative", "2025-04", "t"), "t").id).toBe("2024-12");
    expect(previousEdition("halfyear", editionOf("halfyear", "2025-H1", "t"), "t").id).toBe("2024-h2");
  });
});
