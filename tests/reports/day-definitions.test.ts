import { describe, expect, it } from "vitest";
import { formatDay } from "../../src/model/days.ts";
import { monthOf } from "../../src/model/months.ts";
import { normalizeDefinition } from "../../src/reports/definition.ts";
import { editionOf, previousEdition } from "../../src/reports/edition.ts";
import { resolveFenomenen } from "../../src/reports/fenomenen.ts";
import { needsRegistrations } from "../../src/reports/servable-editions.ts";
import { UserError } from "../../src/user-error.ts";
import { realReference } from "../helpers.ts";

const incidents = { type: "incident-list", id: "incidenten", title: "Incidenten", categories: ["fenomeen:high-impact-crime"] };
const week = {
  kind: "weekrapportage",
  title: "Weekrapportage",
  description: "Een test.",
  audience: "gezag",
  areaLevels: ["gemeente"],
  period: "week",
  sections: [{ type: "day-table", id: "week", title: "De week", categories: ["J"], columns: ["current", "previous", "average"] }, incidents],
};

function messageOf(spec: unknown): string {
  try {
    normalizeDefinition(spec, "d.json");
  } catch (caught) {
    return (caught as UserError).message;
  }
  return "";
}

describe("definitions of weeks and days", () => {
  it("accepts a weekly report with a day table and an incident list for the gezag, and knows it needs registrations", () => {
    const definition = normalizeDefinition(week, "week.json");
    expect(definition.sections[1]).toMatchObject({ type: "incident-list", areaDetail: "wijk", groupBy: "day", max: 60 });
    expect(needsRegistrations(definition)).toBe(true);
  });

  it("refuses a public definition with an incident list, with a message naming the rule", () => {
    const selection = { type: "selection-table", id: "keuze", title: "Keuze", categories: ["fenomeen:ondermijning"], columns: ["current"] };
    const message = messageOf({ ...week, audience: "public", period: "month", sections: [incidents, selection] });
    expect(message).toContain("d.json: sections.0.type");
    expect(message).toContain("a public report cannot have an incident-list section (rule: nothing that identifies a single incident in public output");
    expect(message).toContain("a public report cannot count fenomenen");
    expect(messageOf({ ...week, audience: "intern", period: "month", sections: [incidents] })).toBe("");
  });

  it("refuses a public report of weeks, and month tables in a report of weeks", () => {
    expect(messageOf({ ...week, audience: "public", sections: [week.sections[0]] })).toContain("a public report cannot cover a week");
    const message = messageOf({ ...week, sections: [{ type: "category-table", id: "t", title: "T", part: "J", depth: 1, columns: ["current"] }] });
    expect(message).toContain("a report of weeks cannot have a category-table section, which counts whole months");
    expect(messageOf({ ...week, period: "month" })).toContain('a day-table needs a report of weeks or days (period "week", "fortnight" or "day"), not "month"');
  });
});

describe("editions of weeks and days", () => {
  it("names a week, a fortnight and a day by their end, uses the deliveries up to the month of the last day", () => {
    const w1 = editionOf("week", "2026-w01", "t");
    expect(w1).toMatchObject({ id: "2026-w01", label: "week 1, 29 december 2025 t/m 4 januari 2026", month: monthOf(2026, 1), period: { first: monthOf(2025, 12), last: monthOf(2026, 1) } });
    expect(editionOf("fortnight", "2025-W50", "t")).toMatchObject({ id: "2025-w50", label: "week 49 en 50, 1 t/m 14 december 2025" });
    expect(editionOf("day", "2025-12-08", "t")).toMatchObject({ id: "2025-12-08", label: "maandag 8 december 2025", month: monthOf(2025, 12) });
  });

  it("refuses a week 53 of a year that has 52, and a month where a week is asked for", () => {
    expect(() => editionOf("week", "2025-w53", "weekrapportage")).toThrow(/weekrapportage: period "2025-w53" is not an ISO week \(2025 has 52 ISO weeks\)/);
    expect(editionOf("week", "2026-w53", "t").id).toBe("2026-w53");
    expect(() => editionOf("week", "2025-12", "weekrapportage")).toThrow(UserError);
  });

  it("finds the edition before, across new year", () => {
    expect(previousEdition("week", editionOf("week", "2027-w01", "t"), "t").id).toBe("2026-w53");
    expect(previousEdition("fortnight", editionOf("fortnight", "2026-w02", "t"), "t").id).toBe("2025-w52");
    const day = previousEdition("day", editionOf("day", "2026-01-01", "t"), "t");
    expect(day.id).toBe("2025-12-31");
    expect(day.days && formatDay(day.days.first)).toBe("2025-12-31");
  });
});

describe("fenomenen", () => {
  it("resolve to the klassen of their soorten, INP categories and klassen, each once", async () => {
    const { classification } = await realReference();
    const fenomenen = resolveFenomenen([{ id: "grotere-incidenten", label: "Grotere incidenten", categories: ["soort:1.4.7", "klasse:F540", "J:1.4.7"] }], classification);
    const woninginbraak = fenomenen.get("fenomeen:woninginbraak");
    expect([...(woninginbraak?.klassen ?? [])].sort()).toEqual(["1.1.1", "A20", "A30", "B20", "B30"]);
    const groter = fenomenen.get("fenomeen:grotere-incidenten");
    expect(groter?.klassen.has("F540")).toBe(true);
    // The overval soort and its INP niv3 hold the same klassen: each is in the set once.
    expect([...(groter?.klassen ?? [])].sort()).toEqual(["1.4.7", "B72", "B73", "B74", "F540"]);
    expect(fenomenen.get("fenomeen:ondermijning")?.klassen.has("F42")).toBe(true);
    expect(fenomenen.get("fenomeen:ondermijning")?.note).toContain("geen klasse voor witwassen");
  });

  it("count the pseudo-klasse of a soort in input by soort", async () => {
    const { classification } = await realReference();
    const fenomenen = resolveFenomenen([], classification);
    expect(fenomenen.get("fenomeen:woninginbraak")?.klassen.has("1.1.1")).toBe(true);
    expect(fenomenen.get("fenomeen:fietsdiefstal")?.klassen.has("1.2.3")).toBe(true);
    expect(fenomenen.get("fenomeen:fietsdiefstal")?.klassen.has("1.1.1")).toBe(false);
  });

  it("may be replaced by a definition's own of the same id", async () => {
    const { classification } = await realReference();
    const fenomenen = resolveFenomenen([{ id: "woninginbraak", label: "Inbraak", categories: ["klasse:A20"] }], classification);
    expect([...(fenomenen.get("fenomeen:woninginbraak")?.klassen ?? [])]).toEqual(["A20"]);
  });
});
