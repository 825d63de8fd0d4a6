// One build of the benchmark project in its own process (so its peak memory is its own), with the
// tool as `veiligheidsbeeld build` runs it (compiled: scripts/compile-tool.js): prints the build's
// log lines, then `maxRss=<kB>`. Used by scripts/bench.ts.
import { compiledTool } from "../compile-tool.js";

const [dir] = process.argv.slice(2);
const tool = await compiledTool();
const { build } = await import(tool.build);
const { readConfig } = await import(tool["read-config"]);
const config = await readConfig(dir ?? ".");
const started = performance.now();
// Each line with the seconds since the start, so the bench (and a reader) sees where time goes,
// and the memory (RSS) at that moment.
const print = (message) => void process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0).padStart(5)} MB] ${message}\n`);
const log = { step: print, info: print, warn: print, progress: () => undefined };
// Without allowIncomplete: the real (voorlopige) 2025 figures of a few gemeenten fall far below 2024
// (Hattem: 35 against 127), but they stay low all year, and a lasting fall is not a missing delivery.
await build({ config, buildDate: config.buildDate ?? "2026-02-10", log });
print(`maxRss=${process.resourceUsage().maxRSS}`);
