import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { columnsFingerprint, FIGURES_SCHEMA, RESOURCE_SCHEMAS, SCHEMA_HISTORY, SCHEMA_VERSION } from "../../src/deliver/package-schema.ts";
import { ROOT } from "../helpers.ts";

describe("the versioned schema of the data packages", () => {
  it("raises the version when the columns change: the newest entry of the history is this version and these columns", () => {
    const newest = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1];
    expect(newest?.version).toBe(SCHEMA_VERSION);
    expect(newest?.columns, "the columns changed: add a version to SCHEMA_HISTORY and docs/delivery.md").toBe(columnsFingerprint());
  });

  it("gives every version once, in order", () => {
    const versions = SCHEMA_HISTORY.map((entry) => entry.version);
    expect(new Set(versions).size).toBe(versions.length);
    const sorted = [...versions].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    expect(versions).toEqual(sorted);
  });

  it("is listed, every version, in docs/delivery.md", async () => {
    const docs = await readFile(path.join(ROOT, "docs", "delivery.md"), "utf8");
    for (const entry of SCHEMA_HISTORY) expect(docs).toMatch(new RegExp(`\\| \`${entry.version.replace(/\./g, "\\.")}\` \\|`));
  });

  it("keeps the status apart from the value, with the figure's key as primary key", () => {
    expect(FIGURES_SCHEMA.fields.map((field) => field.name)).toEqual(["area", "period", "period_start", "period_end", "category", "measure", "value", "status"]);
    expect(FIGURES_SCHEMA.fields.find((field) => field.name === "value")?.type).toBe("number");
    expect(FIGURES_SCHEMA.primaryKey).toEqual(["area", "period", "category", "measure"]);
    // Every foreign key points at a resource of the package and at its primary key.
    for (const foreign of FIGURES_SCHEMA.foreignKeys ?? []) expect(RESOURCE_SCHEMAS.get(foreign.reference.resource)?.primaryKey).toEqual(foreign.reference.fields);
  });
});
