import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../user-error.ts";

/** The analyst's written reflection on one area for one year. */
export interface Commentary {
  /** Area code the file is named after ("GM0344"). */
  area: string;
  /** The file, relative to the project folder (for messages and the record of provision). */
  file: string;
  /** The markdown text, without a byte-order mark. */
  markdown: string;
}

export interface CommentaryRead {
  /** By area code. */
  byArea: Map<string, Commentary>;
  /** Files that were not read, and why ("notes.docx: not a markdown file"). */
  warnings: string[];
}

/** An area code: two letters and digits (GM0344, WK034401, BU03440101, BT0301, RE03). */
const FILE_NAME = /^([A-Za-z]{2}\d{2,8})\.md$/;

/**
 * Reads `<dir>/<year>/<areacode>.md`: one optional markdown file per area. A folder that does not
 * exist means no commentary. Throws a UserError naming the file when a file is not named after an
 * area code, names an area the reference does not know, or is not UTF-8 text. Other files (a
 * .docx, a .txt) and empty files are skipped with a warning.
 */
export async function readCommentary(dir: string, year: number, isArea: (code: string) => boolean, projectRoot: string): Promise<CommentaryRead> {
  const folder = path.join(dir, String(year));
  const byArea = new Map<string, Commentary>();
  const warnings: string[] = [];
  let entries: string[];
  try {
    entries = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { byArea, warnings };
    throw new UserError(`Cannot read the commentary folder ${folder}`, { hint: "Check paths.commentary in the config.", cause: error });
  }
  // Sorted by code, whatever the case of the file names: the same folder gives the same order.
  for (const name of entries.sort((a, b) => compare(a.toUpperCase(), b.toUpperCase()) || compare(a, b))) {
    const file = path.relative(projectRoot, path.join(folder, name)).split(path.sep).join("/");
    if (!name.toLowerCase().endsWith(".md")) {
      if (!name.startsWith(".")) warnings.push(`${file}: not a markdown file (.md); it is not used`);
      continue;
    }
    const match = FILE_NAME.exec(name);
    const code = match?.[1]?.toUpperCase();
    if (!code) {
      throw new UserError(`${file}: "${name}" is not named after an area code`, {
        hint: `Name each commentary file after the area it is about, e.g. ${path.join(path.relative(projectRoot, folder), "GM0344.md")} for gemeente Utrecht or BT0301.md for a basisteam.`,
      });
    }
    if (!isArea(code)) {
      throw new UserError(`${file}: unknown area code "${code}"`, {
        hint: "Use the code of a gemeente (GM0344), wijk, buurt or police area (basisteam, district) of the reference tables, or remove the file.",
      });
    }
    const bytes = await readFile(path.join(folder, name));
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new UserError(`${file}: the text is not UTF-8`, { hint: "Save the file as UTF-8 (in most editors: Save as… → Encoding UTF-8)." });
    }
    text = text.replace(/^\uFEFF/, "");
    if (text.trim() === "") {
      warnings.push(`${file}: the file is empty; the beschouwing is left out`);
      continue;
    }
    if (byArea.has(code)) throw new UserError(`${file}: a second commentary file for ${code}`, { hint: "Keep one file per area code." });
    byArea.set(code, { area: code, file, markdown: text });
  }
  return { byArea, warnings };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
