import path from "node:path";
import { writeFileAtomic } from "../output/staging.ts";
import type { QualityReport } from "./quality-report.ts";
import { qualityReportJson, renderQualityReport, type RenderQualityOptions } from "./render-quality-report.ts";

/**
 * Writes `kwaliteit/<periode>.html` and `.json` under `outDir`, each file replaced whole.
 * Returns the two paths written.
 */
export async function writeQualityReport(report: QualityReport, outDir: string, options: RenderQualityOptions): Promise<{ html: string; json: string }> {
  const html = path.join(outDir, "kwaliteit", `${report.periode}.html`);
  const json = path.join(outDir, "kwaliteit", `${report.periode}.json`);
  await writeFileAtomic(html, renderQualityReport(report, options));
  await writeFileAtomic(json, qualityReportJson(report));
  return { html, json };
}
