import { beforeAll, describe, expect, it } from "vitest";
import type { CompletenessFinding } from "../../src/model/completeness.ts";
import { incompleteDeliveries } from "../../src/model/incomplete-deliveries.ts";
import { INCOMPLETE_NOTE, markIncomplete } from "../../src/model/mark-incomplete.ts";
import { monthOf } from "../../src/model/months.ts";
import { monthPeriod, yearToDate } from "../../src/model/periods.ts";
import type { Table } from "../../src/model/table.ts";
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

describe("markIncomplete", () => {
  const ytd = yearToDate(monthOf(2025, 12));
  const before = yearToDate(monthOf(2024, 12));
  const ref = (area: string, period = ytd) => ({ area, category: "J", first: period.first, last: period.last });
  const table: Table = {
    id: "t",
    caption: "t",
    rowHeading: "Gebied",
    columns: [
      { id: "oct", label: "okt", kind: "count" },
      { id: "sep", label: "sep", kind: "count" },
      { id: "current", label: "2025", kind: "count" },
      { id: "change", label: "verschil", kind: "change" },
      { id: "percent", label: "%", kind: "percent" },
      { id: "verdict", label: "significant", kind: "verdict" },
    ],
    rows: ["GM0589", "GM0335"].map((area) => ({
      id: area,
      label: area,
      level: 0,
      role: "detail",
      cells: [
        { value: 3, ref: ref(area, monthPeriod(OCTOBER)) },
        { value: 88, ref: ref(area, monthPeriod(OCTOBER - 1)) },
        { value: 900, ref: ref(area) },
        { value: -90, sources: [ref(area), ref(area, before)] },
        { value: -0.09, sources: [ref(area), ref(area, before)] },
        { value: 0.01, verdict: "daling", sources: [ref(area), ref(area, before)] },
      ],
    })),
    notes: [],
  };

  it("marks every figure that counts the month, withholds % and significance computed from it, and says why under the table", () => {
    const marked = markIncomplete(table, incompleteDeliveries([oudewater], reference.areas), (code) => reference.areas.nameOf(code));
    const [oude, mont] = marked.rows;
    expect(oude?.cells.map((cell) => cell.flags ?? [])).toEqual([["onvolledig"], [], ["onvolledig"], ["onvolledig"], [], []]);
    expect(oude?.cells[4]).toMatchObject({ value: null, symbol: ".", note: "levering onvolledig" });
    expect(oude?.cells[5]).toMatchObject({ value: null, symbol: ".", note: "levering onvolledig" });
    expect(oude?.cells[5]?.verdict).toBeUndefined();
    expect(mont).toEqual(table.rows[1]);
    expect(marked.notes).toEqual([
      `Onvolledige levering — GM0589 Oudewater, oktober 2025: 3 registraties, verwacht ~90 (september 2025 88, november 2025 90, oktober 2024 95). ${INCOMPLETE_NOTE}`,
    ]);
  });

  it("leaves a table that counts no affected month as it was", () => {
    expect(markIncomplete(table, incompleteDeliveries([{ ...oudewater, month: monthOf(2023, 1) }], reference.areas), String)).toBe(table);
    expect(markIncomplete(table, undefined, String)).toBe(table);
  });
});
