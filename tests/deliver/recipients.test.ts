import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeConfig } from "../../src/config/normalize-config.ts";
import { readConfig } from "../../src/config/read-config.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, tempDir } from "../helpers.ts";

/** The message of the UserError that normalizing `spec` throws (undefined when it passes). */
function refusal(spec: unknown): string | undefined {
  try {
    normalizeConfig(spec, "/p", "vb.json");
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    return (error as UserError).message;
  }
}

const gemeente = { id: "gemeente-utrecht", name: "Gemeente Utrecht", audience: "gezag", reports: ["tabellenboek", "halfjaarcijfers"], areas: ["GM0344"] };

describe("recipients in the config", () => {
  it("accepts a gezag recipient of gezag and public reports, with the delivery folder's default", () => {
    const config = normalizeConfig({ recipients: [gemeente] }, "/p");
    expect(config.recipients).toEqual([gemeente]);
    expect(config.paths.delivery).toBe(path.resolve("/p/levering"));
  });

  it("refuses a public recipient of a gezag report, naming the key and the rule", () => {
    expect(refusal({ recipients: [{ ...gemeente, id: "dashboard", audience: "public" }] })).toContain(
      'vb.json: recipients.0.reports.0: recipient "dashboard" has audience public and may not receive tabellenboek, a report for the gezag audience',
    );
  });

  it("refuses wijk and buurt codes for a public recipient, even of a public report", () => {
    expect(refusal({ recipients: [{ id: "dashboard", name: "Dashboard", audience: "public", reports: ["halfjaarcijfers"], areas: ["GM0344", "WK034401"] }] })).toContain(
      "recipients.0.areas.1: recipient \"dashboard\" has audience public and may not receive WK034401 (rule: no wijk or buurt figures in public output)",
    );
  });

  it("refuses an unknown report, an id used twice and a malformed area code", () => {
    expect(refusal({ recipients: [{ ...gemeente, reports: ["tabelenboek"] }] })).toContain('recipients.0.reports.0: unknown report "tabelenboek"');
    expect(refusal({ recipients: [gemeente, gemeente] })).toContain('recipients.1.id: "gemeente-utrecht" is not allowed — recipient id "gemeente-utrecht" is used twice');
    expect(refusal({ recipients: [{ ...gemeente, areas: ["Utrecht"] }] })).toContain("recipients.0.areas.0");
  });

  describe("with a report definition of its own", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await tempDir("vb-recipients-");
      await mkdir(dir, { recursive: true });
      const definition = { kind: "wijkscan", title: "Wijkscan", description: "Per wijk.", audience: "intern", areaLevels: ["gemeente"], period: "year", sections: [{ type: "category-table", id: "misdrijven", title: "Misdrijven", part: "J", depth: 1, columns: ["current"] }] };
      await writeFile(path.join(dir, "wijkscan.json"), JSON.stringify(definition));
    });
    afterAll(() => cleanup(dir));

    it("checks the recipient against that definition's audience once it is read", async () => {
      const config = (recipients: unknown) => JSON.stringify({ reports: [{ definition: "wijkscan.json", periods: ["2025"] }], recipients });
      await writeFile(path.join(dir, "veiligheidsbeeld.config.json"), config([{ ...gemeente, reports: ["wijkscan"] }]));
      await expect(readConfig(dir)).rejects.toThrow(/may not receive wijkscan, a report for the intern audience/);
      await writeFile(path.join(dir, "veiligheidsbeeld.config.json"), config([{ ...gemeente, audience: "intern", reports: ["wijkscan"] }]));
      expect((await readConfig(dir)).recipients[0]?.reports).toEqual(["wijkscan"]);
    });
  });
});
