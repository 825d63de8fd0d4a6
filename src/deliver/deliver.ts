import { appendFile, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { hashFile } from "../output/hash-file.ts";
import { openOutput } from "../output/output-lock.ts";
import { PROVISION_DIR } from "../output/folder-names.ts";
import { UserError } from "../user-error.ts";
import type { BuiltPackage } from "./delivery-files.ts";
import { deliveryLogPage } from "./delivery-log-page.ts";
import { SCHEMA_VERSION } from "./package-schema.ts";

/** The record of deliveries in the output's record of provision: one JSON object per line, appended. */
export const DELIVERY_LOG = `${PROVISION_DIR}/leveringen.jsonl`;
/** The same as a readable page, written again after every delivery. */
export const DELIVERY_PAGE = `${PROVISION_DIR}/leveringen.html`;

/** One package delivered: what, to whom, on which legal basis, when, where, and every file's hash. */
export interface DeliveryEntry {
  /** When it was put in the drop folder (ISO 8601, UTC). */
  deliveredAt: string;
  buildDate: string;
  recipient: { id: string; name: string; audience: string };
  legalBasis: string;
  report: string;
  edition: string;
  package: string;
  schemaVersion: string;
  /** The package's folder in the drop folder. */
  target: string;
  files: { path: string; sha256: string; bytes: number }[];
}

export interface DeliverOptions {
  /** The build's output folder, where the packages were built (leveringen/) and the record is kept. */
  outDir: string;
  /** The drop folder: each recipient's packages go into `<drop>/<recipient id>/<package>/`. */
  dropFolder: string;
  packages: readonly BuiltPackage[];
  /** Only these recipients (all when absent). */
  recipients?: readonly string[];
  buildDate: string;
  /** The moment of delivery, ISO 8601 (the CLI reads the clock; tests pass their own). */
  deliveredAt: string;
  /** Named on the readable page of the record. */
  organisation?: string;
  /** The layouts the readable page is rendered from (the config's paths.layouts); the tool's own when absent. */
  layoutsDir?: string;
  onWait?: (message: string) => void;
}

/**
 * Puts each package of a successful build into its recipient's folder under the drop folder and
 * appends the delivery to the record of provision (`verstrekkingen/leveringen.jsonl` in the output,
 * and the readable `leveringen.html` beside it).
 * Each package is copied into a hidden folder beside its target and swapped in with renames, so a
 * recipient's system never sees half a package: it sees the previous delivery or this one. The
 * hashes recorded are of the files as copied into the drop folder. One delivery at a time per
 * output folder (the build's lock).
 */
export async function deliverPackages(options: DeliverOptions): Promise<DeliveryEntry[]> {
  const unknown = (options.recipients ?? []).filter((id) => !options.packages.some((item) => item.recipient.id === id));
  if (unknown.length > 0) {
    throw new UserError(`No package for recipient ${unknown.join(", ")} in this build`, {
      hint: "Check --recipient against the ids under recipients in the config, and that the build made an edition of a report that recipient receives.",
      exitCode: 2,
    });
  }
  const chosen = options.packages.filter((item) => !options.recipients || options.recipients.includes(item.recipient.id));
  const lock = await openOutput(options.outDir, options.onWait ? { onWait: options.onWait } : {});
  const entries: DeliveryEntry[] = [];
  try {
    for (const item of chosen) entries.push(await deliverOne(item, options));
    if (entries.length > 0) {
      await mkdir(path.join(options.outDir, PROVISION_DIR), { recursive: true });
      await appendFile(path.join(options.outDir, DELIVERY_LOG), entries.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
      const all = (await readFile(path.join(options.outDir, DELIVERY_LOG), "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as DeliveryEntry);
      await writeFile(path.join(options.outDir, DELIVERY_PAGE), deliveryLogPage(all, options.organisation ?? "", options.layoutsDir));
    }
  } finally {
    await lock.release();
  }
  return entries;
}

async function deliverOne(item: BuiltPackage, options: DeliverOptions): Promise<DeliveryEntry> {
  const name = path.basename(item.folder);
  const folder = path.join(options.dropFolder, item.recipient.id);
  const target = path.join(folder, name);
  const staging = path.join(folder, `.${name}.tmp-${process.pid}`);
  const previous = path.join(folder, `.${name}.old-${process.pid}`);
  await mkdir(folder, { recursive: true });
  // Left by a delivery that was killed half-way: never seen by the recipient (hidden), removed.
  for (const entry of await readdir(folder)) if (entry.startsWith(`.${name}.tmp-`) || entry.startsWith(`.${name}.old-`)) await rm(path.join(folder, entry), { recursive: true, force: true });
  await mkdir(staging);
  const files: DeliveryEntry["files"] = [];
  let hadPrevious = false;
  let swapped = false;
  try {
    for (const file of item.files) {
      const relative = path.relative(item.folder, file);
      await copyFile(path.join(options.outDir, file), path.join(staging, relative));
      files.push({ path: relative.split(path.sep).join("/"), ...(await hashFile(path.join(staging, relative))) });
    }
    hadPrevious = await rename(target, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    await rename(staging, target);
    swapped = true;
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // The previous package back in its place when the new one could not be put there.
    if (hadPrevious && !swapped) await rename(previous, target).catch(() => undefined);
    throw new UserError(`Cannot deliver ${name} to ${folder}: ${(error as Error).message}`, {
      hint: "Check that the drop folder (paths.delivery) is mounted and writable; the recipient's previous package was left as it was.",
      cause: error,
    });
  }
  return {
    deliveredAt: options.deliveredAt,
    buildDate: options.buildDate,
    recipient: { id: item.recipient.id, name: item.recipient.name, audience: item.recipient.audience },
    legalBasis: item.recipient.legalBasis,
    report: item.report,
    edition: item.edition,
    package: name,
    schemaVersion: SCHEMA_VERSION,
    target,
    files,
  };
}
