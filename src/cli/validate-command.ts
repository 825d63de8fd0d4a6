import path from "node:path";
import { LAYOUTS_DIR } from "../pipeline/build.ts";
import { readConfig } from "../config/read-config.ts";
import { openOutput } from "../output/output-lock.ts";
import { validateExports } from "../pipeline/stages/ingest-and-check.ts";
import { writeQualityReport } from "../quality/write-quality-report.ts";
import { colours } from "./colours.ts";
import { buildDateOf, COMMON_HELP, COMMON_OPTIONS, type Command } from "./command.ts";
import { consoleLog } from "./console-log.ts";
import { exitSafelyOnSignals } from "./interrupt.ts";
import { formatQualityReport } from "./print-quality.ts";

export const validateCommand: Command = {
  name: "validate",
  summary: "check the exports and write the data-quality report (kwaliteit/<jjjj-mm>.html and .json)",
  help: `veiligheidsbeeld validate — check the exports and report their data quality

Usage: veiligheidsbeeld validate [options]

Reads every export up to the period (going on past a file that cannot be read, so one run names
every problem), prints what it found and writes it to <output>/kwaliteit/<jjjj-mm>.html and .json:
files read (format, encoding, separator), rows read/used/rejected by reason with the first examples
(file:line), unknown klassen and buurtcodes with the nearest valid codes, duplicates and revisions
between deliveries, missing deliveries and deliveries that look cut short, dates in the future or
too early, and codes that moved category. The report holds counts, codes and file:line only — never
a registratienummer, an address or free text. Nothing else in the output folder is touched.

Options:
  --config <file|folder>    project config (default: ./veiligheidsbeeld.config.json or .mjs)
  --period <jjjj-mm>        check the deliveries up to and including this month (default: the latest)
  --build-date <jjjj-mm-dd> registrations dated after this month are "in the future"
                            (default: config buildDate, else today)
  --strict                  exit with 1 on warnings too
${COMMON_HELP}

Exit codes: 0 no errors (warnings are printed) · 1 errors: a file cannot be read, or more rows are
            rejected than ingest.maxRejectedShare allows (a build would stop); with --strict also
            on warnings · 2 usage errors · 130 interrupted (Ctrl-C)`,
  options: {
    ...COMMON_OPTIONS,
    config: { type: "string" },
    period: { type: "string" },
    "build-date": { type: "string" },
    strict: { type: "boolean" },
  },
  positionals: 0,
  async run(values, _positionals, io) {
    const config = await readConfig(typeof values.config === "string" ? values.config : io.cwd);
    const buildDate = buildDateOf(values["build-date"], config.buildDate, io);
    const log = consoleLog(io.stderr, io.env);
    const release = exitSafelyOnSignals(io.stderr, `${config.paths.output} was left as it was.`);
    // Before anything: a build writing the same output is waited for, a half-swapped output put back
    // (else the quality report would make a new output folder, and the next build drop the old one).
    const lock = await openOutput(config.paths.output, { onWait: (message) => log.step(message) });
    try {
      const report = await validateExports({ config, buildDate, ...(typeof values.period === "string" ? { period: values.period } : {}) }, log);
      const written = await writeQualityReport(report, config.paths.output, { layoutsDir: config.paths.layouts ?? LAYOUTS_DIR, organisation: config.organisation });
      io.stdout.write(`\n${formatQualityReport(report, colours(io.stdout, io.env))}`);
      io.stdout.write(`\nreport: ${relative(io.cwd, written.html)} and ${relative(io.cwd, written.json)}\n`);
      if (report.errors.length > 0) return 1;
      return values.strict && report.warnings.length > 0 ? 1 : 0;
    } finally {
      await lock.release();
      release();
    }
  },
};

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith("..") ? file : rel;
}
