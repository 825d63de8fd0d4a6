import path from "node:path";
import { mergeShards } from "../pipeline/merge-shards.ts";
import { readConfig } from "../config/read-config.ts";
import { UserError } from "../user-error.ts";
import { COMMON_HELP, COMMON_OPTIONS, EXIT_CODES, type Command } from "./command.ts";
import { consoleLog } from "./console-log.ts";

export const mergeCommand: Command = {
  name: "merge",
  summary: "join the output folders of the shards of one build (build --shard i/n) into the output folder",
  help: `veiligheidsbeeld merge — join the outputs of the shards of one build

Usage: veiligheidsbeeld merge <shard folder>… [options]

Each job of a parallel build runs \`veiligheidsbeeld build --shard i/n\` into its own output folder;
merge copies them all into the output folder (through a staging folder, swapped in when complete)
with one record of provision listing every file: the same files as one build would write.
Refuses folders that are not shards of the same build (other inputs, config or build date).

Options:
  --config <file|folder>    project config (default: ./veiligheidsbeeld.config.json or .mjs)
  --out <folder>            where the merged output goes (default: paths.output of the config)
${COMMON_HELP}

${EXIT_CODES}`,
  options: { ...COMMON_OPTIONS, config: { type: "string" }, out: { type: "string" } },
  positionals: 1000,
  async run(values, positionals, io) {
    if (positionals.length === 0) throw new UserError("No shard folders given", { hint: "veiligheidsbeeld merge shard-1/dist shard-2/dist … [--out dist]", exitCode: 2 });
    const config = await readConfig(typeof values.config === "string" ? values.config : io.cwd);
    const out = typeof values.out === "string" ? path.resolve(io.cwd, values.out) : config.paths.output;
    const { files } = await mergeShards(positionals.map((dir) => path.resolve(io.cwd, dir)), out, config.organisation, config.paths.layouts);
    consoleLog(io.stderr, io.env).step(`merged ${positionals.length} shard(s): ${files} files in ${out}`);
    return 0;
  },
};
