import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoModusOperandi, demoPleegtijd } from "../../../scripts/demo-export/time-and-mo.ts";
import { ROOT } from "../../helpers.ts";

const numbers = Array.from({ length: 5000 }, (_, i) => `PL0900-2025${String(i).padStart(6, "0")}`);

describe("the demo's time of day and modus operandi", () => {
  it("are the same for a registratienummer every time (a repeated registration keeps them)", () => {
    expect(numbers.slice(0, 50).map((n) => demoPleegtijd(n, "A20"))).toEqual(numbers.slice(0, 50).map((n) => demoPleegtijd(n, "A20")));
    expect(demoModusOperandi("PL0900-2025000123", "A20")).toBe(demoModusOperandi("PL0900-2025000123", "A20"));
  });

  it("gives a time hh:mm to about nine in ten, never 0:00 (which reads as no time)", () => {
    const times = numbers.map((n) => demoPleegtijd(n, "F550"));
    const empty = times.filter((t) => t === "").length / times.length;
    expect(empty).toBeGreaterThan(0.05);
    expect(empty).toBeLessThan(0.15);
    for (const time of times.filter((t) => t !== "")) expect(time).toMatch(/^(?:[01]\d|2[0-3]):[0-5]\d$/);
    expect(times).not.toContain("00:00");
  });

  it("puts woninginbraken more in the evening than the night, and gives MO codes of the code list to woninginbraak only", () => {
    const hours = numbers.map((n) => demoPleegtijd(n, "A20")).filter((t) => t !== "").map((t) => Number(t.slice(0, 2)));
    expect(hours.filter((h) => h >= 16 && h < 20).length).toBeGreaterThan(2 * hours.filter((h) => h >= 2 && h < 6).length);
    const listed = new Set(readFileSync(path.join(ROOT, "data/reference/modus-operandi.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[0]));
    const codes = numbers.map((n) => demoModusOperandi(n, "A20"));
    for (const code of codes.filter((c) => c !== "")) expect(listed.has(code)).toBe(true);
    expect(codes.filter((c) => c === "").length / codes.length).toBeCloseTo(0.2, 1);
    expect(numbers.map((n) => demoModusOperandi(n, "A72")).every((c) => c === "")).toBe(true);
  });
});
