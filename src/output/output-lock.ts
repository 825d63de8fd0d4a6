import { unlinkSync } from "node:fs";
import { link, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../user-error.ts";
import { recoverCrashedBuilds } from "./staging.ts";

/**
 * A lock on one output folder and what the cache keeps for it (the page manifest and the record of
 * the last build are per output folder; the ingest cache is written whole by content key, so it
 * needs none): the file `.<output>.lock` beside the output folder, holding the pid of the process
 * that has it. A second build (validate, merge, serve's rebuild) into the same folder waits for
 * the first and says so, naming its pid; the lock of a process that is gone is taken over. Within
 * one process, users of the same folder take turns.
 */
export interface OutputLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** Told once when another process holds the lock and this one waits for it. */
  onWait?: (message: string) => void;
  /** How often to look again while waiting, in ms (default 200). */
  pollMs?: number;
}

/** Lock files of this process, removed when it exits however it exits (a signal handler calls process.exit). */
const held = new Set<string>();
/** Per lock file: the turn of the last user in this process. */
const queues = new Map<string, Promise<void>>();
let exitHook = false;

/** The lock file of `outDir`. */
export function lockFileOf(outDir: string): string {
  return path.join(path.dirname(path.resolve(outDir)), `.${path.basename(path.resolve(outDir))}.lock`);
}

/**
 * Opens the output folder for a command that writes it: checks that it is a folder (or absent, with
 * a folder above it), takes its lock (waiting for another build to finish), then puts back an output
 * that a crash left half-swapped and removes the leftovers of dead builds — before anything reads
 * or writes the output. Release the lock when done.
 */
export async function openOutput(outDir: string, options: LockOptions = {}): Promise<OutputLock> {
  await checkOutputPath(outDir);
  const lock = await lockOutput(outDir, options);
  try {
    await recoverCrashedBuilds(outDir);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}

/**
 * A UserError when `outDir` is something other than a folder, or lies under a file: every command
 * would otherwise fail on it half-way with ENOTDIR or EEXIST.
 */
export async function checkOutputPath(outDir: string): Promise<void> {
  const resolved = path.resolve(outDir);
  for (let at = resolved; ; at = path.dirname(at)) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" || error.code === "ENOTDIR" ? undefined : Promise.reject(error)));
    if (info) {
      if (info.isDirectory()) return;
      const what = at === resolved ? `${resolved} is a file, not a folder` : `${resolved} lies under ${at}, which is a file, not a folder`;
      throw new UserError(`The output folder (paths.output) cannot be used: ${what}`, {
        hint: `Set paths.output in the config to a folder (it is made when missing), or move ${at} away.`,
        exitCode: 2,
      });
    }
    if (path.dirname(at) === at) return;
  }
}

/** Takes the lock of `outDir` (see `OutputLock`), waiting while another live process holds it. */
export async function lockOutput(outDir: string, options: LockOptions = {}): Promise<OutputLock> {
  const file = lockFileOf(outDir);
  // Take a turn within this process first: the lock file names only the process.
  const before = queues.get(file) ?? Promise.resolve();
  let done!: () => void;
  const turn = new Promise<void>((resolve) => (done = resolve));
  const mine = before.then(() => turn);
  queues.set(file, mine);
  await before;
  try {
    await acquire(file, options);
  } catch (error) {
    done();
    if (queues.get(file) === mine) queues.delete(file);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      held.delete(file);
      await rm(file, { force: true });
      done();
      if (queues.get(file) === mine) queues.delete(file);
    },
  };
}

async function acquire(file: string, options: LockOptions): Promise<void> {
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const lock of held) {
        try {
          unlinkSync(lock);
        } catch {
          // Already gone.
        }
      }
    });
  }
  await mkdir(path.dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    // The pid is written first and the lock made by a hard link, which fails when the lock exists:
    // a lock file is never seen empty or half-written.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${process.pid}\n`);
    try {
      await link(temporary, file);
      held.add(file);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    const holder = await holderOf(file);
    if (holder === undefined) continue; // Released meanwhile: try again.
    // Our own pid in a lock this process does not hold: left by a build of this process that failed to release it.
    if (holder === 0 || (holder === process.pid ? !held.has(file) : !isAlive(holder))) {
      await takeOver(file, holder);
      continue;
    }
    if (!told) {
      told = true;
      options.onWait?.(`waiting for the build of process ${holder}, which is writing ${path.join(path.dirname(file), path.basename(file).replace(/^\.(.*)\.lock$/, "$1"))} (lock ${file}); Ctrl-C to stop`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
  }
}

/** The pid in a lock file: undefined when it is gone, 0 when it holds no pid (not a lock of ours: stale). */
async function holderOf(file: string): Promise<number | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

/**
 * Removes the lock of dead process `pid`. Renamed aside first, so that of two processes taking
 * over at once only one removes it; should that one find a live pid in what it moved aside (the
 * other already took the lock anew), it puts it back.
 */
async function takeOver(file: string, pid: number): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  const moved = await holderOf(aside);
  if (moved !== undefined && moved !== 0 && moved !== pid && (moved === process.pid || isAlive(moved))) {
    await rename(aside, file).catch(() => undefined);
    return;
  }
  await rm(aside, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
