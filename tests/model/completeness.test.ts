import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCompleteness, describeFinding, type CompletenessInput, type DeliveryFile } from "../../src/model/completeness.ts";
import { formatMonth, monthOf, type Month } from "../../src/model/months.ts";

/** Counts per area as "jjjj-mm" → count; months not listed count `fill`. */
function counts(series: Record<string, { fill: number; months?: Record<string, number> }>): CompletenessInput["count"] {
  return (area, month) => series[area]?.months?.[formatMonth(month)] ?? series[area]?.fill ?? 0;
}

const NAMES: Record<string, string> = { GM0344: "Utrecht", GM0339: "Renswoude", GM0307: "Amersfoort" };
const nameOf = (code: string): string => NAMES[code] ?? code;
const FROM = monthOf(2024, 1);
const TO = monthOf(2025, 12);

describe("checkCompleteness", () => {
  it("flags a month with far fewer registrations than its neighbours and the same month last year, naming area, month and numbers", () => {
    const result = checkCompleteness({
      areas: ["GM0344"],
      count: counts({ GM0344: { fill: 2450, months: { "2025-09": 2512, "2025-10": 312, "2025-11": 2430, "2024-10": 2481 } } }),
      from: FROM,
      to: TO,
    });
    expect(result.incomplete).toHaveLength(1);
    const [finding] = result.incomplete;
    expect(finding).toMatchObject({ kind: "levering-onvolledig", area: "GM0344", month: monthOf(2025, 10), count: 312, expected: 2481 });
    expect(describeFinding(finding!, nameOf)).toBe(
      "GM0344 Utrecht, oktober 2025: 312 registraties, verwacht ~2.481 (september 2025 2.512, november 2025 2.430, oktober 2024 2.481)",
    );
    expect(result.suspicious).toEqual([]);
  });

  it("flags a missing last month, which has no month after it, against the month before and last year", () => {
    const result = checkCompleteness({ areas: ["GM0344"], count: counts({ GM0344: { fill: 2450, months: { "2025-12": 0 } } }), from: FROM, to: TO });
    expect(result.incomplete.map((finding) => [finding.area, formatMonth(finding.month), finding.references.map((reference) => reference.kind)])).toEqual([
      ["GM0344", "2025-12", ["vorige maand", "vorig jaar"]],
    ]);
  });

  it("flags both of two missing months in a row: each still has two good references", () => {
    const result = checkCompleteness({
      areas: ["GM0344"],
      count: counts({ GM0344: { fill: 2450, months: { "2025-10": 0, "2025-11": 40 } } }),
      from: FROM,
      to: TO,
    });
    expect(result.incomplete.map((finding) => formatMonth(finding.month))).toEqual(["2025-10", "2025-11"]);
  });

  it("flags a delivery cut to 55% of its usual size (Utrecht December 1.101 → 625), and warns of one at 75%", () => {
    const cut = checkCompleteness({ areas: ["GM0344"], count: counts({ GM0344: { fill: 1101, months: { "2025-12": 625 } } }), from: FROM, to: TO });
    expect(cut.incomplete.map((finding) => [finding.kind, finding.area, formatMonth(finding.month), finding.count, finding.expected])).toEqual([["levering-onvolledig", "GM0344", "2025-12", 625, 1101]]);
    const low = checkCompleteness({ areas: ["GM0344"], count: counts({ GM0344: { fill: 2450, months: { "2025-06": 1840 } } }), from: FROM, to: TO });
    expect(low.incomplete).toEqual([]);
    expect(low.suspicious.map((finding) => [finding.kind, finding.area, formatMonth(finding.month)])).toEqual([["opvallend-laag", "GM0344", "2025-06"]]);
  });

  it("does not flag a small gemeente's natural low month, nor even an empty month of a gemeente too small to tell", () => {
    const result = checkCompleteness({
      areas: ["GM0339"],
      count: counts({ GM0339: { fill: 14, months: { "2025-03": 5, "2025-08": 0, "2024-08": 13 } } }),
      from: FROM,
      to: TO,
    });
    expect(result).toEqual({ incomplete: [], suspicious: [], redundantGaps: [] });
  });

  it("does not flag a seasonal low (low against its neighbours only) or a trend (low against last year only)", () => {
    const seasonal: Record<string, number> = { "2023-02": 1600, "2024-02": 1600, "2025-02": 1600 };
    // Amersfoort halves over 2025, 100 fewer each month: by December half of last year, but never far below its neighbours.
    const trend: Record<string, number> = {};
    for (let month = 1; month <= 12; month++) trend[`2025-${String(month).padStart(2, "0")}`] = 2400 - 100 * month;
    const result = checkCompleteness({
      areas: ["GM0344", "GM0307"],
      count: counts({ GM0344: { fill: 2450, months: seasonal }, GM0307: { fill: 2400, months: trend } }),
      from: FROM,
      to: TO,
    });
    expect(result).toEqual({ incomplete: [], suspicious: [], redundantGaps: [] });
  });

  it("does not flag a fall that lasts (the real drop of voorlopige figures), but does flag one in the last two months, which nothing yet tells from a gap", () => {
    const step: Record<string, number> = {};
    for (let month = 1; month <= 12; month++) step[`2025-${String(month).padStart(2, "0")}`] = 1000;
    const lasting = checkCompleteness({ areas: ["GM0307"], count: counts({ GM0307: { fill: 2400, months: step } }), from: FROM, to: TO });
    expect(lasting).toEqual({ incomplete: [], suspicious: [], redundantGaps: [] });
    const late = checkCompleteness({ areas: ["GM0307"], count: counts({ GM0307: { fill: 2400, months: { "2025-11": 1000, "2025-12": 1000 } } }), from: FROM, to: TO });
    expect(late.incomplete.map((finding) => formatMonth(finding.month))).toEqual(["2025-11", "2025-12"]);
  });

  it("judges every soort on its own: a soort missing from one month's delivery is found while the whole looks normal", () => {
    // Utrecht: 2.400 registrations a month, 330 of them fietsdiefstal (1.2.3); in January 2026 the A72 rows are missing: 35 left.
    const soort = (area: string, code: string, month: Month): number => (code === "1.2.3" ? (formatMonth(month) === "2026-01" ? 35 : 330) : 50);
    const result = checkCompleteness({
      areas: ["GM0344"],
      count: (_area, month) => (formatMonth(month) === "2026-01" ? 2400 - 295 : 2400),
      soorten: ["1.2.3", "1.1.1"],
      countOf: soort,
      from: FROM,
      to: monthOf(2026, 1),
    });
    expect(result.incomplete.map((finding) => [finding.area, finding.soort, formatMonth(finding.month), finding.count, finding.expected])).toEqual([["GM0344", "1.2.3", "2026-01", 35, 330]]);
    expect(describeFinding(result.incomplete[0]!, nameOf, undefined, () => "Diefstal van brom-, snor-, fietsen")).toBe(
      "GM0344 Utrecht, 1.2.3 Diefstal van brom-, snor-, fietsen, januari 2026: 35 registraties, verwacht ~330 (december 2025 330, januari 2025 330)",
    );
  });

  it("catches a missing regional delivery in the small gemeenten too, as one finding for the region", () => {
    const missing = { "2025-05": 0 };
    const result = checkCompleteness({
      areas: ["GM0344", "GM0307", "GM0339"],
      count: counts({ GM0344: { fill: 2450, months: missing }, GM0307: { fill: 1300, months: missing }, GM0339: { fill: 12, months: missing } }),
      from: FROM,
      to: TO,
    });
    expect(result.incomplete).toHaveLength(1);
    expect(result.incomplete[0]).toMatchObject({ kind: "levering-onvolledig", area: undefined, month: monthOf(2025, 5), count: 0, expected: 3762, gemeenten: ["GM0344", "GM0307"] });
    expect(describeFinding(result.incomplete[0]!, nameOf, "provincie Utrecht")).toMatch(
      /^provincie Utrecht, mei 2025: 0 registraties, verwacht ~3\.762 \(.*\); afzonderlijk onvolledig: GM0344 Utrecht, GM0307 Amersfoort$/,
    );
  });

  it("reports a delivery month without an export file when no other file holds its registrations", () => {
    const files: DeliveryFile[] = [
      { file: "bvh-export-2025-09.csv", delivery: "2025-09", months: { "2025-09": 2512 } },
      { file: "bvh-export-2025-11.csv", delivery: "2025-11", months: { "2025-11": 2430 } },
      { file: "bvh-export-2025-12.csv", delivery: "2025-12", months: { "2025-12": 2450 } },
    ];
    const result = checkCompleteness({
      areas: ["GM0344"],
      count: counts({ GM0344: { fill: 2450, months: { "2025-10": 0 } } }),
      from: monthOf(2025, 9),
      to: TO,
      dataFrom: monthOf(2025, 9),
      files,
    });
    expect(result.incomplete).toHaveLength(1);
    expect(result.incomplete[0]).toMatchObject({ kind: "levering-ontbreekt", area: undefined, month: monthOf(2025, 10), files: { before: "bvh-export-2025-09.csv", after: "bvh-export-2025-11.csv" } });
    expect(describeFinding(result.incomplete[0]!, nameOf)).toMatch(/^de regio, oktober 2025: 0 registraties, .*; geen exportbestand voor 2025-10 \(wel bvh-export-2025-09\.csv en bvh-export-2025-11\.csv\)/);
  });

  it("reports a missing file as missing even when the region is too small for the counts to tell", () => {
    const files: DeliveryFile[] = [
      { file: "a-2025-10.csv", delivery: "2025-10", months: { "2025-10": 3 } },
      { file: "a-2025-12.csv", delivery: "2025-12", months: { "2025-12": 4 } },
    ];
    const result = checkCompleteness({ areas: ["GM0339"], count: counts({ GM0339: { fill: 3, months: { "2025-11": 0 } } }), from: FROM, to: TO, dataFrom: monthOf(2025, 10), files });
    expect(result.incomplete.map((finding) => [finding.kind, formatMonth(finding.month)])).toEqual([["levering-ontbreekt", "2025-11"]]);
  });

  it("accepts a delivery month without a file when the next delivery holds its registrations (overlapping exports)", () => {
    const files: DeliveryFile[] = [
      { file: "bvh-export-2025-09.csv", delivery: "2025-09", months: { "2025-08": 2400, "2025-09": 2512 } },
      { file: "bvh-export-2025-11.csv", delivery: "2025-11", months: { "2025-10": 2470, "2025-11": 2430 } },
    ];
    const result = checkCompleteness({ areas: ["GM0344"], count: counts({ GM0344: { fill: 2450 } }), from: monthOf(2025, 9), to: monthOf(2025, 11), files });
    expect(result).toEqual({ incomplete: [], suspicious: [], redundantGaps: [monthOf(2025, 10)] });
  });

  it("uses no reference before the first delivery: old registrations in the first export are not a baseline", () => {
    // The first export (2025-01) holds a handful of 2024 registrations, as real exports do.
    const result = checkCompleteness({
      areas: ["GM0344"],
      count: counts({ GM0344: { fill: 2450, months: { "2024-12": 40, "2024-01": 3 } } }),
      from: monthOf(2024, 1),
      to: monthOf(2025, 12),
      dataFrom: monthOf(2025, 1),
    });
    expect(result.incomplete).toEqual([]);
  });
});

