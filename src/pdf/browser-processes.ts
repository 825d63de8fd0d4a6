import { readdirSync, readFileSync } from "node:fs";

/**
 * The Chromiums this process runs, by their profile folder (every browser gets a fresh one, named
 * on the command line of the browser and of each of its helpers: zygotes, renderers, utilities).
 * Known from before the browser starts, so that a signal that comes while it is starting finds it
 * too. Kept apart from browser.ts so that a signal handler can stop them without loading puppeteer.
 */
const profiles = new Set<string>();

/** Notes a browser that runs (or is about to) with profile folder `profile`; returns a function that forgets it. */
export function trackBrowser(profile: string): () => void {
  profiles.add(profile);
  return () => profiles.delete(profile);
}

/**
 * Kills every process of every tracked browser (SIGKILL, with its process group: it is not asked
 * to close) and returns once none is left (a zombie, waiting to be reaped, has stopped), so that a
 * build stopped by a signal exits only after its Chromium has gone, helpers included — puppeteer's
 * own kill on exit is not waited for, and misses a browser that is still starting. Synchronous,
 * for a signal handler that exits right after: nothing else of the build runs meanwhile (a build
 * would otherwise go on and report the browser's loss as an error). The wait is capped (`limitMs`,
 * default 5 s) so that a process the system is slow to remove never keeps the build from exiting.
 * Linux (/proc) only; elsewhere puppeteer's kill on exit is all there is.
 */
export function stopBrowsers(limitMs = 5000): void {
  if (profiles.size === 0) return;
  const needles = [...profiles].map((profile) => `--user-data-dir=${profile}`);
  profiles.clear();
  const started = Date.now();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const left = processesWith(needles);
    for (const { pid, group } of left) {
      kill(-group);
      kill(pid);
    }
    if (left.length === 0 || Date.now() - started > limitMs) return;
    Atomics.wait(pause, 0, 0, 5);
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Gone already.
  }
}

/** The processes, not zombies, whose command line holds one of `needles`, with their process group. */
function processesWith(needles: readonly string[]): { pid: number; group: number }[] {
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const found: { pid: number; group: number }[] = [];
  for (const name of names) {
    if (name.charCodeAt(0) > 57 || Number(name) === process.pid) continue;
    let stat: string;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (!needles.some((needle) => cmdline.includes(needle))) continue;
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses: read after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") continue;
    found.push({ pid: Number(name), group: Number(fields[2]) });
  }
  return found;
}
