import { describe, expect, it } from "vitest";
import { monthOf } from "../../src/model/months.ts";
import { editionOf } from "../../src/reports/edition.ts";
import { gebiedsscan } from "../../src/reports/gebiedsscan/definition.ts";
import { halfjaarcijfers } from "../../src/reports/halfjaarcijfers/definition.ts";
import { BUILT_IN_DEFINITIONS } from "../../src/reports/registry.ts";
import { granularityNeeded, granularityProblem, servableEditions, type InputPeriods } from "../../src/reports/servable-editions.ts";
import { normalizeDefinition } from "../../src/reports/definition.ts";

const yearly: InputPeriods = { granularity: "year", firstMonth: monthOf(2020, 1), lastMonth: monthOf(2024, 1) };
const quarterly: InputPeriods = { granularity: "quarter", firstMonth: monthOf(2023, 1), lastMonth: monthOf(2024, 10) };
const monthly: InputPeriods = { granularity: "month", firstMonth: monthOf(2020, 1), lastMonth: monthOf(2024, 12) };
const builtIn = (kind: string) => {
  const definition = BUILT_IN_DEFINITIONS.get(kind);
  if (!definition) throw new Error(kind);
  return definition;
};

describe("granularityNeeded", () => {
  it("asks months of the monthly products, quarters of the half year, years of the gebiedsscan", () => {
    expect(granularityNeeded(builtIn("tabellenboek"))).toBe("month");
    expect(granularityNeeded(builtIn("inp-stuurgegevens"))).toBe("month");
    expect(granularityNeeded(builtIn("maandrapportage-4-8-12"))).toBe("month");
    expect(granularityNeeded(builtIn("woninginbrakenmonitor"))).toBe("month");
    expect(granularityNeeded(halfjaarcijfers)).toBe("quarter");
    // Its seasonality section says on yearly input that months are not in the data; the rest stands.
    expect(granularityNeeded(gebiedsscan)).toBe("year");
  });

  it("asks months of a yearly report that has a column per month", () => {
    const definition = normalizeDefinition(
      {
        kind: "jaartabel",
        title: "Jaartabel",
        description: "Per jaar.",
        audience: "gezag",
        areaLevels: ["gemeente"],
        period: "year",
        sections: [{ type: "category-table", id: "t", title: "T", part: "J", depth: 1, columns: ["months", "current"] }],
      },
      "t.json",
    );
    expect(granularityNeeded(definition)).toBe("month");
    expect(granularityNeeded({ ...definition, sections: [{ ...definition.sections[0], columns: ["current"] } as never] })).toBe("year");
  });
});

describe("granularityProblem", () => {
  it("names the report, the edition, what it needs and what the input holds", () => {
    const tabellenboek = builtIn("tabellenboek");
    expect(granularityProblem(tabellenboek, editionOf(tabellenboek.period, "2024-12", "tabellenboek"), yearly)).toBe(
      "tabellenboek 2024-12 needs monthly figures; the exports hold yearly figures only (2020–2024)",
    );
    expect(granularityProblem(halfjaarcijfers, editionOf("halfyear", "2024-H2", "halfjaarcijfers"), yearly)).toBe(
      "halfjaarcijfers 2024-h2 needs quarterly figures; the exports hold yearly figures only (2020–2024)",
    );
    expect(granularityProblem(tabellenboek, { id: "2024-12" }, quarterly)).toBe("tabellenboek 2024-12 needs monthly figures; the exports hold quarterly figures only (2023-Q1–2024-Q4)");
  });

  it("has no problem when the input is as fine as the report needs, or finer", () => {
    expect(granularityProblem(gebiedsscan, { id: "2024" }, yearly)).toBeUndefined();
    expect(granularityProblem(halfjaarcijfers, { id: "2024-h2" }, quarterly)).toBeUndefined();
    expect(granularityProblem(builtIn("tabellenboek"), { id: "2024-12" }, monthly)).toBeUndefined();
  });
});

describe("servableEditions", () => {
  it("refuses a report asked for by name and skips one asked for only by --report all", () => {
    const plans = [
      { definition: builtIn("tabellenboek"), edition: { id: "2024-12" }, optional: false },
      { definition: builtIn("woninginbrakenmonitor"), edition: { id: "2024-12" }, optional: true },
      { definition: gebiedsscan, edition: { id: "2024" }, optional: true },
    ];
    const result = servableEditions(plans, () => yearly);
    expect(result.servable.map((plan) => plan.definition.kind)).toEqual(["gebiedsscan"]);
    expect(result.refused).toEqual(["tabellenboek 2024-12 needs monthly figures; the exports hold yearly figures only (2020–2024)"]);
    expect(result.skipped).toEqual(["woninginbrakenmonitor 2024-12 needs monthly figures; the exports hold yearly figures only (2020–2024)"]);
  });
});
