import { createHash } from "node:crypto";
import { appendFile, cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import type { ProvisionRecord } from "../../src/pipeline/provision.ts";
import { normalizeConfig } from "../../src/config/normalize-config.ts";
import { ROOT, cleanup, tempDir } from "../helpers.ts";

// The record of provision of a build of the mini fixture (copied, so one export can be changed).
let work: string;
let record: ProvisionRecord;

async function buildCopy(): Promise<ProvisionRecord> {
  const spec = JSON.parse(await readFile(path.join(work, "veiligheidsbeeld.config.json"), "utf8")) as Record<string, unknown>;
  const config = normalizeConfig({ ...spec, audiences: { gezag: { recipients: ["Burgemeester Montfoort", "Burgemeester Oudewater"] } } }, work);
  await build({ config, buildDate: "2026-01-10", pdf: false, log: recordingLog() });
  return JSON.parse(await readFile(path.join(work, "dist", "verstrekkingen", "2026-01-10.json"), "utf8")) as ProvisionRecord;
}

beforeAll(async () => {
  work = await tempDir();
  const fixture = path.join(ROOT, "tests", "fixtures", "mini");
  await cp(path.join(fixture, "exports"), path.join(work, "exports"), { recursive: true });
  await cp(path.join(fixture, "basisteams.csv"), path.join(work, "basisteams.csv"));
  const spec = JSON.parse(await readFile(path.join(fixture, "veiligheidsbeeld.config.json"), "utf8")) as { paths: Record<string, string> };
  // Paths of the fixture point into the repository; keep them, but read the exports from the copy.
  const paths = Object.fromEntries(Object.entries(spec.paths).map(([key, value]) => [key, path.resolve(fixture, value)]));
  await writeFile(path.join(work, "veiligheidsbeeld.config.json"), JSON.stringify({ ...spec, paths: { ...paths, exports: "exports", output: "dist" } }));
  record = await buildCopy();
}, 120_000);
afterAll(() => cleanup(work));

describe("the record of provision", () => {
  it("lists every file of the output with a hash that matches the file", async () => {
    const dist = path.join(work, "dist");
    const entries = await readdir(dist, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .filter((file) => !file.startsWith("assets/") && !file.startsWith("verstrekkingen/"))
      .sort();
    expect(record.files.map((file) => file.path)).toEqual(files);
    for (const file of record.files) {
      const content = await readFile(path.join(dist, file.path));
      expect(createHash("sha256").update(content).digest("hex"), file.path).toBe(file.sha256);
    }
  });

  it("names per file the report, area, audience, recipients, legal basis and rules", () => {
    const page = record.files.find((file) => file.path === "tabellenboek/2025-12/gm0589-oudewater.html");
    expect(page).toMatchObject({
      report: "tabellenboek",
      edition: "2025-12",
      area: { code: "GM0589", naam: "Oudewater" },
      audience: "gezag",
      recipients: ["Burgemeester Montfoort", "Burgemeester Oudewater"],
      disclosure: { applied: false },
    });
    expect(page?.legalBasis).toContain("Wet politiegegevens");
    expect(record.files.find((file) => file.path === "tabellenboek/2025-12/gm0589-oudewater-misdrijven.csv")?.area?.code).toBe("GM0589");
  });

  it("records the inputs, the tool version and the config, and a changed export changes its hash", async () => {
    expect(record.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(record.configSha256).toMatch(/^[0-9a-f]{64}$/);
    const exports = record.inputs.filter((input) => input.kind === "export").map((input) => input.path);
    expect(exports).toEqual(["exports/bvh-export-2025-11.csv", "exports/bvh-export-2025-12.csv"]);
    expect(record.inputs.some((input) => input.kind === "reference" && input.path.endsWith("gebieden-2024.csv"))).toBe(true);

    const before = record.inputs.find((input) => input.path === "exports/bvh-export-2025-12.csv")?.sha256;
    await appendFile(path.join(work, "exports", "bvh-export-2025-12.csv"), "\n");
    const after = await buildCopy();
    expect(after.inputs.find((input) => input.path === "exports/bvh-export-2025-12.csv")?.sha256).not.toBe(before);
    expect(after.inputs.find((input) => input.path === "exports/bvh-export-2025-11.csv")?.sha256).toBe(record.inputs.find((input) => input.path === "exports/bvh-export-2025-11.csv")?.sha256);
    expect(after.configSha256).toBe(record.configSha256);
  });

  it("keeps what earlier builds recorded for the files a later build of another report leaves in place", async () => {
    const spec = JSON.parse(await readFile(path.join(work, "veiligheidsbeeld.config.json"), "utf8")) as Record<string, unknown>;
    const config = normalizeConfig(spec, work);
    await build({ config, buildDate: "2026-01-10", reports: ["inp-stuurgegevens"], period: "2025-12", pdf: false, log: recordingLog() });
    const later = JSON.parse(await readFile(path.join(work, "dist", "verstrekkingen", "2026-01-10.json"), "utf8")) as ProvisionRecord;
    expect(later.files.find((file) => file.path === "tabellenboek/2025-12/gm0589-oudewater.html")).toMatchObject({ report: "tabellenboek", area: { code: "GM0589" }, audience: "gezag" });
    expect(later.files.find((file) => file.path === "inp-stuurgegevens/2025-12/gm0589-oudewater.html")).toMatchObject({ report: "inp-stuurgegevens", area: { code: "GM0589" } });
  });

  it("writes a readable page beside the JSON, marked as not public", async () => {
    const html = await readFile(path.join(work, "dist", "verstrekkingen", "2026-01-10.html"), "utf8");
    expect(html).toContain("Vastlegging van verstrekkingen");
    expect(html).toContain("niet openbaar");
    expect(html).toContain("gm0589-oudewater.html");
  });
});
