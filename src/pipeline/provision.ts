import { createHash } from "node:crypto";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { PROVISION_DIR } from "../output/folder-names.ts";
import type { HashOf } from "../output/file-hashes.ts";
import { hashFile } from "../output/hash-file.ts";
import { provisionPage } from "./provision-page.ts";
import type { Config } from "../config/normalize-config.ts";
import type { Audience } from "../model/disclosure/rules.ts";
import type { ReportPage, SitePage } from "../reports/page.ts";
import { BUILT_IN_DEFINITIONS } from "../reports/registry.ts";
import type { BuiltPackage } from "../deliver/delivery-files.ts";

/** One file handed out: what it holds, for whom, under which rules, and its exact content hash. */
export interface ProvidedFile {
  path: string;
  sha256: string;
  bytes: number;
  report: string;
  edition?: string;
  area?: { code: string; naam: string };
  audience: Audience;
  recipients: string[];
  legalBasis: string;
  disclosure: { applied: false; reason: string } | { applied: true; method: string; threshold: number; suppressedCells: number };
}

export interface ProvisionRecord {
  /** What this is, in words, for whoever opens the file years later. */
  description: string;
  tool: { name: string; version: string };
  buildDate: string;
  configSha256: string;
  inputs: { path: string; sha256: string; bytes: number; kind: "export" | "reference" | "commentary" | "national" }[];
  files: ProvidedFile[];
}

/**
 * Writes the record of what this build provides to whom (the Wet politiegegevens asks the police to
 * record its verstrekkingen): per output file its report, edition, area, audience, the recipients
 * and legal basis configured for that audience, the disclosure rules applied and its SHA-256; for
 * the build the hashes of every input, the tool version and a hash of the config. Written last,
 * over the files as they will be published, as JSON and as a readable page (not for the public).
 * Same inputs and build date give the same bytes.
 */
