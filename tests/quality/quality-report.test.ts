import { beforeAll, describe, expect, it } from "vitest";
import type { FileReport, IngestReport } from "../../src/ingest/ingest.ts";
import { qualityReport, type QualityInput } from "../../src/quality/quality-report.ts";
import { renderQualityReport, qualityReportJson } from "../../src/quality/render-quality-report.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { miniReference, ROOT } from "../helpers.ts";
import path from "node:path";

let reference: Reference;

beforeAll(async () => {
  reference = await miniReference();
});

function file(name: string, delivery: string | undefined, used: number, months: Record<string, number> = delivery ? { [delivery]: used } : {}): FileReport {
  return { file: name, encoding: "utf-8", delimiter: ";", format: "bvh-registraties", rows: used, ignoredColumns: ["Straat"], delivery, used, rejected: 0, revised: 0, repeated: 0, months };
}

function ingest(files: FileReport[], extra: Partial<IngestReport> = {}): IngestReport {
  const rows = files.reduce((sum, entry) => sum + entry.rows, 0);
  return { files, rowsRead: rows, rowsUsed: rows, rowsRejected: 0, rejections: {}, revisions: { count: 0, examples: [] }, duplicates: { count: 0, examples: [] }, unknownCodes: [], categoryMoves: [], notices: {}, voorlopig: [], ...extra };
}

function input(report: IngestReport, skipped: QualityInput["folder"]["skipped"] = []): QualityInput {
  return { ingest: report, folder: { skipped }, reference, periode: "2025-12", buildDate: "2026-01-10", maxRejectedShare: 0.001, earliestYear: 2010 };
}

describe("qualityReport", () => {
  it("is ok when every delivery is there, complete and fully used", () => {
    const report = qualityReport(input(ingest(["2025-09", "2025-10", "2025-11", "2025-12"].map((month) => file(`bvh-export-${month}.csv`, month, 100)))));
    expect(report.status).toBe("ok");
    expect(report.warnings).toEqual([]);
    expect(report.deliveries).toEqual({ first: "2025-09", last: "2025-12", missing: [], undated: [] });
  });

  it("warns about a gap in the deliveries, a delivery cut short and one without its own month", () => {
    const report = qualityReport(
      input(
        ingest([
          file("bvh-export-2025-07.csv", "2025-07", 100),
          file("bvh-export-2025-08.csv", "2025-08", 100),
          file("bvh-export-2025-10.csv", "2025-10", 30),
          file("bvh-export-2025-11.csv", "2025-11", 100, { "2025-10": 100 }),
          file("bvh-export-2025-12.csv", "2025-12", 100),
        ]),
      ),
    );
    expect(report.status).toBe("warnings");
    expect(report.warnings).toEqual([
      "no delivery for 2025-09 between 2025-07 and 2025-12",
      "bvh-export-2025-10.csv: 30 rows used, 70% fewer than the median delivery (100) — is the delivery complete?",
      "bvh-export-2025-11.csv: no registrations dated in its own month 2025-11 — is the delivery complete?",
    ]);
  });

  it("flags a small delivery only below ingest.partialDeliveryShare of the median", () => {
    const files = ["2025-09", "2025-10", "2025-11", "2025-12"].map((month) => file(`bvh-export-${month}.csv`, month, month === "2025-12" ? 30 : 100));
    expect(qualityReport(input(ingest(files))).warnings).toEqual(["bvh-export-2025-12.csv: 30 rows used, 70% fewer than the median delivery (100) — is the delivery complete?"]);
    expect(qualityReport({ ...input(ingest(files)), partialDeliveryShare: 0.25 }).warnings).toEqual([]);
  });

  it("is an error when more rows are rejected than allowed, or a file cannot be read, and a warning below the threshold", () => {
    const rejected = ingest([file("a-2025-12.csv", "2025-12", 1000)], { rowsRejected: 5, rowsUsed: 995, rejections: { "bad-date": { count: 5, examples: [{ file: "a-2025-12.csv", line: 7, detail: '"31-02-2025" is not an existing date' }] } } });
    const above = qualityReport(input(rejected));
    expect(above.status).toBe("errors");
    expect(above.errors).toEqual(["5 of 1.000 rows (0,50%) could not be used: more than ingest.maxRejectedShare allows (0,10%), so a build stops"]);
    expect(above.rejections).toEqual([{ reason: "bad-date", label: "geen of geen bestaande datum", count: 5, examples: [{ file: "a-2025-12.csv", line: 7, detail: '"31-02-2025" is not an existing date' }] }]);
    const below = qualityReport({ ...input(rejected), maxRejectedShare: 0.01 });
    expect(below.status).toBe("warnings");
    expect(below.warnings).toEqual(["5 of 1.000 rows (0,50%) could not be used"]);
    const unreadable = qualityReport(input(ingest([{ ...file("b-2025-12.csv", "2025-12", 0), error: "b-2025-12.csv: the file is empty" }])));
    expect(unreadable.errors).toEqual(["b-2025-12.csv: the file is empty"]);
  });

  it("names the nearest valid code of unknown klassen and areas with their names", () => {
    const report = qualityReport(
      input(
        ingest([file("a-2025-12.csv", "2025-12", 10)], {
          unknownCodes: [
            { field: "maatschappelijke_klasse", code: "B7O", suggestion: "B70", count: 3, examples: [] },
            { field: "buurtcode", code: "BU05890299", suggestion: "BU05890209", count: 1, examples: [] },
          ],
        }),
      ),
    );
    expect(report.unknownKlassen[0]).toMatchObject({ code: "B7O", suggestion: "B70", suggestionName: "Straatroof" });
    expect(report.unknownAreas[0]).toMatchObject({ code: "BU05890299", suggestion: "BU05890209", suggestionName: reference.areas.nameOf("BU05890209") });
  });

  it("renders as escaped HTML and as stable JSON", () => {
    const report = qualityReport(input(ingest([file("<script>x</script>-2025-12.csv", "2025-12", 10)]), [{ name: "<img src=x>.xlsx", reason: "not a .csv file" }]));
    const html = renderQualityReport(report, { layoutsDir: path.join(ROOT, "layouts"), organisation: "<b>Org</b>" });
    expect(html).toContain("&lt;script&gt;x&lt;/script&gt;-2025-12.csv");
    expect(html).toContain("&lt;img src=x&gt;.xlsx");
    expect(html).not.toMatch(/<script>x|<img src=x|<b>Org/);
    expect(qualityReportJson(report)).toBe(qualityReportJson(structuredClone(report)));
    expect(qualityReportJson(report).endsWith("}\n")).toBe(true);
  });
});
