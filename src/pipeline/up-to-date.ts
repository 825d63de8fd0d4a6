import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeCacheFile } from "../output/cache-file.ts";
import type { HashOf } from "../output/file-hashes.ts";
import { hashFile } from "../output/hash-file.ts";

/**
 * What the last successful build into an output folder was made from (a fingerprint of all its
 * inputs) and what it published (every file with its SHA-256), with the result and warnings it
 * reported. Kept under the cache folder, one per output folder.
 */
interface BuildRecord<R> {
  format: typeof FORMAT;
  outDir: string;
  fingerprint: string;
  files: Record<string, string>;
  result: R;
  warnings: string[];
}

const FORMAT = "veiligheidsbeeld-build-1";

/**
 * The result of the last build into `outDir` when it had the same fingerprint and the output
 * folder still holds exactly what it published (the same files, byte for byte): then building
 * again would write the same bytes, and nothing needs doing. Undefined otherwise.
 */
export async function lastBuildIfCurrent<R>(cacheDir: string, outDir: string, fingerprint: string, hashOf: HashOf = hashFile): Promise<{ result: R; warnings: string[] } | undefined> {
  let record: BuildRecord<R>;
  try {
    record = JSON.parse(await readFile(recordFile(cacheDir, outDir), "utf8")) as BuildRecord<R>;
  } catch {
    return undefined;
  }
  if (record.format !== FORMAT || record.outDir !== path.resolve(outDir) || record.fingerprint !== fingerprint) return undefined;
  const published = await hashFolder(outDir, hashOf).catch(() => undefined);
  if (!published) return undefined;
  const files = Object.keys(record.files);
  if (published.size !== files.length || files.some((file) => published.get(file) !== record.files[file])) return undefined;
  return { result: record.result, warnings: record.warnings };
}

/** Records the build just published into `outDir` (after the swap), for `lastBuildIfCurrent`. */
export async function recordBuild<R>(cacheDir: string, outDir: string, fingerprint: string, result: R, warnings: readonly string[], hashOf: HashOf = hashFile): Promise<void> {
  try {
    const record: BuildRecord<R> = {
      format: FORMAT,
      outDir: path.resolve(outDir),
      fingerprint,
      files: Object.fromEntries(await hashFolder(outDir, hashOf)),
      result,
      warnings: [...warnings],
    };
    await writeCacheFile(recordFile(cacheDir, outDir), JSON.stringify(record));
  } catch {
    // A record that cannot be written only costs the next build its time.
  }
}

function recordFile(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, "builds", `${createHash("sha256").update(path.resolve(outDir)).digest("hex").slice(0, 16)}.json`);
}

/** Every file under `dir` (relative path with "/") → SHA-256. */
async function hashFolder(dir: string, hashOf: HashOf): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result.set(path.relative(dir, file).split(path.sep).join("/"), (await hashOf(file)).sha256);
  }
  return result;
}
