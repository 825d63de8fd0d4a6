import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeConfig } from "../../src/config/normalize-config.ts";
import { configFileOf, readConfig } from "../../src/config/read-config.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, tempDir, writeFiles } from "../helpers.ts";

let work: string;

beforeAll(async () => {
  work = await tempDir("vb-config-");
});
afterAll(() => cleanup(work));

function failure(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("readConfig", () => {
  it("reads veiligheidsbeeld.config.mjs (a default export) when the folder has no .json", async () => {
    const dir = path.join(work, "mjs");
    await writeFiles(dir, {
      "veiligheidsbeeld.config.mjs": `// Comments are allowed here.\nconst year = 2025;\nexport default { title: "Uit een module", voorlopig: [year], paths: { output: "uit" } };\n`,
    });
    expect(configFileOf(dir)).toBe(path.join(dir, "veiligheidsbeeld.config.mjs"));
    const config = await readConfig(dir);
    expect(config.title).toBe("Uit een module");
    expect(config.voorlopig).toEqual([2025]);
    expect(config.paths.output).toBe(path.join(dir, "uit"));
  });

  it("refuses a folder with both a .json and a .mjs config, as a usage error", async () => {
    const dir = path.join(work, "both");
    await writeFiles(dir, { "veiligheidsbeeld.config.json": "{}", "veiligheidsbeeld.config.mjs": "export default {};\n" });
    const error = await readConfig(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(`${dir} holds both veiligheidsbeeld.config.json and veiligheidsbeeld.config.mjs`);
    expect((error as UserError).exitCode).toBe(2);
  });

  it("names a .mjs config without a default export", async () => {
    const dir = path.join(work, "no-default");
    await writeFiles(dir, { "veiligheidsbeeld.config.mjs": "export const title = 'x';\n" });
    const error = await readConfig(dir).catch((caught: unknown) => caught);
    expect((error as UserError).message).toContain("the module has no default export");
    expect((error as UserError).hint).toContain("export default");
  });

  it("points at the line and column of a JSON syntax error", async () => {
    const dir = path.join(work, "broken-json");
    await writeFiles(dir, { "veiligheidsbeeld.config.json": '{ "title": "x" "scope": {} }' });
    const error = await readConfig(dir).catch((caught: unknown) => caught);
    expect((error as UserError).message).toBe(`${path.join(dir, "veiligheidsbeeld.config.json")}:1:16: not valid JSON (Expected ',' or '}' after property value in JSON at position 15)`);
    expect((error as UserError).exitCode).toBe(2);
  });
});

describe("normalizeConfig messages", () => {
  it("lists the allowed keys next to an unknown one, at any depth", () => {
    const message = failure(() => normalizeConfig({ paths: { export: "x" }, columns: { datum: "Datum" }, reports: [{ definition: "tabellenboek", periods: ["2025-12"], area: "GM0344" }] }, "/p", "c.json")).message;
    expect(message).toContain('c.json: paths: unknown key "export" — check the spelling; allowed: exports, reference, realdata, commentary, output, cache, layouts');
    expect(message).toContain('c.json: columns: unknown key "datum" — check the spelling; allowed: registratienummer, pleegdatum, registratiedatum, maatschappelijke_klasse, buurtcode');
    expect(message).toContain('c.json: reports.0: unknown key "area" — check the spelling; allowed: definition, periods');
  });

  it("says which shapes a scope may have", () => {
    expect(failure(() => normalizeConfig({ scope: { gemeente: "GM0344" } }, "/p", "c.json")).message).toContain(
      'c.json: scope: {"gemeente":"GM0344"} is not allowed — expected { "provincie": "Utrecht" }, { "gemeenten": ["GM0344", …] } or { "eenheid": "RE03" }',
    );
  });

  it("resolves paths.layouts against the config's folder, and leaves it out when not given", () => {
    expect(normalizeConfig({ paths: { layouts: "huisstijl" } }, "/p").paths.layouts).toBe(path.resolve("/p/huisstijl"));
    expect(normalizeConfig({}, "/p").paths.layouts).toBeUndefined();
  });
});
