import { build } from "../pipeline/build.ts";
import { parseShard } from "../pipeline/shard.ts";
import { readConfig } from "../config/read-config.ts";
import { areasOf, buildDateOf, COMMON_HELP, COMMON_OPTIONS, EXIT_CODES, type Command } from "./command.ts";
import { consoleLog } from "./console-log.ts";
import { exitSafelyOnSignals } from "./interrupt.ts";

export const buildCommand: Command = {
  name: "build",
  summary: "check the exports, then build the reports (HTML, PDF, downloads) into the output folder",
  help: `veiligheidsbeeld build — check the exports, then build the reports into the output folder

Usage: veiligheidsbeeld build [options]

Runs the checks of \`validate\` first (a build stops on an unreadable file or too many rejected
rows, and writes kwaliteit/<jjjj-mm>.html beside the reports), then writes every edition asked
for into a staging folder that replaces the output only when all of it — PDFs included — has
succeeded. An interrupted or failed build leaves the output as it was.

Options:
  --config <file|folder>    project config (default: ./veiligheidsbeeld.config.json or .mjs)
  --report <kind>           build only this report (repeatable; "all" for every report;
                            default: those in the config)
  --period <edition>        edition: jjjj-mm, jjjj-H1, jjjj-Q3, jjjj, a week jjjj-wNN or a day jjjj-mm-dd (default: the config's periods)
  --area <code>             only this area, e.g. GM0344 (repeatable, or comma-separated)
  --build-date <jjjj-mm-dd> the date the reports are made on (default: config buildDate, else today);
                            the same inputs and build date give byte-identical output
  --no-pdf                  skip the PDFs
  --allow-incomplete        build even when a delivery looks missing or partial; the figures
                            of those months are marked onvolledig (°)
  --shard <i/n>             build the i-th of n shares of the areas (parallel CI jobs), each into
                            its own output folder; \`veiligheidsbeeld merge\` joins them into what
                            one build gives
  --no-cache                do not reuse the ingested exports or unchanged pages of earlier builds
                            (kept in paths.cache); the output is the same either way
${COMMON_HELP}

${EXIT_CODES}`,
  options: {
    ...COMMON_OPTIONS,
    config: { type: "string" },
    report: { type: "string", multiple: true },
    period: { type: "string" },
    area: { type: "string", multiple: true },
    "build-date": { type: "string" },
    "no-pdf": { type: "boolean" },
    "allow-incomplete": { type: "boolean" },
    shard: { type: "string" },
    "no-cache": { type: "boolean" },
  },
  positionals: 0,
  async run(values, _positionals, io) {
    const config = await readConfig(typeof values.config === "string" ? values.config : io.cwd);
    const buildDate = buildDateOf(values["build-date"], config.buildDate, io);
    const log = consoleLog(io.stderr, io.env);
    const started = Date.now();
    const release = exitSafelyOnSignals(io.stderr, `${config.paths.output} was left as it was.`);
    try {
      const areas = areasOf(values.area);
      const result = await build({
        config,
        buildDate,
        ...(Array.isArray(values.report) ? { reports: values.report.map(String) } : {}),
        ...(typeof values.period === "string" ? { period: values.period } : {}),
        ...(areas ? { areas } : {}),
        pdf: !values["no-pdf"],
        allowIncomplete: values["allow-incomplete"] === true,
        ...(typeof values.shard === "string" ? { shard: parseShard(values.shard) } : {}),
        cache: !values["no-cache"],
        log,
      });
      log.step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.pages} pages, ${result.pdfs} PDFs in ${result.outDir}`);
      if (result.quality.warnings.length > 0) {
        log.info(`${result.quality.warnings.length} data-quality warning(s); see ${result.outDir}/kwaliteit/${result.quality.periode}.html`);
      }
      return 0;
    } finally {
      release();
    }
  },
};
