import { linkSync, rmSync } from "node:fs";
import { cp, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../user-error.ts";

/**
 * A staging folder beside the output folder. The build writes there; `commit` swaps it into
 * place with two renames, `discard` removes it. The previous output stays untouched until the
 * swap, so a failed or interrupted build never leaves a half-written output folder.
 */
export interface Staging {
  dir: string;
  /** Swaps the staging folder in; `swapped` is called once it is in place, before the old output is removed. */
  commit(swapped?: () => void): Promise<void>;
  discard(): Promise<void>;
}

interface Active {
  dir: string;
  /** Set by `abortPublishing`: the staging folder is gone and must never be swapped in. */
  aborted: boolean;
  /** The swap in progress, if any. */
  committing?: Promise<void>;
}

/** Staging folders and temporary files of this process that an interrupt must remove. */
const active = new Set<Active>();
let counter = 0;

/**
 * Starts a staging folder for `outDir`, holding a copy of the current output (so earlier
 * editions stay) without the folders in `replace` (relative paths that this build writes anew),
 * except for the files named in `keep` (paths relative to `outDir`: unchanged pages the build does
 * not write again). Leftovers of a build that crashed (a killed process, a power cut) are cleaned
 * up first, and an output folder a crash left half-swapped is put back.
 *
 * The files in `keep` are not copied but hard-linked (copied only where the file system refuses a
 * link): they share their bytes with the live output until the swap. The build must never write
 * into one (it writes only the files of the pages it renders, which are not kept). Everything else
 * is copied and may be written freely.
 */
export async function startStaging(outDir: string, replace: readonly string[], id = String(process.pid), keep: ReadonlySet<string> = new Set()): Promise<Staging> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  await mkdir(parent, { recursive: true });
  await recoverCrashed(parent, base);
  const suffix = `${id}-${++counter}`;
  const dir = path.join(parent, `.${base}.staging-${suffix}`);
  const entry: Active = { dir, aborted: false };
  active.add(entry);
  try {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    if (await exists(outDir)) {
      const replaced = replace.map((folder) => path.normalize(folder));
      const linked = new Set([...keep].map((file) => path.normalize(file)));
      // The replaced folders and the kept files are left out of the copy; the kept files are then linked.
      await cp(outDir, dir, {
        recursive: true,
        preserveTimestamps: true,
        filter: (source) => {
          const relative = path.relative(outDir, source);
          return !linked.has(relative) && !replaced.some((folder) => relative === folder || relative.startsWith(`${folder}${path.sep}`));
        },
      });
      for (const file of keep) await linkOrCopy(path.join(outDir, file), path.join(dir, file), { missing: "skip" });
    }
  } catch (error) {
    active.delete(entry);
    await rm(dir, { recursive: true, force: true });
    throw asWriteError(error, outDir);
  }
  return {
    dir,
    async commit(swapped) {
      if (entry.aborted) throw new UserError("The build was interrupted; the output folder was left as it was.");
      const old = path.join(parent, `.${base}.old-${suffix}`);
      entry.committing = (async () => {
        const hadOutput = await exists(outDir);
        if (hadOutput) await rename(outDir, old);
        await rename(dir, outDir);
        active.delete(entry);
        swapped?.();
        // Synchronous: nationally 12,000 entries, most of them links to files the new output keeps.
        if (hadOutput) rmSync(old, { recursive: true, force: true });
      })();
      await entry.committing;
    },
    async discard() {
      active.delete(entry);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a signal handler (Ctrl-C, SIGTERM): removes every staging folder and temporary file of this
 * process at once, synchronously, so that the process can exit right after. A swap already in
 * progress is two renames: the returned promise settles when it has finished, so the output is
 * whole (new) rather than half-swapped; without one, nothing is returned and the caller may exit at once.
 */
export function abortPublishing(): Promise<void> | undefined {
  const pending: Promise<void>[] = [];
  for (const entry of [...active]) {
    if (entry.committing) {
      pending.push(entry.committing.catch(() => undefined));
      continue;
    }
    entry.aborted = true;
    active.delete(entry);
    rmSync(entry.dir, { recursive: true, force: true });
  }
  return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
}

/**
 * Writes one file so that readers see the old or the new content, never a part: a temporary file
 * beside it, renamed over it. Used for the few files `validate` writes into the output folder.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${++counter}`);
  const entry: Active = { dir: temporary, aborted: false };
  active.add(entry);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw asWriteError(error, file);
  } finally {
    active.delete(entry);
  }
}

const DISK_FULL = new Set(["ENOSPC", "EDQUOT"]);
const NOT_WRITABLE = new Set(["EACCES", "EPERM", "EROFS"]);

/**
 * Turns a failed write (found anywhere in the error's chain of causes: Eleventy and Chromium wrap
 * them) into a UserError that says what happened and that the previous output is intact.
 * Returns other errors unchanged.
 */
export function asWriteError(error: unknown, outDir: string): unknown {
  const cause = errnoCause(error);
  if (!cause) return error;
  const where = cause.path ? ` while writing ${cause.path}` : "";
  if (DISK_FULL.has(cause.code)) {
    return new UserError(`The disk is full (${cause.code})${where}. ${outDir} was left as it was.`, {
      hint: "Free disk space and run again. A build needs room for a complete copy of the output folder beside it, as it swaps the new output in only when everything is written.",
      cause: error,
    });
  }
  if (NOT_WRITABLE.has(cause.code)) {
    return new UserError(`Cannot write (${cause.code})${where}. ${outDir} was left as it was.`, {
      hint: "Check that you may write to the output folder and the folder it is in (paths.output in the config).",
      cause: error,
    });
  }
  return error;
}

function errnoCause(error: unknown): { code: string; path?: string } | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // (A write to an open file has no path. Eleventy's wrapper names a file, but not reliably the
  // one that failed when it writes several at once, so no file is named then.)
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    // A failed copy names its source as `path` and the file it was writing as `dest`.
    const { code, dest, path: source } = current as { code?: unknown; dest?: unknown; path?: unknown };
    const file = dest ?? source;
    if (typeof code === "string" && (DISK_FULL.has(code) || NOT_WRITABLE.has(code))) {
      return typeof file === "string" ? { code, path: file } : { code };
    }
    const next = current as { cause?: unknown; originalError?: unknown };
    current = next.originalError ?? next.cause;
  }
  return undefined;
}

/**
 * Cleans up after a crashed build into `outDir` (see `startStaging`), for a build that leaves the
 * output as it is.
 */
export async function recoverCrashedBuilds(outDir: string): Promise<void> {
  await recoverCrashed(path.dirname(outDir), path.basename(outDir));
}

/**
 * Removes staging and old-output folders of builds whose process is gone. When a crash fell between
 * the two renames of a swap (no output folder, an old one beside it), the old output is put back:
 * the build that was swapping in never finished, so the previous output is what stands.
 */
async function recoverCrashed(parent: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${escapeRegExp(base)}\\.(staging|old)-(\\d+)-\\d+$`);
  const leftovers = (await readdir(parent).catch(() => [] as string[]))
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry) => entry.match && !isAlive(Number(entry.match[2])));
  const outDir = path.join(parent, base);
  const old = leftovers.find((entry) => entry.match?.[1] === "old");
  if (old && !(await exists(outDir))) await rename(path.join(parent, old.name), outDir);
  for (const entry of leftovers) {
    if (entry !== old || (await exists(path.join(parent, entry.name)))) await rm(path.join(parent, entry.name), { recursive: true, force: true });
  }
}

/** Errors of `link` that mean "not here" rather than "failed": another file system, or links not allowed. */
const NO_LINK = new Set(["EXDEV", "EPERM", "ENOTSUP", "EMLINK"]);

/**
 * Puts `target` in place as a hard link to `source` (one more name for the same bytes: nothing
 * copied), or as a copy where the file system will not link. A file already at `target` is
 * replaced. `missing`: what to do when `source` is gone ("skip", or "fail" with the error).
 */
export async function linkOrCopy(source: string, target: string, options: { missing: "skip" | "fail" }): Promise<void> {
  // One system call in the common case (thousands of files per build); the folder and the old file
  // are seen to only when the link is refused for them.
  for (let attempt = 0; ; attempt++) {
    try {
      // Synchronous: a link takes microseconds, a round trip through the thread pool some tens of them.
      linkSync(source, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (code === "EEXIST" && attempt === 0) await rm(target, { force: true });
      else if (code === "ENOENT" && attempt === 0 && (await exists(source))) await mkdir(path.dirname(target), { recursive: true });
      else if (code === "ENOENT" && options.missing === "skip") return;
      else if (NO_LINK.has(code)) {
        await mkdir(path.dirname(target), { recursive: true });
        await cp(source, target, { preserveTimestamps: true });
        return;
      } else throw error;
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
