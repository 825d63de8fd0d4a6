import { cp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../user-error.ts";
import { openOutput, type OutputLock } from "../output/output-lock.ts";
import { PROVISION_DIR } from "../output/folder-names.ts";
import { writeRecordFiles, type ProvisionRecord } from "./provision.ts";
import { asWriteError, startStaging } from "../output/staging.ts";

/**
 * Merges the output folders of the shards of one build (`build --shard i/n` for i = 1…n, each into
 * its own folder, e.g. the artifacts of a CI matrix) into `outDir`, so that it holds what one build
 * would have written: every shard's files, and one record of provision listing them all. The
 * shards must be of the same build (inputs, config, build date); that is checked on their records.
 * Written through a staging folder like a build: `outDir` changes only when all of it succeeded.
 * The record's page is rendered from the layouts in `layoutsDir` (the config's paths.layouts), the tool's own when absent.
 */
export async function mergeShards(shardDirs: readonly string[], outDir: string, organisation: string, layoutsDir?: string): Promise<{ files: number }> {
  if (shardDirs.length === 0) throw new UserError("No shard folders to merge", { hint: "Name the output folders of every shard: veiligheidsbeeld merge <folder>… --out dist", exitCode: 2 });
  // The output and every shard folder locked and, when a crash left one half-swapped, put back first.
  const locks: OutputLock[] = [];
  try {
    for (const dir of [outDir, ...shardDirs.filter((dir) => path.resolve(dir) !== path.resolve(outDir))]) locks.push(await openOutput(dir));
    return await mergeLocked(shardDirs, outDir, organisation, layoutsDir);
  } finally {
    for (const lock of locks.reverse()) await lock.release();
  }
}

async function mergeLocked(shardDirs: readonly string[], outDir: string, organisation: string, layoutsDir?: string): Promise<{ files: number }> {
  const records: ProvisionRecord[] = [];
  for (const dir of shardDirs) {
    const names = (await readdir(path.join(dir, PROVISION_DIR)).catch(() => [] as string[])).filter((name) => name.endsWith(".json"));
    if (names.length !== 1) {
      throw new UserError(`${dir} is not the output of one shard build (${names.length} records of provision in ${PROVISION_DIR}/)`, {
        hint: "Build each shard into its own, new folder (build --shard i/n with paths.output set per job), then merge those folders.",
      });
    }
    records.push(JSON.parse(await readFile(path.join(dir, PROVISION_DIR, names[0] as string), "utf8")) as ProvisionRecord);
  }
  const [first] = records as [ProvisionRecord, ...ProvisionRecord[]];
  const same = (record: ProvisionRecord) => record.buildDate === first.buildDate && record.configSha256 === first.configSha256 && JSON.stringify(record.inputs) === JSON.stringify(first.inputs) && record.tool.version === first.tool.version;
  const other = records.findIndex((record) => !same(record));
  if (other >= 0) {
    throw new UserError(`${shardDirs[other]} is not a shard of the same build as ${shardDirs[0]} (other inputs, config, build date or tool version)`, {
      hint: "Merge only the shards of one build: the same exports, reference, config and --build-date in every job.",
    });
  }
  const files = new Map<string, ProvisionRecord["files"][number]>();
  for (const record of records) for (const file of record.files) if (!files.has(file.path)) files.set(file.path, file);
  const merged: ProvisionRecord = { ...first, files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };

  const staging = await startStaging(outDir, [], `${process.pid}`);
  try {
    await rm(staging.dir, { recursive: true, force: true });
    for (const dir of shardDirs) await cp(dir, staging.dir, { recursive: true, force: true });
    await writeRecordFiles(staging.dir, merged, organisation, layoutsDir);
    await staging.commit();
  } catch (error) {
    await staging.discard();
    throw asWriteError(error, outDir);
  }
  return { files: merged.files.length };
}
