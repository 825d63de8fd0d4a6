#!/usr/bin/env node
// Entry point of the `veiligheidsbeeld` command: runs the CLI as compiled from src/ (compiled
// again first whenever src/ changed: scripts/compile-tool.js). Should it not compile — a syntax
// error in a source being edited — the sources run through tsx instead, which names file and line.
import { compiledTool } from "../scripts/compile-tool.js";

const compiled = await compiledTool().catch(() => undefined);
let main;
if (compiled) ({ main } = await import(compiled.main));
else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
