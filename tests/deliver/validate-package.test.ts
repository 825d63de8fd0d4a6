import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanup, tempDir } from "../helpers.ts";
import { validatePackage } from "./validate-package.ts";

// The test validator itself: it must fail where a package breaks the rules.
let dir: string;

const schema = {
  fields: [
    { name: "area", type: "string", constraints: { required: true } },
    { name: "value", type: "number" },
    { name: "status", type: "string", constraints: { enum: ["x", "*"] } },
  ],
  missingValues: [""],
  primaryKey: ["area"],
};

async function writePackage(name: string, csv: string, descriptor: Record<string, unknown> = {}): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "cijfers.csv"), csv);
  await writeFile(
    path.join(folder, "datapackage.json"),
    JSON.stringify({ profile: "tabular-data-package", name, resources: [{ name: "cijfers", path: "cijfers.csv", profile: "tabular-data-resource", schema }], ...descriptor }),
  );
  return folder;
}

beforeAll(async () => {
  dir = await tempDir("vb-validate-");
});
afterAll(() => cleanup(dir));

describe("validatePackage", () => {
  it("accepts a package that keeps the rules and reads missing values as null", async () => {
    const { rows } = await validatePackage(await writePackage("good", "area,value,status\r\nGM0344,12.5,*\r\nGM0589,,x\r\n"));
    expect(rows.get("cijfers")).toEqual([
      { area: "GM0344", value: 12.5, status: "*" },
      { area: "GM0589", value: null, status: "x" },
    ]);
  });

  it("refuses a descriptor that is not a Tabular Data Package", async () => {
    await expect(validatePackage(await writePackage("bad-name", "area,value,status\r\n", { name: "Not A Name!" }))).rejects.toThrow(/Tabular Data Package profile/);
  });

  it("refuses a primary key twice, a value not of its type and a status outside its enum", async () => {
    const folder = await writePackage("bad-rows", "area,value,status\r\nGM0344,1,\r\nGM0344,twaalf,?\r\n");
    await expect(validatePackage(folder)).rejects.toThrow(/primary key \["GM0344"\] is not unique[\s\S]*"twaalf" is not a number|"twaalf" is not a number[\s\S]*not unique/);
    await expect(validatePackage(folder)).rejects.toThrow(/"\?" is not one of x \*/);
  });
});
