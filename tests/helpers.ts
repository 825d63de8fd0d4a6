import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { normalizeConfig, type Config } from "../src/config/normalize-config.ts";
import { loadReference, type Reference } from "../src/reference/load-reference.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");

/** A fresh temporary folder; remove it with `cleanup`. */
export async function tempDir(prefix = "vb-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function cleanup(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes files (name → content; strings as UTF-8, buffers as is) into `dir`. */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

/** The project's default config resolved against the repository, with overrides. */
export function testConfig(overrides: Record<string, unknown> = {}, root = ROOT): Config {
  return normalizeConfig({ ...overrides }, root);
}

let reference: Promise<Reference> | undefined;

/** The real reference tables of data/reference with the demo basisteam mapping, loaded once per test file. */
export function realReference(): Promise<Reference> {
  reference ??= loadReference(testConfig({ paths: { reference: "data/reference" }, reference: { basisteamsIllustrative: true } }));
  return reference;
}

/** Reads the config of a fixture project and points its output at `outDir`. */
export async function fixtureConfig(fixture: string, outDir: string): Promise<Config> {
  const dir = path.join(ROOT, "tests", "fixtures", fixture);
  const spec = JSON.parse(await readFile(path.join(dir, "veiligheidsbeeld.config.json"), "utf8")) as { paths?: Record<string, string> };
  // The build's cache (ingested cube, unchanged pages) not in the fixture: one per output folder.
  const cache = path.join(os.tmpdir(), "veiligheidsbeeld-test-cache", createHash("sha256").update(path.resolve(outDir)).digest("hex").slice(0, 16));
  return normalizeConfig({ ...spec, paths: { ...spec.paths, output: outDir, cache } }, dir);
}

let mini: Promise<Reference> | undefined;

/** The real reference tables with the small test mapping of tests/fixtures/mini (Montfoort and Oudewater in one basisteam). */
export function miniReference(): Promise<Reference> {
  mini ??= loadReference(
    testConfig({ paths: { reference: "data/reference" }, reference: { basisteams: "../../tests/fixtures/mini/basisteams.csv" } }),
  );
  return mini;
}

/** Default accepted column names. */
export { DEFAULT_COLUMNS } from "../src/ingest/export-columns.ts";

/**
 * The cell texts of the row headed `rowLabel` in table `tabel-<tableId>` of a page we generated
 * (row header first). Good enough for our own, regular markup; not a general HTML parser.
 */
export function tableRow(html: string, tableId: string, rowLabel: string): string[] | undefined {
  const table = new RegExp(`<table[^>]*id="tabel-${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0];
  if (!table) return undefined;
  for (const row of table.match(/<tr[\s\S]*?<\/tr>/g) ?? []) {
    const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((match) => decode(match[1] ?? "").trim());
    if (cells[0] === rowLabel) return cells;
  }
  return undefined;
}

function decode(text: string): string {
  return text.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** Column index of the header `label` in a table's last header row (the row heading is 0). */
export function columnIndex(html: string, tableId: string, label: string): number {
  const table = new RegExp(`<table[^>]*id="tabel-${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
  const headerRows = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1]?.match(/<tr[\s\S]*?<\/tr>/g) ?? [];
  const last = headerRows[headerRows.length - 1] ?? "";
  const labels = [...last.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((match) => decode(match[1] ?? "").trim());
  // The last header row holds the row heading and one label per column.
  return labels.indexOf(label);
}
