import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import type { Config } from "../../src/config/normalize-config.ts";
import { normalizeDefinition } from "../../src/reports/definition.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, fixtureConfig, tempDir } from "../helpers.ts";

// The mini fixture: deliveries 2025-11 and 2025-12, whose last registration is of 2 december 2025.
let work: string;
let config: Config;

const weekly = normalizeDefinition(
  {
    kind: "weekrapportage",
    title: "Weekrapportage",
    description: "Test.",
    audience: "gezag",
    areaLevels: ["gemeente"],
    period: "week",
    sections: [{ type: "day-table", id: "week", title: "De week", categories: ["J", "N"], columns: ["current", "previous", "average"] }],
  },
  "week.json",
);

beforeAll(async () => {
  work = await tempDir();
  config = { ...(await fixtureConfig("mini", path.join(work, "dist"))), definitions: [weekly] };
});
afterAll(() => cleanup(work));

async function failure(period: string, allowIncomplete = false): Promise<UserError | undefined> {
  try {
    await build({ config, buildDate: "2026-02-10", reports: ["weekrapportage"], period, pdf: false, allowIncomplete, log: recordingLog() });
  } catch (error) {
    return error as UserError;
  }
  return undefined;
}

describe("building editions of weeks", () => {
  it("stops when a week straddles into a month without a delivery, naming both deliveries it needs", async () => {
    const error = await failure("2026-w01");
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain("weekrapportage 2026-w01: week 1, 29 december 2025 t/m 4 januari 2026: no delivery of januari 2026");
    expect(error?.message).toContain("its days lie in december 2025 and januari 2026: both deliveries are needed");
  });

  it("builds despite a missing delivery with --allow-incomplete, saying so", async () => {
    const log = recordingLog();
    await build({ config, buildDate: "2026-02-10", reports: ["weekrapportage"], period: "2026-w01", pdf: false, allowIncomplete: true, log });
    expect(log.warnings.some((line) => line.includes("incomplete period accepted with --allow-incomplete: weekrapportage 2026-w01"))).toBe(true);
  });

  it("warns, and builds, when the registrations end before the week does", async () => {
    const log = recordingLog();
    await build({ config, buildDate: "2026-02-10", reports: ["weekrapportage"], period: "2025-w49", pdf: false, log });
    expect(log.warnings.some((line) => line.includes("the deliveries end 5 day(s) before the period does"))).toBe(true);
    const csv = await readFile(path.join(work, "dist/weekrapportage/2025-w49/gm0589-oudewater-week.csv"), "utf8");
    expect(csv).toContain("week 49");
  });

  it("builds a week wholly inside the deliveries, counted by pleegdatum", async () => {
    expect(await failure("2025-w46")).toBeUndefined();
    const lines = (await readFile(path.join(work, "dist/weekrapportage/2025-w46/gm0335-montfoort-week.csv"), "utf8")).trim().split(/\r?\n/);
    // Montfoort in week 46 as the november delivery has it: a mishandeling on 11 and an overlast on 12 november.
    expect(lines[0]).toContain("aantal week 46;aantal week 46 2024;aantal gem. 4 weken ervoor");
    expect(lines.slice(1).map((line) => line.split(";").slice(1).join(";"))).toEqual(["1;0;0,0", "1;0;0,0"]);
  });
});