export async function writeProvisionRecord(
  dir: string,
  options: {
    pages: readonly SitePage[];
    config: Config;
    buildDate: string;
    toolVersion: string;
    inputs: ProvisionRecord["inputs"];
    packages?: readonly BuiltPackage[];
    /** How the files are hashed: each known as the output file it becomes (FileHashes reads only what changed). */
    hashOf?: HashOf;
  },
): Promise<ProvisionRecord> {
  const { config } = options;
  const reportPages = options.pages.filter((page): page is ReportPage => "area" in page);
  const byStem = new Map<string, ReportPage>();
  for (const page of reportPages) byStem.set(page.path.replace(/\.html$/, ""), page);
  const audienceOfKind = new Map<string, Audience>([
    ...[...BUILT_IN_DEFINITIONS.values(), ...config.definitions].map((definition): [string, Audience] => [definition.kind, definition.audience]),
    ...reportPages.map((page): [string, Audience] => [page.report.kind, page.report.audience]),
  ]);
  // A data package's files are provided to its recipient, on the recipient's legal basis.
  const packageOf = new Map<string, BuiltPackage>();
  for (const item of options.packages ?? []) for (const file of item.files) packageOf.set(file, item);
  // Files this build did not write (other editions, other reports) were recorded by the build that did.
  const earlier = await earlierEntries(path.join(dir, PROVISION_DIR));

  const files: ProvidedFile[] = [];
  for (const file of await listFiles(dir)) {
    if (file.startsWith(`${PROVISION_DIR}/`) || file.split("/").includes("assets")) continue;
    const { sha256: hash, bytes } = await (options.hashOf ?? hashFile)(path.join(dir, file), path.join(config.paths.output, file));
    const page = pageOf(file, byStem);
    const item = packageOf.get(file);
    if (item) {
      files.push({
        path: file,
        sha256: hash,
        bytes,
        report: item.report,
        edition: item.edition,
        audience: item.recipient.audience,
        recipients: [item.recipient.name],
        legalBasis: item.recipient.legalBasis,
        disclosure: item.disclosure
          ? { applied: true, ...item.disclosure }
          : { applied: false, reason: `data package for ${item.recipient.id}: the figures of ${item.report} ${item.edition} as on its pages, audience ${item.recipient.audience}` },
      });
      continue;
    }
    const before = earlier.get(file);
    if (!page && before && before.sha256 === hash) {
      files.push(before);
      continue;
    }
    const kind = page?.report.kind ?? (file.includes("/") ? (file.split("/")[0] as string) : "index");
    const audience: Audience = page?.report.audience ?? audienceOfKind.get(kind) ?? "intern";
    const party = config.audiences[audience];
    const edition = page?.edition.id ?? (file.split("/").length > 2 ? file.split("/")[1] : undefined);
    files.push({
      path: file,
      sha256: hash,
      bytes,
      report: kind,
      ...(edition ? { edition } : {}),
      ...(page ? { area: { code: page.area.code, naam: page.area.naam } } : {}),
      audience,
      recipients: party.recipients,
      legalBasis: party.legalBasis,
      disclosure: page?.disclosure
        ? { applied: true, method: page.disclosure.method, threshold: page.disclosure.threshold, suppressedCells: page.disclosure.suppressed }
        : audience === "public"
          ? { applied: true, method: config.disclosure.method, threshold: config.disclosure.threshold, suppressedCells: 0 }
          : { applied: false, reason: `audience ${audience}: aggregated counts without suppression, no personal data` },
    });
  }
  const record: ProvisionRecord = {
    description: "Vastlegging van verstrekkingen: welke bestanden deze build maakte, voor wie, op welke grondslag en onder welke regels, met hun SHA-256.",
    tool: { name: "veiligheidsbeeld", version: options.toolVersion },
    buildDate: options.buildDate,
    configSha256: configHash(config),
    inputs: [...options.inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    files,
  };
  await writeRecordFiles(dir, record, config.organisation, config.paths.layouts);
  return record;
}

/** Writes `record` as verstrekkingen/<build date>.json and .html into `dir`; the page from the layouts in `layoutsDir` (the tool's own when absent). */
export async function writeRecordFiles(dir: string, record: ProvisionRecord, organisation: string, layoutsDir?: string): Promise<void> {
  await mkdir(path.join(dir, PROVISION_DIR), { recursive: true });
  await writeFile(path.join(dir, PROVISION_DIR, `${record.buildDate}.json`), `${JSON.stringify(record, null, 2)}\n`);
  await writeFile(path.join(dir, PROVISION_DIR, `${record.buildDate}.html`), provisionPage(record, organisation, layoutsDir));
}

/** The entries of the records of earlier builds in `folder`, the newest for each file. */
async function earlierEntries(folder: string): Promise<Map<string, ProvidedFile>> {
  const entries = new Map<string, ProvidedFile>();
  // Read before this build writes its own (a build on the same date replaces that day's record).
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).sort();
  for (const name of names) {
    try {
      const record = JSON.parse(await readFile(path.join(folder, name), "utf8")) as ProvisionRecord;
      for (const file of record.files) entries.set(file.path, file);
    } catch {
      // Not a record of ours; it is listed as a file like any other.
    }
  }
  return entries;
}

/** SHA-256 and size of input files, with paths relative to the project folder; a file that cannot be read is a UserError. */
export async function hashInputs(root: string, files: readonly { file: string; kind: ProvisionRecord["inputs"][number]["kind"] }[], hashOf: HashOf = hashFile): Promise<ProvisionRecord["inputs"]> {
  const inputs: ProvisionRecord["inputs"] = [];
  for (const { file, kind } of files) {
    // Streamed, and never skipped: a file that cannot be hashed is an error (see hashFile).
    const { sha256: hash, bytes } = await hashOf(file);
    inputs.push({ path: path.relative(root, file).split(path.sep).join("/"), sha256: hash, bytes, kind });
  }
  return inputs;
}

/** Every Markdown file under the commentary folder (absent folder: none). */
export async function commentaryFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => entry.endsWith(".md")).map((entry) => path.join(folder, entry)).sort();
}

/**
 * A hash of the normalised config, with paths relative to the project so it is the same on every
 * machine; where the output and the cache go does not change what is provided, so they are left out.
 */
export function configHash(config: Config): string {
  const { root, paths, definitions, ...rest } = config;
  const { output: _output, cache: _cache, ...inputs } = paths;
  const relative = Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, typeof value === "string" ? path.relative(root, value).split(path.sep).join("/") : value]));
  return sha256(Buffer.from(JSON.stringify({ ...rest, paths: relative, definitions })));
}

function pageOf(file: string, byStem: ReadonlyMap<string, ReportPage>): ReportPage | undefined {
  const stem = file.replace(/\.[^./]+$/, "");
  for (let end = stem.length; end > 0; end = stem.lastIndexOf("-", end - 1)) {
    const page = byStem.get(stem.slice(0, end));
    if (page) return page;
  }
  return undefined;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) if (entry.isFile()) files.push(path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  return files.sort();
}

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
