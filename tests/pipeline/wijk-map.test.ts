import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { ROOT, cleanup, fixtureConfig, tempDir } from "../helpers.ts";

// The mini fixture (Montfoort and Oudewater) with hand-made wijk boundaries for Oudewater only:
// Oudewater's table by wijk gets a map, Montfoort's (no boundaries) none — left out, not empty.
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await cleanup(dir);
});

async function tabellenboek(withGeometry: boolean): Promise<(name: string) => Promise<string>> {
  const outDir = await tempDir();
  dirs.push(outDir);
  const config = await fixtureConfig("mini", outDir);
  const geometry = path.relative(config.paths.reference, path.join(ROOT, "tests/fixtures/geo/oudewater-wijken.geojson"));
  await build({ config: withGeometry ? { ...config, reference: { ...config.reference, wijkBuurtGeometry: geometry } } : config, buildDate: "2026-01-10", pdf: false, log: recordingLog() });
  return (name) => readFile(path.join(outDir, "tabellenboek/2025-12", name), "utf8");
}

describe("a wijk map from the configured wijk geometry", () => {
  it("draws the wijken of a gemeente whose boundaries are given, beside the table that holds its numbers", async () => {
    const read = await tabellenboek(true);
    const oudewater = await read("gm0589-oudewater.html");
    const svg = /<svg[^>]+id="kaart-wijken"[\s\S]*?<\/svg>/.exec(oudewater)?.[0] ?? "";
    expect(svg).toContain('role="img"');
    for (const wijk of ["Hekendorp", "Oudewater", "Papekop", "Snelrewaard"]) expect(svg).toContain(`<title>${wijk}:`);
    expect(oudewater).toContain('id="tabel-wijken"');
    expect(await read("gm0335-montfoort.html")).not.toContain('id="kaart-wijken"');
  }, 120_000);

  it("leaves the map out without wijk geometry", async () => {
    const read = await tabellenboek(false);
    expect(await read("gm0589-oudewater.html")).not.toContain("kaart-wijken");
  }, 120_000);
});
