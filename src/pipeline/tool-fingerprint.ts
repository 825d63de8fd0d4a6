import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { TOOL_ROOT } from "../tool-root.ts";


let fingerprint: Promise<string> | undefined;

/**
 * A hash of the tool itself: its version, its lockfile and every file of its `src/` and `layouts/`.
 * What the build caches (the ingested cube, pages and PDFs) is keyed by it, so a changed tool — a
 * release, or a developer's edit of a filter — never serves output of the old one. About 10 ms,
 * once per process.
 */
export function toolFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash("sha256");
    for (const file of ["package.json", "package-lock.json"]) {
      hash.update(`\u0000${file}\u0000`);
      hash.update(await readFile(path.join(TOOL_ROOT, file)).catch(() => Buffer.alloc(0)));
    }
    for (const folder of ["src", "layouts"]) {
      const entries = (await readdir(path.join(TOOL_ROOT, folder), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
      const files = entries.map((entry) => path.relative(TOOL_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")).sort();
      for (const file of files) {
        hash.update(`\u0000${file}\u0000`);
        hash.update(await readFile(path.join(TOOL_ROOT, file)));
      }
    }
    return hash.digest("hex");
  })();
  return fingerprint;
}
