import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { hashFile } from "./hash-file.ts";
import type { Config } from "../config/normalize-config.ts";
import type { Audience } from "../model/disclosure/rules.ts";
import type { ReportPage, SitePage } from "../reports/page.ts";
import { BUILT_IN_DEFINITIONS } from "../reports/registry.ts";
import type { BuiltPackage } from "../deliver/delivery-files.ts";

/** The folder in the output with the record of provision (verstrekkingenregister). */
export const PROVISION_DIR = "verstrekkingen";

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
    /** SHA-256 and size of files already read by the caller (files kept from the last build): not read again. */
    known?: ReadonlyMap<string, { sha256: string; bytes: number }>;
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
    const { sha256: hash, bytes } = options.known?.get(file) ?? (await hashFile(path.join(dir, file)));
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
  await writeRecordFiles(dir, record, config.organisation);
  return record;
}

/** Writes `record` as verstrekkingen/<build date>.json and .html into `dir`. */
export async function writeRecordFiles(dir: string, record: ProvisionRecord, organisation: string): Promise<void> {
  await mkdir(path.join(dir, PROVISION_DIR), { recursive: true });
  await writeFile(path.join(dir, PROVISION_DIR, `${record.buildDate}.json`), `${JSON.stringify(record, null, 2)}\n`);
  await writeFile(path.join(dir, PROVISION_DIR, `${record.buildDate}.html`), provisionPage(record, organisation));
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
export async function hashInputs(root: string, files: readonly { file: string; kind: ProvisionRecord["inputs"][number]["kind"] }[]): Promise<ProvisionRecord["inputs"]> {
  const inputs: ProvisionRecord["inputs"] = [];
  for (const { file, kind } of files) {
    // Streamed, and never skipped: a file that cannot be hashed is an error (see hashFile).
    const { sha256: hash, bytes } = await hashFile(file);
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
  const entries = await readdir(dir, { recursive: true });
  const files: string[] = [];
  for (const entry of entries) if ((await stat(path.join(dir, entry))).isFile()) files.push(entry.split(path.sep).join("/"));
  return files.sort();
}

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char] as string);
}

/** The record as a plain page for the privacy officer: no scripts, no external resources. */
function provisionPage(record: ProvisionRecord, organisation: string): string {
  const rows = record.files
    .map((file) => {
      const rules = file.disclosure.applied ? `${file.disclosure.method === "round5" ? "afgerond op 5" : `onderdrukt onder ${file.disclosure.threshold}`}; ${file.disclosure.suppressedCells} cellen x` : "geen (niet openbaar)";
      return `<tr><td><code>${escapeHtml(file.path)}</code></td><td>${escapeHtml(file.report)}${file.edition ? ` ${escapeHtml(file.edition)}` : ""}</td><td>${escapeHtml(file.area ? `${file.area.naam} (${file.area.code})` : "")}</td><td>${escapeHtml(file.audience)}</td><td>${escapeHtml(rules)}</td><td><code>${file.sha256.slice(0, 16)}…</code></td></tr>`;
    })
    .join("\n");
  const audiences = [...new Map(record.files.map((file) => [file.audience, file])).values()]
    .map((file) => `<tr><th scope="row">${escapeHtml(file.audience)}</th><td>${escapeHtml(file.recipients.join("; "))}</td><td>${escapeHtml(file.legalBasis)}</td><td>${record.files.filter((other) => other.audience === file.audience).length}</td></tr>`)
    .join("\n");
  const inputs = record.inputs.map((input) => `<tr><td><code>${escapeHtml(input.path)}</code></td><td>${input.kind}</td><td>${input.bytes}</td><td><code>${input.sha256.slice(0, 16)}…</code></td></tr>`).join("\n");
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Vastlegging van verstrekkingen — ${escapeHtml(record.buildDate)}</title>
<link rel="stylesheet" href="../assets/site.css">
<style>
  .provision { max-width: 80rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
  .provision .marking { display: inline-block; border: 2px solid #7a1010; color: #7a1010; font-weight: 700; padding: 0.3rem 0.7rem; }
  .provision table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-bottom: 2rem; }
  .provision th, .provision td { border-bottom: 1px solid #d5d9e0; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
  .provision code { font-size: 0.8rem; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main class="provision">
<p class="marking">Vertrouwelijk — niet openbaar; vastlegging voor de privacy officer</p>
<h1>Vastlegging van verstrekkingen</h1>
<p>${escapeHtml(organisation)} · build van ${escapeHtml(record.buildDate)} · ${escapeHtml(record.tool.name)} ${escapeHtml(record.tool.version)} · configuratie <code>${record.configSha256.slice(0, 16)}…</code></p>
<p>${escapeHtml(record.description)} De volledige hashes staan in <a href="${escapeHtml(record.buildDate)}.json">${escapeHtml(record.buildDate)}.json</a>.</p>
<h2>Ontvangers en grondslag per publiek</h2>
<table class="provision-table">
<thead><tr><th scope="col">Publiek</th><th scope="col">Ontvangers</th><th scope="col">Grondslag</th><th scope="col">Bestanden</th></tr></thead>
<tbody>
${audiences}
</tbody>
</table>
<h2>Verstrekte bestanden (${record.files.length})</h2>
<table class="provision-table">
<thead><tr><th scope="col">Bestand</th><th scope="col">Rapport</th><th scope="col">Gebied</th><th scope="col">Publiek</th><th scope="col">Regels</th><th scope="col">SHA-256</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Invoer (${record.inputs.length})</h2>
<table class="provision-table">
<thead><tr><th scope="col">Bestand</th><th scope="col">Soort</th><th scope="col">Bytes</th><th scope="col">SHA-256</th></tr></thead>
<tbody>
${inputs}
</tbody>
</table>
</main>
</body>
</html>
`;
}
