import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { eenheidOfGemeenten } from "../../scripts/basisteams/national-indeling.ts";
import { buildNationalBasisteamRows, formatBasisteamsCsv, readBuurtAreas } from "../../scripts/generate-basisteams.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const committedText = readFileSync(join(ROOT, "data/reference/basisteams-nationaal.csv"), "utf8");
const committed: Record<string, string>[] = parse(committedText, { columns: true });
const demo: Record<string, string>[] = parse(readFileSync(join(ROOT, "data/reference/basisteams.csv")), { columns: true });

describe("data/reference/basisteams-nationaal.csv (illustrative)", () => {
  it("is what scripts/generate-basisteams.ts --national writes from the reference tables", () => {
    expect(committedText).toBe(formatBasisteamsCsv(buildNationalBasisteamRows(ROOT)));
  });

  it("maps every buurt of every gemeente (but 'Gemeente onbekend') to exactly one basisteam", () => {
    const buurten = readBuurtAreas(ROOT).filter((buurt) => buurt.gemeentecode !== "GM0000");
    const codes = committed.map((row) => row.buurtcode);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(buurten.map((buurt) => buurt.buurtcode).sort());
  });

  it("has the 10 eenheden, about 170 basisteams and about 43 districten, each in one eenheid", () => {
    const eenheden = new Set(committed.map((row) => row.eenheidcode));
    expect([...eenheden].sort()).toEqual(["RE01", "RE02", "RE03", "RE04", "RE05", "RE06", "RE07", "RE08", "RE09", "RE10"]);
    const teamEenheid = new Map<string, Set<string>>();
    const districtEenheid = new Map<string, Set<string>>();
    for (const row of committed) {
      teamEenheid.set(row.basisteamcode ?? "", (teamEenheid.get(row.basisteamcode ?? "") ?? new Set()).add(`${row.districtcode} ${row.eenheidcode}`));
      districtEenheid.set(row.districtcode ?? "", (districtEenheid.get(row.districtcode ?? "") ?? new Set()).add(row.eenheidcode ?? ""));
    }
    expect(teamEenheid.size).toBeGreaterThanOrEqual(150);
    expect(teamEenheid.size).toBeLessThanOrEqual(190);
    expect(districtEenheid.size).toBeGreaterThanOrEqual(35);
    expect(districtEenheid.size).toBeLessThanOrEqual(50);
    for (const owners of [...teamEenheid.values(), ...districtEenheid.values()]) expect(owners.size).toBe(1);
  });

  it("agrees with the demo mapping in provincie Utrecht", () => {
    const national = new Map(committed.map((row) => [row.buurtcode, row]));
    for (const row of demo) expect(national.get(row.buurtcode)).toEqual(row);
  });

  it("splits the big cities over several basisteams and puts Amsterdam and Rotterdam in their own eenheid", () => {
    const teamsOf = (gemeente: string) => new Set(committed.filter((row) => row.buurtcode?.startsWith(`BU${gemeente.slice(2)}`)).map((row) => row.basisteamcode));
    expect(teamsOf("GM0363").size).toBeGreaterThanOrEqual(4);
    expect(teamsOf("GM0599").size).toBeGreaterThanOrEqual(3);
    expect(committed.find((row) => row.buurtcode?.startsWith("BU0363"))?.eenheidcode).toBe("RE05");
    expect(committed.find((row) => row.buurtcode?.startsWith("BU0599"))?.eenheidcode).toBe("RE07");
  });

  it("refuses an eenheid exception that names no gemeente", () => {
    expect(() => eenheidOfGemeenten([{ code: "GM0344", naam: "Utrecht", provincie: "Utrecht", inwoners: 1 }])).toThrow(/names gemeente/);
  });
});
