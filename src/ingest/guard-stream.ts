import { Transform, type TransformCallback } from "node:stream";
import { UserError } from "../user-error.ts";

export interface GuardOptions {
  /** Name of the file in messages. */
  name: string;
  /** Stop at a NUL character: no CSV export holds one, a damaged or binary file does. */
  refuseNul: boolean;
  /** Called with the bytes (or characters, for decoded text) passed so far, about every megabyte and at the end. */
  onProgress?: (passed: number) => void;
}

const PROGRESS_STEP = 1024 * 1024;

/**
 * A pass-through stream in front of the CSV parser that counts what passes (for progress) and
 * stops with a UserError naming the line at the first NUL character. A file that is text at the
 * start and binary later (a truncated copy, a disk image, a sparse file) fails there instead of
 * being parsed into one enormous field.
 */
export function guardStream(options: GuardOptions): Transform {
  let passed = 0;
  let reported = 0;
  let lines = 1;
  return new Transform({
    transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback) {
      if (options.refuseNul) {
        const at = typeof chunk === "string" ? chunk.indexOf("\u0000") : chunk.indexOf(0);
        if (at >= 0) {
          const line = lines + countNewlines(chunk, at);
          callback(
            new UserError(`${options.name}:${line}: binary data (a NUL byte) at position ${passed + at} — this is not (or no longer) a text file`, {
              hint: "The file is damaged or not a CSV export: export it again from BVH, or remove it from the exports folder.",
            }),
          );
          return;
        }
        lines += countNewlines(chunk, chunk.length);
      }
      passed += chunk.length;
      if (options.onProgress && passed - reported >= PROGRESS_STEP) {
        reported = passed;
        options.onProgress(passed);
      }
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      options.onProgress?.(passed);
      callback();
    },
  });
}

function countNewlines(chunk: Buffer | string, end: number): number {
  let count = 0;
  if (typeof chunk === "string") {
    for (let i = chunk.indexOf("\n"); i >= 0 && i < end; i = chunk.indexOf("\n", i + 1)) count++;
  } else {
    for (let i = chunk.indexOf(10); i >= 0 && i < end; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}
