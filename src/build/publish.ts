import { cp, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/**
 * A staging folder beside the output folder. The build writes there; `commit` swaps it into
 * place with two renames, `discard` removes it. The previous output stays untouched until the
 * swap, so a failed or interrupted build never leaves a half-written output folder.
 */
export interface Staging {
  dir: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Starts a staging folder for `outDir`, holding a copy of the current output (so earlier
 * editions stay) without the folders in `replace` (relative paths that this build writes anew).
 */
export async function startStaging(outDir: string, replace: readonly string[], id: string): Promise<Staging> {
  const parent = path.dirname(outDir);
  const dir = path.join(parent, `.${path.basename(outDir)}.staging-${id}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(parent, { recursive: true });
  if (await exists(outDir)) await cp(outDir, dir, { recursive: true, preserveTimestamps: true });
  else await mkdir(dir, { recursive: true });
  for (const folder of replace) await rm(path.join(dir, folder), { recursive: true, force: true });
  return {
    dir,
    async commit() {
      const old = path.join(parent, `.${path.basename(outDir)}.old-${id}`);
      const hadOutput = await exists(outDir);
      if (hadOutput) await rename(outDir, old);
      await rename(dir, outDir);
      if (hadOutput) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
