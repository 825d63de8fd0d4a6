import { describe, expect, it } from "vitest";
import { dayPartLabel, dayPartOf, UNKNOWN_DAY_PART } from "../../src/model/day-parts.ts";

const at = (time: string): string => {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return dayPartLabel(dayPartOf(h * 60 + m));
};

describe("part of day", () => {
  it("bands the day in four parts of six hours, each including its first minute", () => {
    expect(["00:01", "05:59", "06:00", "11:59", "12:00", "17:59", "18:00", "23:59"].map(at)).toEqual([
      "nacht",
      "nacht",
      "ochtend",
      "ochtend",
      "middag",
      "middag",
      "avond",
      "avond",
    ]);
  });

  it("has no part for a time that is not one", () => {
    expect(dayPartOf(24 * 60)).toBe(UNKNOWN_DAY_PART);
    expect(dayPartOf(-1)).toBe(UNKNOWN_DAY_PART);
    expect(dayPartLabel(UNKNOWN_DAY_PART)).toBe("onbekend");
  });
});
