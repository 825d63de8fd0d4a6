import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { UserError } from "../user-error.ts";

/**
 * The SHA-256 and size of a file, read as a stream: any size, in bounded memory (`readFile` holds
 * the whole file and cannot read past 2 GiB). A file that cannot be read is a UserError naming it:
 * an input left out of the hashes would drop out of the record of provision, the cache key and the
 * up-to-date check, and an edited file would then go unnoticed.
 */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`Cannot read ${file} to take its SHA-256${code ? ` (${code})` : ""}`, {
      hint: "Every input is hashed for the record of provision and the change check: check that the file is there, is a file and may be read, then run again.",
      cause: error,
    });
  }
  return { sha256: hash.digest("hex"), bytes };
}
