import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import type { ProvisionRecord } from "../../src/pipeline/provision.ts";
import type { Config } from "../../src/config/normalize-config.ts";
import { DELIVERY_LOG, DELIVERY_PAGE, deliverPackages, type DeliveryEntry } from "../../src/deliver/deliver.ts";
import { main } from "../../src/cli/main.ts";
import { fakeIO } from "../cli/fake-io.ts";
import { ROOT, cleanup, fixtureConfig, tempDir } from "../helpers.ts";
import { validatePackage } from "./validate-package.ts";

// The mini fixture (Montfoort and Oudewater, tabellenboek 2025-12) with two recipients.
let work: string;
let config: Config;
let result: BuildResult;

const RECIPIENTS = [
  { id: "gemeente-oudewater", name: "Gemeente Oudewater, OOV", audience: "gezag" as const, legalBasis: "WPG art. 16 lid 1; convenant Oudewater (test)", reports: ["tabellenboek"], areas: ["GM0589"] },
  { id: "basisteam-lopikerwaard", name: "Veiligheidshuis (test)", audience: "gezag" as const, reports: ["tabellenboek"], areas: ["BT9901", "GM0335"] },
];

beforeAll(async () => {
  work = await tempDir("vb-deliver-");
  const base = await fixtureConfig("mini", path.join(work, "dist"));
  config = { ...base, recipients: RECIPIENTS, paths: { ...base.paths, delivery: path.join(work, "drop") } };
  result = await build({ config, buildDate: "2026-01-10", pdf: false, cache: false, log: recordingLog() });
}, 120_000);
afterAll(() => cleanup(work));

const sha256 = async (file: string): Promise<string> => createHash("sha256").update(await readFile(file)).digest("hex");

describe("the data packages of a build", () => {
  it("are made per recipient and edition, valid against the Tabular Data Package profile and their Table Schemas", async () => {
    expect(result.packages.map((item) => item.folder).sort()).toEqual([
      "leveringen/basisteam-lopikerwaard/tabellenboek-2025-12-basisteam-lopikerwaard",
      "leveringen/gemeente-oudewater/tabellenboek-2025-12-gemeente-oudewater",
    ]);
    for (const item of result.packages) {
      const { descriptor, rows } = await validatePackage(path.join(config.paths.output, item.folder));
      expect(descriptor.version).toBe("1.0.0");
      expect((rows.get("cijfers") ?? []).length).toBeGreaterThan(50);
    }
  });

  it("hold only the pages of the recipient's areas, with their wijken", async () => {
    const { rows, descriptor } = await validatePackage(path.join(config.paths.output, "leveringen/gemeente-oudewater/tabellenboek-2025-12-gemeente-oudewater"));
    const areas = new Set((rows.get("cijfers") ?? []).map((row) => String(row.area)));
    expect(areas.has("GM0589")).toBe(true);
    expect([...areas].some((area) => area.startsWith("WK0589"))).toBe(true);
    expect(areas.has("GM0335")).toBe(false);
    expect(descriptor.veiligheidsbeeld).toMatchObject({ recipient: { legalBasis: "WPG art. 16 lid 1; convenant Oudewater (test)" }, areas: ["GM0589"] });
  });

  it("are in the build's record of provision, to the recipient, on its legal basis, with each file's hash", async () => {
    const record = JSON.parse(await readFile(path.join(config.paths.output, "verstrekkingen", "2026-01-10.json"), "utf8")) as ProvisionRecord;
    const entries = record.files.filter((file) => file.path.startsWith("leveringen/gemeente-oudewater/"));
    expect(entries.map((file) => path.basename(file.path)).sort()).toEqual(["categorieen.csv", "cijfers.csv", "datapackage.json", "gebieden.csv", "maten.csv"]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ audience: "gezag", recipients: ["Gemeente Oudewater, OOV"], legalBasis: "WPG art. 16 lid 1; convenant Oudewater (test)", report: "tabellenboek", edition: "2025-12" });
      expect(entry.sha256).toBe(await sha256(path.join(config.paths.output, entry.path)));
    }
  });

  it("are beside a JSON API per area of each edition", async () => {
    const index = JSON.parse(await readFile(path.join(config.paths.output, "tabellenboek/2025-12/api/index.json"), "utf8")) as { areas: { code: string; href: string }[] };
    expect(index.areas.map((area) => area.code)).toContain("GM0589");
    const api = JSON.parse(await readFile(path.join(config.paths.output, "tabellenboek/2025-12/api/GM0589.json"), "utf8")) as { figures: { area: string; period: string; category: string; measure: string; value: number | null }[] };
    const { rows } = await validatePackage(path.join(config.paths.output, "leveringen/gemeente-oudewater/tabellenboek-2025-12-gemeente-oudewater"));
    // The API of a gemeente's page holds the same records as the package of that gemeente.
    expect(api.figures.map((figure) => [figure.area, figure.period, figure.category, figure.measure, figure.value])).toEqual(
      (rows.get("cijfers") ?? []).map((row) => [row.area, row.period, row.category, row.measure, row.value]),
    );
  });
});

