import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { IngestResult } from "../ingest/ingest.ts";
import { decodeIngest, encodeIngest } from "../ingest/serialize-ingest.ts";
import { keepNewest, keyOf } from "./model-cache.ts";

/** How many ingested cubes the cache keeps (the newest); each can be tens of megabytes nationally. */
const KEEP = 3;

/**
 * The cache key of an ingest: a SHA-256 over the content hashes of the export files (in delivery
 * order) and of the reference tables, the tool's fingerprint, and every option that changes what
 * ingest produces (column names, plausible months, snapshot months). Same key, same cube.
 */
export function ingestCacheKey(parts: {
  tool: string;
  exports: readonly { path: string; sha256: string }[];
  reference: readonly { path: string; sha256: string }[];
  options: unknown;
}): string {
  return keyOf("ingest", parts.tool, parts.exports, parts.reference, parts.options);
}

/**
 * The ingest result cached under `key` in `dir`, or the one `make` computes (then cached). A cache
 * file that cannot be read or decoded is ignored and replaced; a cache that cannot be written only
 * costs the next build its time.
 */
export async function cachedIngest(dir: string, key: string, make: () => Promise<IngestResult>): Promise<{ result: IngestResult; cached: boolean }> {
  const file = path.join(dir, `${key}.bin`);
  const bytes = await readFile(file).catch(() => undefined);
  const hit = bytes ? decodeIngest(bytes) : undefined;
  if (hit) return { result: hit, cached: true };
  const result = await make();
  try {
    await mkdir(dir, { recursive: true });
    const temporary = `${file}.tmp-${process.pid}`;
    await writeFile(temporary, encodeIngest(result));
    await rename(temporary, file);
    await keepNewest(dir, ".bin", KEEP);
  } catch {
    // Not being able to cache (a read-only or full disk) must not fail a build that succeeded.
  }
  return { result, cached: false };
}
