import { readdir } from "node:fs/promises";
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
}

const DELIVERY = /(\d{4})[-_]?(0[1-9]|1[0-2])(?!\d)/;

/**
 * The export files in `dir` in the order they are applied: by delivery month, then by name, so
 * that a later delivery replaces what an earlier one said about the same registration.
 */
export async function listExports(dir: string): Promise<ExportFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new UserError(`Cannot read the exports folder ${dir}`, {
      hint: "Put the BVH export files (.csv) in the folder named by paths.exports in the config.",
      cause: error,
    });
  }
  const files = names
    .filter((name) => name.toLowerCase().endsWith(".csv") && !name.startsWith("."))
    .map((name): ExportFile => {
      const match = DELIVERY.exec(name);
      return { path: path.join(dir, name), name, delivery: match ? parseMonth(`${match[1]}-${match[2]}`) : undefined };
    });
  files.sort((a, b) => (a.delivery ?? -1) - (b.delivery ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return files;
}