/** A seeded stream of uniform numbers in [0, 1) (mulberry32). */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw: exact by inversion up to λ = 200, normal with continuity correction above (its tails are, if anything, heavier below). */
function poisson(lambda: number, random: () => number): number {
  if (lambda > 200) {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  let k = 0;
  let p = Math.exp(-lambda);
  let cumulative = p;
  const u = random();
  while (u > cumulative && k < 10 * lambda + 50) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}

describe("checkCompleteness: no false alarms from count noise", () => {
  it("never flags six years of Poisson draws at a seasonal rate, for gemeenten from tiny to large (seeded)", () => {
    const SEASON = [0.92, 0.85, 0.97, 0.98, 1.03, 1.0, 1.05, 1.04, 1.0, 1.05, 1.02, 1.09];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 6000, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        (rates, seed, trend) => {
          const random = uniforms(seed);
          const first = monthOf(2020, 1);
          const last = monthOf(2025, 12);
          const series = rates.map((rate) => {
            const values = new Map<Month, number>();
            for (let month = first; month <= last; month++) {
              const year = Math.floor((month - first) / 12);
              values.set(month, poisson(rate * (SEASON[month % 12] ?? 1) * (1 + trend) ** year, random));
            }
            return values;
          });
          const result = checkCompleteness({
            areas: rates.map((_, i) => `GM${i}`),
            count: (area, month) => series[Number(area.slice(2))]?.get(month) ?? 0,
            from: first,
            to: last,
            dataFrom: first,
          });
          expect(result.incomplete).toEqual([]);
          expect(result.suspicious).toEqual([]);
        },
      ),
      { seed: 20260110, numRuns: 300 },
    );
  });
});

