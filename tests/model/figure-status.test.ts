import { beforeAll, describe, expect, it } from "vitest";
import type { CompletenessFinding } from "../../src/model/completeness.ts";
import { figureStatus } from "../../src/model/figure-status.ts";
import { incompleteDeliveries } from "../../src/model/incomplete-deliveries.ts";
import { monthOf } from "../../src/model/months.ts";
import { yearToDate } from "../../src/model/periods.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { miniReference } from "../helpers.ts";

let reference: Reference;
beforeAll(async () => {
  reference = await miniReference();
});

const OCTOBER = monthOf(2025, 10);
const oudewater: CompletenessFinding = {
  kind: "levering-onvolledig",
  area: "GM0589",
  month: OCTOBER,
  count: 3,
  expected: 90,
  references: [
    { kind: "vorige maand", month: OCTOBER - 1, count: 88 },
    { kind: "volgende maand", month: OCTOBER + 1, count: 90 },
    { kind: "vorig jaar", month: OCTOBER - 12, count: 95 },
  ],
};

describe("figureStatus", () => {
  it("marks a provisional year voorlopig and a running period onvolledig; without an area only what holds for every area", () => {
    const running = { voorlopig: new Set<number>(), lastCompleteMonth: monthOf(2025, 11) };
    expect(figureStatus(running, yearToDate(monthOf(2025, 12)))).toEqual({ voorlopig: false, lopend: true, leveringOnvolledig: [], flags: ["onvolledig"] });
    expect(figureStatus({ ...running, voorlopig: new Set([2025]) }, yearToDate(monthOf(2025, 11))).flags).toEqual(["voorlopig"]);
  });

  it("marks the figure of an area whose period holds a month with an incomplete delivery", () => {
    const deliveries = incompleteDeliveries([oudewater], reference.areas);
    const withDeliveries = { voorlopig: new Set([2025]), lastCompleteMonth: monthOf(2025, 12), incompleteMonths: deliveries.monthsOf };
    expect(figureStatus(withDeliveries, yearToDate(monthOf(2025, 12)), "BT9901")).toMatchObject({ leveringOnvolledig: [OCTOBER], flags: ["voorlopig", "onvolledig"] });
    expect(figureStatus(withDeliveries, yearToDate(monthOf(2025, 9)), "GM0589").leveringOnvolledig).toEqual([]);
    expect(figureStatus(withDeliveries, yearToDate(monthOf(2025, 12))).leveringOnvolledig).toEqual([]);
  });
});
