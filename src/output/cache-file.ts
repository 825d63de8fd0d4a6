import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a file of the build's cache whole or not at all (a temporary file beside it, then a
 * rename). A cache file that cannot be written only costs the next build its time, so a failure is
 * swallowed, and the temporary file removed.
 */
export async function writeCacheFile(file: string, content: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
