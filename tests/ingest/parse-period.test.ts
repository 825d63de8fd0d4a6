import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/ingest/parse-period.ts";
import { monthOf } from "../../src/model/months.ts";

describe("parsePeriod", () => {
  it.each([
    ["2024", monthOf(2024, 1), "year"],
    ["2024JJ00", monthOf(2024, 1), "year"],
    ["2024 januari", monthOf(2024, 1), "month"],
    ["februari 2024", monthOf(2024, 2), "month"],
    ["2024 mrt", monthOf(2024, 3), "month"],
    ["2024MM01", monthOf(2024, 1), "month"],
    ["2024M11", monthOf(2024, 11), "month"],
    ["2024-12", monthOf(2024, 12), "month"],
    ["202406", monthOf(2024, 6), "month"],
    ["2024KW01", monthOf(2024, 1), "quarter"],
    ["2024KW03", monthOf(2024, 7), "quarter"],
    ["2024-Q4", monthOf(2024, 10), "quarter"],
    ["2024 2e kwartaal", monthOf(2024, 4), "quarter"],
  ] as const)("reads %s as a %s starting in its first month", (text, month, granularity) => {
    expect(parsePeriod(text)).toEqual({ month, granularity, provisional: false });
  });

  it.each(["2024*", "2024 voorlopig", "2024 (voorlopig)", "2024 januari*", "2024MM03 nader voorlopig"])("marks %s as provisional", (text) => {
    const period = parsePeriod(text);
    expect("error" in period ? period.error : period.provisional).toBe(true);
  });

  it("keeps the period a provisional mark follows", () => {
    expect(parsePeriod("2024 januari*")).toEqual({ month: monthOf(2024, 1), granularity: "month", provisional: true });
  });

  it.each(["2024-13", "2024MM00", "2024KW5", "januari", "24", "", "hallo 2024"])("refuses %j, quoting the value (a period is not personal)", (text) => {
    const period = parsePeriod(text);
    expect("error" in period).toBe(true);
    if ("error" in period) expect(period.error).toContain(text === "" ? "an empty period" : `"${text}"`);
  });
});
