import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import type { Config } from "../../src/config/normalize-config.ts";
import { ingest, type IngestResult } from "../../src/ingest/ingest.ts";
import { listExports } from "../../src/ingest/list-exports.ts";
import { CubeBuilder } from "../../src/model/cube.ts";
import { monthOf } from "../../src/model/months.ts";
import { loadReference } from "../../src/reference/load-reference.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, fixtureConfig, tempDir } from "../helpers.ts";

/**
 * Yearly input (an open-data table of one soort, 2021–2025) asked for monthly and yearly reports.
 * The yearly cube is handed to the build through its memo, standing in for the ingest of the
 * open-data formats: what is tested is the build's planning, not the reading of files.
 */
let work: string;
let config: Config;
let yearly: IngestResult;

beforeAll(async () => {
  work = await tempDir();
  config = await fixtureConfig("mini", path.join(work, "dist"));
  const reference = await loadReference(config);
  const real = await ingest(await listExports(config.paths.exports), { reference, columns: config.columns, lastPlausibleMonth: monthOf(2026, 1), earliestYear: 2010 });
  const builder = new CubeBuilder();
  builder.noteGranularity("year");
  builder.noteSoort("1.2.3");
  for (let year = 2021; year <= 2025; year++) {
    builder.add("BU05890201", monthOf(year, 1), "1.2.3", 40 + year - 2021);
    builder.add("BU03350001", monthOf(year, 1), "1.2.3", 30);
  }
  yearly = { ...real, cube: builder.build(), snapshots: new Map() };
});
afterAll(() => cleanup(work));

/** A memo that answers every ingest with the yearly cube. */
function yearlyMemo(): Map<string, unknown> {
  return new (class extends Map<string, unknown> {
    override has(key: string): boolean {
      return key.startsWith("ingest ") || super.has(key);
    }
    override get(key: string): unknown {
      return key.startsWith("ingest ") ? yearly : super.get(key);
    }
  })();
}

const outDir = (name: string): Config => ({ ...config, paths: { ...config.paths, output: path.join(work, name) } });

describe("build on yearly input", () => {
  it("stops a monthly report named on the command line before it writes anything, naming report, period and input", async () => {
    const error = await build({ config: outDir("monthly"), buildDate: "2026-01-10", reports: ["tabellenboek"], period: "2025-12", pdf: false, cache: false, log: recordingLog(), memo: yearlyMemo() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe("tabellenboek 2025-12 needs monthly figures; the exports hold yearly figures only (2021–2025)");
    expect((error as UserError).exitCode).toBe(2);
    await expect(readdir(path.join(work, "monthly"))).rejects.toThrow();
  });

  it("with --report all builds the yearly gebiedsscan and leaves out, with a line in the log, what needs months or half years", async () => {
    const log = recordingLog();
    const result = await build({ config: outDir("all"), buildDate: "2026-01-10", reports: ["all"], period: "2025", pdf: false, cache: false, log, memo: yearlyMemo() });
    expect(result.editions).toEqual([{ kind: "gebiedsscan", edition: "2025" }]);
    const lines = log.lines.filter((line) => line.startsWith("--report all:"));
    expect(lines).toContain("--report all: tabellenboek 2025-12 needs monthly figures; the exports hold yearly figures only (2021–2025); left out");
    expect(lines).toContain("--report all: halfjaarcijfers 2025-h2 needs quarterly figures; the exports hold yearly figures only (2021–2025); left out");
    expect(lines).toHaveLength(5);
    const html = await readFile(path.join(work, "all", "gebiedsscan", "2025", "gm0589-oudewater.html"), "utf8");
    expect(html).toContain("Totaal van de 1 soort in de gegevens");
    expect(html).not.toContain("Alle misdrijven");
  });
});
