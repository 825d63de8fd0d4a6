import { describe, expect, it } from "vitest";
import { RegistrationIndex } from "../../src/ingest/registration-index.ts";

describe("RegistrationIndex", () => {
  it("returns the cell a number counted in before, and whether the same file recorded it", () => {
    const index = new RegistrationIndex();
    expect(index.record("PL0900-2023076498", 17, 0)).toBeUndefined();
    expect(index.record("PL0900-2023076498", 42, 1)).toBe(17);
    expect(index.sameFile).toBe(false);
    expect(index.record("PL0900-2023076498", 42, 1)).toBe(42);
    expect(index.sameFile).toBe(true);
    expect(index.size).toBe(1);
  });

  it("tells apart numbers that differ only in leading zeros or in their prefix", () => {
    const index = new RegistrationIndex();
    index.record("PL0900-01", 1, 0);
    index.record("PL0900-1", 2, 0);
    index.record("PL0800-01", 3, 0);
    index.record("01", 4, 0);
    expect(index.record("PL0900-01", 9, 1)).toBe(1);
    expect(index.record("PL0900-1", 9, 1)).toBe(2);
    expect(index.record("PL0800-01", 9, 1)).toBe(3);
    expect(index.record("01", 9, 1)).toBe(4);
    expect(index.size).toBe(4);
  });

  it("keeps numbers without a serial at the end, and cell keys up to 2^41", () => {
    const index = new RegistrationIndex();
    const big = 2 ** 40 + 12345;
    expect(index.record("ABC-XYZ", big, 3)).toBeUndefined();
    expect(index.record("ABC-XYZ", 5, 4)).toBe(big);
    expect(() => index.record("PL1", 2 ** 41, 0)).toThrow(RangeError);
  });

  it("moves scattered numbering to strings without losing an entry", () => {
    const index = new RegistrationIndex();
    // 20,000 numbers each in a page of its own: far too sparse for pages.
    const numbers = Array.from({ length: 20_000 }, (_, i) => `X${String(i * 1_000_003).padStart(12, "0")}`);
    numbers.forEach((number, i) => index.record(number, i, 0));
    expect(index.size).toBe(numbers.length);
    numbers.forEach((number, i) => expect(index.record(number, i + 1, 1)).toBe(i));
  });
});
