import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/ingest/parse-date.ts";

describe("parseDate", () => {
  it.each([
    ["03-04-2025", { year: 2025, month: 4, day: 3 }],
    ["3-4-2025", { year: 2025, month: 4, day: 3 }],
    ["03/04/2025", { year: 2025, month: 4, day: 3 }],
    ["03.04.2025", { year: 2025, month: 4, day: 3 }],
    ["2025-04-03", { year: 2025, month: 4, day: 3 }],
    ["2025-04-03T22:15:00", { year: 2025, month: 4, day: 3 }],
    ["03-04-2025 22:15", { year: 2025, month: 4, day: 3 }],
    ["20250403", { year: 2025, month: 4, day: 3 }],
    [" 29-02-2024 ", { year: 2024, month: 2, day: 29 }],
  ])("reads %s as day %o (dd-mm-jjjj is day first, as in Dutch exports)", (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });

  it.each(["31-02-2025", "29-02-2025", "2025-13-01", "00-01-2025", "32-01-2025"])("rejects the non-existent date %s", (text) => {
    expect(parseDate(text)).toEqual({ error: `"${text}" is not an existing date` });
  });

  it.each(["gisteren", "2025", "12-2025", "1-1-25"])("rejects %s as not a date", (text) => {
    expect(parseDate(text)).toHaveProperty("error");
    expect((parseDate(text) as { error: string }).error).toContain("is not a date");
  });

  it("names an empty value as such", () => {
    expect(parseDate("  ")).toEqual({ error: "empty date" });
  });
});

describe("parseDate with a moment in UTC", () => {
  it("counts 2025-01-31T23:30:00Z on the Dutch day (1 February), whatever the machine's time zone", () => {
    expect(parseDate("2025-01-31T23:30:00Z")).toEqual({ year: 2025, month: 2, day: 1 });
    expect(parseDate("2025-07-31T21:59:59Z")).toEqual({ year: 2025, month: 7, day: 31 });
    expect(parseDate("2025-07-31T22:00:00Z")).toEqual({ year: 2025, month: 8, day: 1 });
    expect(parseDate("2025-01-31T23:30:00")).toEqual({ year: 2025, month: 1, day: 31 });
  });

  it.each([
    "2025-12-31T23:30:00Z",
    "2025-12-31 23:30:00Z",
    "2025-12-31T23:30Z",
    "2025-12-31T23:30:00.000Z",
    "2025-12-31t23:30:00z",
    "2025/12/31T23:30:00Z",
    "2025.12.31 23:30:00Z",
    "2025-12-31T23:30:00+00:00",
    "2025-12-31T23:30:00+0000",
    "2025-12-31T23:30:00+00",
    "2026-01-01T00:30:00+01:00",
    "2025-12-31T18:30:00-05:00",
    "31-12-2025 23:30:00Z",
    "31/12/2025 23:30Z",
  ])("counts the moment %s in the Dutch month: 1 January 2026, not December", (text) => {
    expect(parseDate(text)).toEqual({ year: 2026, month: 1, day: 1 });
  });

  it("counts a one-digit month or day of a moment in UTC on the Dutch day too", () => {
    expect(parseDate("2025-1-31T23:30:00Z")).toEqual({ year: 2025, month: 2, day: 1 });
    expect(parseDate("2025-6-30T22:30Z")).toEqual({ year: 2025, month: 7, day: 1 });
  });

  it("keeps a clock time without a zone as Dutch time, and an offset that is Dutch time on its day", () => {
    expect(parseDate("2025-12-31T23:30:00+01:00")).toEqual({ year: 2025, month: 12, day: 31 });
    expect(parseDate("31-12-2025 23:59")).toEqual({ year: 2025, month: 12, day: 31 });
  });

  it.each(["2025-12-31T24:30:00Z", "31-12-2025 23:60", "2025-12-31T23:30:61"])("rejects the non-existent time %s instead of rolling it into the next day", (text) => {
    expect(parseDate(text)).toEqual({ error: `"${text}" is not an existing date` });
  });
});
