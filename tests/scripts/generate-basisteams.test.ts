import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { assignBasisteams, BASISTEAM_COLUMNS } from "../../scripts/basisteams/assign-basisteams.ts";
import { MIDDEN_NEDERLAND } from "../../scripts/basisteams/basisteam-indeling.ts";
import {
  buildBasisteamRows,
  DEMO_PROVINCIE,
  formatBasisteamsCsv,
  readBuurtAreas,
  readProvincieGemeenten,
} from "../../scripts/generate-basisteams.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const committedText = readFileSync(join(ROOT, "data/reference/basisteams.csv"), "utf8");
const committed: Record<string, string>[] = parse(committedText, { columns: true });
const gemeenten = readProvincieGemeenten(ROOT, DEMO_PROVINCIE);
const buurten = readBuurtAreas(ROOT).filter((b) => gemeenten.includes(b.gemeentecode));

describe("data/reference/basisteams.csv", () => {
  it("is what scripts/generate-basisteams.ts writes from the reference tables", () => {
    expect(committedText).toBe(formatBasisteamsCsv(buildBasisteamRows(ROOT)));
  });

  it("has exactly the documented columns", () => {
    expect(committedText.split("\n")[0]).toBe(BASISTEAM_COLUMNS.join(","));
  });

  it("covers the 26 gemeenten of provincie Utrecht", () => {
    expect(gemeenten).toHaveLength(26);
  });

  it("maps every buurt of the 26 gemeenten to exactly one basisteam, and no other buurt", () => {
    const codes = committed.map((row) => row.buurtcode);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(buurten.map((b) => b.buurtcode).sort());
    expect(codes).toEqual([...codes].sort());
    for (const row of committed) {
      expect(row.basisteamcode).toMatch(/^BT03\d\d$/);
      expect(row.eenheidcode).toBe("RE03");
      expect(row.eenheid).toBe("Midden-Nederland");
    }
  });

  it("splits Utrecht (GM0344) over the three Utrecht teams by wijk", () => {
    const expected: Record<string, string> = {
      WK034401: "BT0301", WK034408: "BT0301", WK034409: "BT0301", WK034410: "BT0301",
      WK034402: "BT0302", WK034403: "BT0302", WK034404: "BT0302",
      WK034405: "BT0303", WK034406: "BT0303", WK034407: "BT0303",
    };
    const team = new Map(committed.map((row) => [row.buurtcode, row.basisteamcode]));
    const utrecht = buurten.filter((b) => b.gemeentecode === "GM0344");
    expect(utrecht.length).toBeGreaterThan(100);
    for (const buurt of utrecht) expect(team.get(buurt.buurtcode), buurt.buurtcode).toBe(expected[buurt.wijkcode]);
    const cityTeams = new Set(["BT0301", "BT0302", "BT0303"]);
    for (const row of committed.filter((r) => cityTeams.has(r.basisteamcode ?? ""))) {
      expect(row.districtcode).toBe("DS0301");
      expect(row.buurtcode).toMatch(/^BU0344/);
    }
  });

  it("puts each other gemeente wholly in one basisteam", () => {
    const team = new Map(committed.map((row) => [row.buurtcode, row.basisteamcode]));
    for (const gemeente of gemeenten.filter((g) => g !== "GM0344")) {
      const teams = new Set(buurten.filter((b) => b.gemeentecode === gemeente).map((b) => team.get(b.buurtcode)));
      expect(teams.size, gemeente).toBe(1);
    }
    expect(team.get(buurten.find((b) => b.gemeentecode === "GM0307")!.buurtcode)).toBe("BT0304");
    expect(team.get(buurten.find((b) => b.gemeentecode === "GM1961")!.buurtcode)).toBe("BT0312");
  });
});

describe("assignBasisteams", () => {
  it("fails loudly when a buurt of the region has no basisteam", () => {
    const stray = { buurtcode: "BU99990101", wijkcode: "WK999901", gemeentecode: "GM9999" };
    expect(() => assignBasisteams([...buurten, stray], [...gemeenten, "GM9999"], MIDDEN_NEDERLAND)).toThrow(
      /1 buurten have no basisteam, e.g. BU99990101/,
    );
  });

  it("fails loudly when the indeling names an area that has no buurt", () => {
    const withoutAmersfoort = buurten.filter((b) => b.gemeentecode !== "GM0307");
    expect(() => assignBasisteams(withoutAmersfoort, gemeenten, MIDDEN_NEDERLAND)).toThrow(/without any buurt: GM0307/);
  });
});
