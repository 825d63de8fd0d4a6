import { beforeAll, describe, expect, it } from "vitest";
import type { CompletenessFinding } from "../../src/model/completeness.ts";
import { incompleteDeliveries } from "../../src/model/incomplete-deliveries.ts";
import { monthOf } from "../../src/model/months.ts";
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

describe("incompleteDeliveries", () => {
  it("affects the gemeente, its wijken and buurten, and the police areas that cover it, not the other gemeenten", () => {
    const deliveries = incompleteDeliveries([oudewater], reference.areas);
    for (const area of ["GM0589", "WK058902", "BU05890201", "BT9901", "DS9901", "RE03", "GM0589:rest"]) expect(deliveries.monthsOf(area), area).toEqual([OCTOBER]);
    for (const area of ["GM0335", "WK033501", "GM0344"]) expect(deliveries.monthsOf(area), area).toEqual([]);
  });

  it("affects every area when the finding is for the whole region", () => {
    const deliveries = incompleteDeliveries([{ ...oudewater, area: undefined }], reference.areas);
    expect(deliveries.monthsOf("GM0335")).toEqual([OCTOBER]);
    expect(deliveries.findingsOf("BU03350000")).toHaveLength(1);
  });
});
