import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** Writes each file (content as text) under `dir`, making its folders. */
export async function writeFiles(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.content);
  }
}