describe("deliver", () => {
  let entries: DeliveryEntry[];
  const drop = (): string => config.paths.delivery;

  beforeAll(async () => {
    entries = await deliverPackages({ outDir: config.paths.output, dropFolder: drop(), packages: result.packages, buildDate: "2026-01-10", deliveredAt: "2026-01-10T08:00:00.000Z" });
  });

  it("puts each recipient's packages in its own folder under the drop folder, and nothing else", async () => {
    expect((await readdir(drop())).sort()).toEqual(["basisteam-lopikerwaard", "gemeente-oudewater"]);
    expect(await readdir(path.join(drop(), "gemeente-oudewater"))).toEqual(["tabellenboek-2025-12-gemeente-oudewater"]);
    await validatePackage(path.join(drop(), "gemeente-oudewater", "tabellenboek-2025-12-gemeente-oudewater"));
  });

  it("appends each delivery to the record of provision: what, to whom, legal basis, when, each file's SHA-256", async () => {
    const lines = (await readFile(path.join(config.paths.output, DELIVERY_LOG), "utf8")).trim().split("\n").map((line) => JSON.parse(line) as DeliveryEntry);
    expect(lines).toEqual(entries);
    const oudewater = lines.find((line) => line.recipient.id === "gemeente-oudewater");
    expect(oudewater).toMatchObject({ deliveredAt: "2026-01-10T08:00:00.000Z", legalBasis: "WPG art. 16 lid 1; convenant Oudewater (test)", report: "tabellenboek", edition: "2025-12" });
    // The second recipient names no legal basis of its own: its audience's is recorded.
    expect(lines.find((line) => line.recipient.id === "basisteam-lopikerwaard")?.legalBasis).toBe(config.audiences.gezag.legalBasis);
    for (const file of oudewater?.files ?? []) expect(file.sha256, file.path).toBe(await sha256(path.join(oudewater?.target ?? "", file.path)));
    expect(oudewater?.files.map((file) => file.path).sort()).toEqual(["categorieen.csv", "cijfers.csv", "datapackage.json", "gebieden.csv", "maten.csv"]);
    // And readable for the privacy officer: who, when, and each file's hash.
    const page = await readFile(path.join(config.paths.output, DELIVERY_PAGE), "utf8");
    expect(page).toContain("Gemeente Oudewater, OOV");
    expect(page).toContain("2026-01-10T08:00:00.000Z");
    expect(page).toContain(oudewater?.files[0]?.sha256 ?? "no file");
  });

  it("replaces a package delivered before whole, leaving no working folder behind, and appends again", async () => {
    const target = path.join(drop(), "gemeente-oudewater", "tabellenboek-2025-12-gemeente-oudewater");
    await writeFile(path.join(target, "stale.csv"), "left from an earlier delivery\n");
    await deliverPackages({ outDir: config.paths.output, dropFolder: drop(), packages: result.packages, recipients: ["gemeente-oudewater"], buildDate: "2026-01-10", deliveredAt: "2026-01-11T08:00:00.000Z" });
    expect((await readdir(target)).sort()).toEqual(["categorieen.csv", "cijfers.csv", "datapackage.json", "gebieden.csv", "maten.csv"]);
    expect(await readdir(path.join(drop(), "gemeente-oudewater"))).toEqual(["tabellenboek-2025-12-gemeente-oudewater"]);
    const lines = (await readFile(path.join(config.paths.output, DELIVERY_LOG), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2] ?? "{}")).toMatchObject({ deliveredAt: "2026-01-11T08:00:00.000Z", recipient: { id: "gemeente-oudewater" } });
  });

  it("refuses a recipient the build made no package for", async () => {
    await expect(deliverPackages({ outDir: config.paths.output, dropFolder: drop(), packages: result.packages, recipients: ["gemeente-utrecht"], buildDate: "2026-01-10", deliveredAt: "x" })).rejects.toThrow(/No package for recipient gemeente-utrecht/);
  });
});

describe("veiligheidsbeeld deliver", () => {
  it("builds, delivers to the drop folder given and says so", async () => {
    const project = path.join(work, "cli");
    await mkdir(project, { recursive: true });
    await writeFile(
      path.join(project, "veiligheidsbeeld.config.json"),
      JSON.stringify({
        scope: { gemeenten: ["GM0335", "GM0589"] },
        paths: { exports: path.join(ROOT, "tests/fixtures/mini/exports"), reference: path.join(ROOT, "data/reference") },
        reference: { basisteams: path.join(ROOT, "tests/fixtures/mini/basisteams.csv") },
        recipients: RECIPIENTS,
        reports: [{ definition: "tabellenboek", periods: ["2025-12"] }],
      }),
    );
    const io = fakeIO({ cwd: project });
    const code = await main(["deliver", "--no-pdf", "--build-date", "2026-01-10", "--recipient", "gemeente-oudewater", "--drop", "share"], io);
    expect(code, io.stderr.text).toBe(0);
    expect(await readdir(path.join(project, "share"))).toEqual(["gemeente-oudewater"]);
    expect(io.stderr.text).toContain("delivered 1 data package(s) to 1 recipient(s)");
    const lines = (await readFile(path.join(project, "dist", DELIVERY_LOG), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
  });

  it("delivers nothing when the build fails", async () => {
    const project = path.join(work, "broken");
    await mkdir(path.join(project, "exports"), { recursive: true });
    await writeFile(path.join(project, "exports", "bvh-export-2025-12.csv"), "registratienummer;pleegdatum;maatschappelijke_klasse;buurtcode\n");
    await writeFile(
      path.join(project, "veiligheidsbeeld.config.json"),
      JSON.stringify({
        scope: { gemeenten: ["GM0589"] },
        paths: { exports: "exports", reference: path.join(ROOT, "data/reference"), delivery: "drop" },
        reference: { basisteams: path.join(ROOT, "tests/fixtures/mini/basisteams.csv") },
        recipients: [RECIPIENTS[0]],
        reports: [{ definition: "tabellenboek", periods: ["2025-12"] }],
      }),
    );
    const io = fakeIO({ cwd: project });
    const code = await main(["deliver", "--no-pdf", "--build-date", "2026-01-10"], io);
    expect(code).toBe(1);
    await expect(stat(path.join(project, "drop"))).rejects.toThrow(/ENOENT/);
  });
});
