import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCommentary } from "../../src/commentary/read-commentary.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, tempDir, writeFiles } from "../helpers.ts";

const known = new Set(["GM0344", "BT0301", "GM0307"]);
const isArea = (code: string) => known.has(code);

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => cleanup(dir));

describe("readCommentary", () => {
  it("reads one markdown file per area code of the year, without byte-order mark", async () => {
    await writeFiles(dir, {
      "commentary/2025/GM0344.md": "\uFEFF## Utrecht\n\nTekst.",
      "commentary/2025/bt0301.md": "West.",
      "commentary/2024/GM0307.md": "Vorig jaar.",
    });
    const read = await readCommentary(path.join(dir, "commentary"), 2025, isArea, dir);
    expect([...read.byArea.keys()]).toEqual(["BT0301", "GM0344"]);
    expect(read.byArea.get("GM0344")).toEqual({ area: "GM0344", file: "commentary/2025/GM0344.md", markdown: "## Utrecht\n\nTekst." });
    expect(read.warnings).toEqual([]);
  });

  it("returns nothing when the year has no folder", async () => {
    const read = await readCommentary(path.join(dir, "commentary"), 2025, isArea, dir);
    expect(read.byArea.size).toBe(0);
  });

  it("stops with the file's name when it names an unknown area code", async () => {
    await writeFiles(dir, { "commentary/2025/GM9999.md": "Onbekend." });
    const error = await readCommentary(path.join(dir, "commentary"), 2025, isArea, dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('commentary/2025/GM9999.md: unknown area code "GM9999"');
  });

  it("stops when a markdown file is not named after an area code", async () => {
    await writeFiles(dir, { "commentary/2025/utrecht.md": "Tekst." });
    await expect(readCommentary(path.join(dir, "commentary"), 2025, isArea, dir)).rejects.toThrow('commentary/2025/utrecht.md: "utrecht.md" is not named after an area code');
  });

  it("stops when the text is not UTF-8", async () => {
    await writeFiles(dir, { "commentary/2025/GM0344.md": Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]) }); // "Café" in Windows-1252
    await expect(readCommentary(path.join(dir, "commentary"), 2025, isArea, dir)).rejects.toThrow("commentary/2025/GM0344.md: the text is not UTF-8");
  });

  it("skips other files and empty ones with a warning", async () => {
    await writeFiles(dir, { "commentary/2025/GM0344.docx": "x", "commentary/2025/GM0307.md": "  \n", "commentary/2025/.DS_Store": "x" });
    const read = await readCommentary(path.join(dir, "commentary"), 2025, isArea, dir);
    expect(read.byArea.size).toBe(0);
    expect(read.warnings).toEqual([
      "commentary/2025/GM0307.md: the file is empty; the beschouwing is left out",
      "commentary/2025/GM0344.docx: not a markdown file (.md); it is not used",
    ]);
  });
});
