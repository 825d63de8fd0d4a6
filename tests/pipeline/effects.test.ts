import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingEffects } from "../../src/pipeline/effects.ts";
import { recordingLog } from "../../src/log.ts";
import { cleanup, fixtureConfig, tempDir } from "../helpers.ts";

let work: string;
beforeAll(async () => {
  work = await tempDir("vb-effects-");
});
afterAll(() => cleanup(work));

describe("the build's effects, handed in", () => {
  it("asks the browser for one PDF per report page, of the HTML it rendered, and times its steps by the clock handed in", async () => {
    const config = await fixtureConfig("mini", path.join(work, "dist"));
    const log = recordingLog();
    const effects = recordingEffects(log);
    const result = await build({ config, buildDate: "2026-01-10", reports: ["tabellenboek"], period: "2025-12", log, cache: false }, effects);
    const printed = effects.printed.map((job) => path.relative(config.paths.output, job.pdf).replace(/^\.\.\/[^/]+\//, ""));
    expect(printed.sort()).toEqual(
      ["bt9901-lopikerwaard-test", "ds9901-west-test", "gm0335-montfoort", "gm0589-oudewater", "re03-midden-nederland"].map((slug) => `tabellenboek/2025-12/${slug}.pdf`),
    );
    // Each job prints the HTML of its own page, written beside where its PDF goes.
    for (const job of effects.printed) expect(job.html.replace(/\.html$/, ".pdf")).toBe(job.pdf);
    expect(result.pdfs).toBe(5);
    // The clock stood still: every step took 0.0 s.
    expect(log.lines.filter((line) => / in \d+\.\d s/.test(line)).every((line) => / in 0\.0 s/.test(line))).toBe(true);
    expect(log.lines.some((line) => line.startsWith("pdf: 5 files printed in 0.0 s"))).toBe(true);
  });
});
