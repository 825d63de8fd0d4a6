import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseMonth, type Month } from "../model/months.ts";
import { UserError } from "../user-error.ts";

export interface ExportFile {
  /** Absolute path. */
  path: string;
  /** File name, used in messages. */
  name: string;
  /** The delivery month from the file name (`bvh-export-2025-12.csv` → 2025-12), if it has one. */
  delivery: Month | undefined;
  /** Size in bytes, for progress. */
  size: number;
}

/** What is in the exports folder: the files that are read, and those that are not (with why). */
export interface ExportsFolder {
  files: ExportFile[];
  /** Entries that are not read, e.g. `{ name: "bvh-export-2025-12.xlsx", reason: "not a .csv file" }`. */
  skipped: { name: string; reason: string }[];
}

const DELIVERY = /(\d{4})[-_]?(0[1-9]|1[0-2])(?!\d)/;

/**
 * The export files in `dir` in the order they are applied: by delivery month, then by name, so
 * that a later delivery replaces what an earlier one said about the same registration.
 */
export async function listExports(dir: string): Promise<ExportFile[]> {
  return (await scanExports(dir)).files;
}

/**
 * Like `listExports`, and also names what is in the folder but not read (an .xlsx saved by
 * mistake, a subfolder), so the data-quality report can say so instead of staying silent.
 */
export async function scanExports(dir: string): Promise<ExportsFolder> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new UserError(`Cannot read the exports folder ${dir}`, {
      hint: "Put the BVH export files (.csv) in the folder named by paths.exports in the config.",
      cause: error,
    });
  }
  const files: ExportFile[] = [];
  const skipped: ExportsFolder["skipped"] = [];
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info) skipped.push({ name, reason: "cannot be read (a broken link?)" });
    else if (!info.isFile()) skipped.push({ name, reason: "not a file" });
    else if (!name.toLowerCase().endsWith(".csv")) skipped.push({ name, reason: "not a .csv file" });
    else {
      const match = DELIVERY.exec(name);
      files.push({ path: file, name, delivery: match ? parseMonth(`${match[1]}-${match[2]}`) : undefined, size: info.size });
    }
  }
  files.sort((a, b) => (a.delivery ?? -1) - (b.delivery ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files, skipped };
}