describe("checkCompleteness per soort: no false alarms from count noise", () => {
  it("never flags six years of Poisson draws per soort, for soorten from tiny to large (seeded)", () => {
    const SEASON = [0.92, 0.85, 0.97, 0.98, 1.03, 1.0, 1.05, 1.04, 1.0, 1.05, 1.02, 1.09];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0.2, max: 1500, noNaN: true }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        (areas, seed, trend) => {
          const random = uniforms(seed);
          const first = monthOf(2020, 1);
          const last = monthOf(2025, 12);
          const series = areas.map((rates) =>
            rates.map((rate) => {
              const values = new Map<Month, number>();
              for (let month = first; month <= last; month++) values.set(month, poisson(rate * (SEASON[month % 12] ?? 1) * (1 + trend) ** Math.floor((month - first) / 12), random));
              return values;
            }),
          );
          const result = checkCompleteness({
            areas: areas.map((_, i) => `GM${i}`),
            count: (area, month) => (series[Number(area.slice(2))] ?? []).reduce((sum, values) => sum + (values.get(month) ?? 0), 0),
            soorten: areas[0]?.map((_, i) => `S${i}`) ?? [],
            countOf: (area, soort, month) => series[Number(area.slice(2))]?.[Number(soort.slice(1))]?.get(month) ?? 0,
            from: first,
            to: last,
            dataFrom: first,
          });
          expect(result.incomplete).toEqual([]);
          expect(result.suspicious).toEqual([]);
        },
      ),
      { seed: 20261201, numRuns: 200 },
    );
  });
});
