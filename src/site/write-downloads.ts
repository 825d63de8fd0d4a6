import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ReportPage, SitePage } from "../reports/page.ts";
import { tableToCsv } from "./csv.ts";
import { tablesToXlsx } from "./xlsx.ts";

/**
 * Writes the downloads beside the pages: a CSV per table and an XLSX per page, as the page data
 * names them. `buildDate` ("jjjj-mm-dd") fixes the workbook dates. Returns the paths written,
 * relative to `outDir`.
 */
export async function writeDownloads(pages: readonly SitePage[], outDir: string, buildDate: string): Promise<string[]> {
  const written: string[] = [];
  const date = new Date(`${buildDate}T00:00:00Z`);
  for (const page of pages) {
    if (!("sections" in page)) continue;
    const report = page as ReportPage;
    for (const section of report.sections) {
      if (!("table" in section) || !section.csv) continue;
      await write(outDir, section.csv.path, tableToCsv(section.table));
      written.push(section.csv.path);
    }
    if (report.xlsx) {
      await write(outDir, report.xlsx.path, await tablesToXlsx(report.sections.flatMap((section) => ("table" in section ? [{ title: section.title, table: section.table }] : [])), date));
      written.push(report.xlsx.path);
    }
  }
  return written;
}

async function write(outDir: string, file: string, content: string | Buffer): Promise<void> {
  const target = path.join(outDir, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}
