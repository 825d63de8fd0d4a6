import path from "node:path";
import { build } from "../pipeline/build.ts";
import { readConfig } from "../config/read-config.ts";
import { deliverPackages } from "../deliver/deliver.ts";
import { buildDateOf, COMMON_HELP, COMMON_OPTIONS, EXIT_CODES, type Command } from "./command.ts";
import { consoleLog } from "./console-log.ts";
import { exitSafelyOnSignals } from "./interrupt.ts";

export const deliverCommand: Command = {
  name: "deliver",
  summary: "build, then put each recipient's data packages into its folder under the drop folder",
  help: `veiligheidsbeeld deliver — build, then deliver each recipient's data packages

Usage: veiligheidsbeeld deliver [options]

Runs \`build\` (the same checks and output), and only when it succeeded copies each data package
the build made for a recipient (see "recipients" in the config) into
<drop folder>/<recipient id>/<report>-<edition>-<recipient id>/, swapped in whole so that a
recipient's system sees the previous package or the new one, never half of one. Every delivery
is appended to the record of provision (verstrekkingen/leveringen.jsonl in the output folder):
what, to whom, on which legal basis, when, and the SHA-256 of every file.

Options:
  --config <file|folder>    project config (default: ./veiligheidsbeeld.config.json or .mjs)
  --recipient <id>          deliver only to this recipient (repeatable; default: all)
  --drop <folder>           the drop folder (default: paths.delivery of the config, "levering")
  --report <kind>           build only this report (repeatable; "all" for every report)
  --period <edition>        edition: jjjj-mm, jjjj-H1, jjjj-Q3 or jjjj (default: the config's periods)
  --build-date <jjjj-mm-dd> the date the reports are made on (default: config buildDate, else today)
  --no-pdf                  skip the PDFs
  --allow-incomplete        build even when a delivery of exports looks missing or partial
  --no-cache                do not reuse the ingested exports or unchanged pages of earlier builds
${COMMON_HELP}

${EXIT_CODES}`,
  options: {
    ...COMMON_OPTIONS,
    config: { type: "string" },
    recipient: { type: "string", multiple: true },
    drop: { type: "string" },
    report: { type: "string", multiple: true },
    period: { type: "string" },
    "build-date": { type: "string" },
    "no-pdf": { type: "boolean" },
    "allow-incomplete": { type: "boolean" },
    "no-cache": { type: "boolean" },
  },
  positionals: 0,
  async run(values, _positionals, io) {
    const config = await readConfig(typeof values.config === "string" ? values.config : io.cwd);
    const buildDate = buildDateOf(values["build-date"], config.buildDate, io);
    const log = consoleLog(io.stderr, io.env);
    const release = exitSafelyOnSignals(io.stderr, `${config.paths.output} was left as it was.`);
    try {
      const result = await build({
        config,
        buildDate,
        ...(Array.isArray(values.report) ? { reports: values.report.map(String) } : {}),
        ...(typeof values.period === "string" ? { period: values.period } : {}),
        pdf: !values["no-pdf"],
        allowIncomplete: values["allow-incomplete"] === true,
        cache: !values["no-cache"],
        log,
      });
      const dropFolder = typeof values.drop === "string" ? path.resolve(io.cwd, values.drop) : config.paths.delivery;
      const entries = await deliverPackages({
        outDir: result.outDir,
        dropFolder,
        packages: result.packages,
        ...(Array.isArray(values.recipient) ? { recipients: values.recipient.map(String) } : {}),
        buildDate,
        deliveredAt: (io.now?.() ?? new Date()).toISOString(),
        organisation: config.organisation,
        ...(config.paths.layouts ? { layoutsDir: config.paths.layouts } : {}),
        onWait: (message) => log.step(message),
      });
      for (const entry of entries) log.info(`delivered ${entry.package} to ${entry.recipient.name} (${entry.files.length} files)`);
      log.step(`delivered ${entries.length} data package(s) to ${new Set(entries.map((entry) => entry.recipient.id)).size} recipient(s) in ${dropFolder}; recorded in ${path.join(result.outDir, "verstrekkingen", "leveringen.jsonl")}`);
      return 0;
    } finally {
      release();
    }
  },
};
