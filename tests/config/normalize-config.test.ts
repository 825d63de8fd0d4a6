import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeConfig } from "../../src/config/normalize-config.ts";
import { UserError } from "../../src/user-error.ts";

describe("normalizeConfig", () => {
  it("fills the documented defaults and resolves paths against the config's folder", () => {
    const config = normalizeConfig({}, "/project");
    expect(config.paths.exports).toBe(path.resolve("/project/data/exports"));
    expect(config.paths.output).toBe(path.resolve("/project/dist"));
    expect(config.comparison).toEqual({ minBase: 20, years: 3, alpha: 0.05 });
    expect(config.ingest.maxRejectedShare).toBe(0.001);
    expect(config.columns.pleegdatum).toContain("pleegdatum");
  });

  it("replaces the accepted header names of a mapped column, normalised", () => {
    const config = normalizeConfig({ columns: { pleegdatum: "Datum feit", buurtcode: ["CBS_BUURT", "Buurt code"] } }, "/p");
    expect(config.columns.pleegdatum).toEqual(["datumfeit"]);
    expect(config.columns.buurtcode).toEqual(["cbsbuurt", "buurtcode"]);
  });

  it("names the key, the bad value and what is allowed", () => {
    const error = (() => {
      try {
        normalizeConfig({ comparison: { minBase: "twintig" }, reports: [{ definition: "tabellenboek", periods: ["2025-13"] }], colums: {} }, "/p", "vb.json");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toContain('vb.json: comparison.minBase: "twintig" is not allowed — expected number, received string');
    expect(message).toContain('vb.json: reports.0.periods.0: "2025-13" is not allowed — expected an edition as "jjjj-mm" (e.g. "2025-12"), "jjjj-H1", "jjjj-Q3", "jjjj", an ISO week "jjjj-wNN" or a day "jjjj-mm-dd"');
    expect(message).toContain('vb.json: (top level): unknown key "colums" — check the spelling');
    expect((error as UserError).exitCode).toBe(2);
  });
});
