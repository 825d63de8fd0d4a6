import { statSync, type Stats } from "node:fs";
import { readFile } from "node:fs/promises";
import { writeCacheFile } from "./cache-file.ts";
import path from "node:path";
import { hashFile } from "./hash-file.ts";

/** How a file is hashed: `file` is read, and known as `as` (a file in a staging folder as the output file it becomes). */
export type HashOf = (file: string, as?: string) => Promise<{ sha256: string; bytes: number }>;

interface Entry {
  sha256: string;
  bytes: number;
  /** What the file was when it was hashed: while these are the same, so is its content. */
  size: number;
  mtimeMs: number;
  ino: number;
}

const FORMAT = "veiligheidsbeeld-file-hashes-1";

/**
 * The SHA-256 of files hashed by earlier builds, with the size, modification time and inode each
 * had then: a file whose three are unchanged is not read again (as git and make judge a file). A
 * build reads its inputs and its whole output to record them; nationally that is two gigabytes a
 * build, most of it unchanged. Writing a file changes its modification time, and replacing it its
 * inode; a file edited in place within the same nanosecond to the same size would go unnoticed.
 * `--no-cache` hashes every file as read.
 */
export class FileHashes {
  readonly #file: string;
  readonly #previous: Record<string, Entry>;
  readonly #now = new Map<string, Entry>();

  private constructor(file: string, previous: Record<string, Entry>) {
    this.#file = file;
    this.#previous = previous;
  }

  /** The hashes kept in `file`; none when it is missing or cannot be read. */
  static async open(file: string): Promise<FileHashes> {
    let previous: Record<string, Entry> = {};
    try {
      const kept = JSON.parse(await readFile(file, "utf8")) as { format: string; files: Record<string, Entry> };
      if (kept.format === FORMAT) previous = kept.files;
    } catch {
      // None yet, or damaged: every file is read.
    }
    return new FileHashes(file, previous);
  }

  /** SHA-256 and size of `file`, kept under `as` (an absolute path; `file` itself by default). */
  readonly hash: HashOf = async (file, as = file) => {
    const key = path.resolve(as);
    // Synchronous: a build asks this for every file of its output several times (nationally 12,000
    // files), and a stat from the cache of the kernel takes microseconds where a round trip through
    // the thread pool takes some tens of them.
    const info = statOrUndefined(file);
    const known = this.#now.get(key) ?? this.#previous[key];
    if (info && known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.ino === info.ino) {
      this.#now.set(key, known);
      return { sha256: known.sha256, bytes: known.bytes };
    }
    const hashed = await hashFile(file);
    if (info) this.#now.set(key, { ...hashed, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
    return hashed;
  };

  /** Keeps the hashes of the files hashed in this build (the others are forgotten). */
  async save(): Promise<void> {
    await writeCacheFile(this.#file, JSON.stringify({ format: FORMAT, files: Object.fromEntries(this.#now) }));
  }
}

/** The status of `file`; undefined when it is missing or cannot be looked at (then it is read, and fails there if it must). */
export function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
