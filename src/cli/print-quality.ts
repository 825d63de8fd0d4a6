import type { Example } from "../ingest/ingest.ts";
import type { QualityReport } from "../quality/quality-report.ts";
import type { Paint } from "./colours.ts";

const MAX_FILES_LISTED = 24;

/**
 * The data-quality report as terminal text: a summary a person reads top to bottom — files, rows,
 * why rows were not used with the first examples, unknown codes with the nearest valid ones,
 * revisions, gaps — and the warnings and errors last, where the eye lands.
 */
export function formatQualityReport(report: QualityReport, paint: Paint): string {
  const nl = (value: number): string => value.toLocaleString("nl-NL");
  const lines: string[] = [];
  const example = (entry: Example, withDetail = true): string => `      ${entry.file}:${entry.line}${withDetail && entry.detail ? `: ${entry.detail}` : ""}`;

  lines.push(paint.bold(`Data quality of the exports up to ${report.periode} (build date ${report.buildDate})`), "");
  lines.push(`files: ${report.files.length}`);
  const shown = report.files.length > MAX_FILES_LISTED ? [...report.files.slice(0, 3), undefined, ...report.files.slice(-(MAX_FILES_LISTED - 4))] : report.files;
  const width = Math.max(...report.files.map((file) => file.file.length), 4);
  for (const file of shown) {
    if (!file) {
      lines.push(`  … ${report.files.length - MAX_FILES_LISTED + 1} more`);
      continue;
    }
    const name = file.file.padEnd(width);
    if (file.error) {
      lines.push(`  ${name}  ${paint.red("cannot be read")}: ${file.error.split("\n")[0]}`);
      if (file.hint) lines.push(`  ${" ".repeat(width)}  ${file.hint}`);
    }
    else {
      const delimiter = file.delimiter === "\t" ? "tab" : file.delimiter;
      const months = file.months.first ? (file.months.first === file.months.last ? file.months.first : `${file.months.first}…${file.months.last}`) : "no months";
      lines.push(
        `  ${name}  ${file.format.padEnd(16)} ${file.encoding.padEnd(12)} ${delimiter.padEnd(3)} ${nl(file.rows).padStart(9)} rows ${nl(file.used).padStart(9)} used ${nl(file.rejected).padStart(6)} rejected ${nl(file.revised).padStart(6)} revised  ${months}`,
      );
    }
  }
  const ignored = [...new Set(report.files.flatMap((file) => file.ignoredColumns))];
  if (ignored.length > 0) lines.push(`  columns not read (not on the allow-list): ${ignored.join(", ")}`);
  for (const entry of report.notRead) lines.push(`  not read: ${entry.name} (${entry.reason})`);

  const share = (value: number): string => `${(value * 100).toFixed(2).replace(".", ",")}%`;
  lines.push(
    "",
    `rows: ${nl(report.rows.read)} read, ${nl(report.rows.used)} used, ${nl(report.rows.rejected)} rejected (${share(report.rows.rejectedShare)}; allowed ${share(report.rows.maxRejectedShare)})`,
  );
  if (report.rejections.length > 0) {
    lines.push("rejected rows by reason:");
    for (const entry of report.rejections) {
      lines.push(`  ${nl(entry.count).padStart(7)} × ${entry.reason} (${entry.label})`);
      for (const first of entry.examples) lines.push(example(first));
    }
  }
  const unknown = [...report.unknownKlassen, ...report.unknownAreas];
  if (unknown.length > 0) {
    lines.push("unknown codes:");
    for (const entry of unknown) {
      const nearest = entry.suggestion ? ` — nearest valid: ${entry.suggestion}${entry.suggestionName ? ` (${entry.suggestionName})` : ""}` : "";
      lines.push(`  ${entry.field} ${entry.code ? `"${entry.code}"` : "(value not shown)"}: ${nl(entry.count)} row(s)${nearest}; first at ${entry.examples.map((first) => `${first.file}:${first.line}`).join(", ")}`);
    }
  }
  if (report.dates.future.count > 0 || report.dates.tooEarly.count > 0) {
    lines.push(`dates out of range: ${nl(report.dates.future.count)} in the future, ${nl(report.dates.tooEarly.count)} before ${report.dates.earliestYear}`);
  }
  lines.push(`revisions by a later delivery: ${nl(report.revisions.count)}; registratienummers twice in one file: ${nl(report.duplicates.count)}`);
  if (report.categoryMoves.length > 0) {
    lines.push("codes that moved category (revisions to another INP niv3 or CBS soort):");
    for (const move of report.categoryMoves.slice(0, 10)) lines.push(`  ${nl(move.count).padStart(7)} × ${move.label}`);
    if (report.categoryMoves.length > 10) lines.push(`  … and ${report.categoryMoves.length - 10} more pairs (see the report)`);
  }
  const { deliveries } = report;
  if (deliveries.first) {
    lines.push(`deliveries: ${deliveries.first} … ${deliveries.last}${deliveries.missing.length > 0 ? `, missing ${deliveries.missing.join(", ")}` : ", none missing"}`);
  }

  if (report.warnings.length > 0) {
    lines.push("", paint.yellow(`warnings (${report.warnings.length}):`));
    for (const warning of report.warnings) lines.push(`  ${warning}`);
  }
  if (report.errors.length > 0) {
    lines.push("", paint.red(`errors (${report.errors.length}):`));
    for (const error of report.errors) lines.push(`  ${error.split("\n").join("\n  ")}`);
  }
  return `${lines.join("\n")}\n`;
}
