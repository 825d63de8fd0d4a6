import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeCacheFile } from "../output/cache-file.ts";
import { statOrUndefined, type HashOf } from "../output/file-hashes.ts";
import { hashFile } from "../output/hash-file.ts";
import type { ReportPage, SitePage } from "../reports/page.ts";

/**
 * What an earlier build wrote for each page: the hash of everything the page's files are
 * made from, and those files with their SHA-256. Kept under the cache folder, one per output folder.
 */
interface PageManifest {
  format: typeof FORMAT;
  outDir: string;
  pages: Record<string, PageEntry>;
}

interface PageEntry {
  hash: string;
  files: Record<string, string>;
  /**
   * A key over what the page's downloads (CSV, XLSX) are made from — its tables as published, not
   * its commentary — when the build knew one: a page computed again with the same key has the same downloads.
   */
  downloads?: string;
}

const FORMAT = "veiligheidsbeeld-pages-1";

/**
 * Skips the work for pages whose output would not change: a page's files (HTML, PDF, CSV,
 * XLSX) are a function of its page data and of the render key (tool, layouts, build date, PDF on or
 * off). A page whose hash equals the one recorded by the last build, and whose files in the current
 * output still have the recorded SHA-256, is not rendered, written or printed again: its files are
 * kept from the previous output. Everything else is built as in a cold build, so the published
 * output is the same either way.
 */
export class PageCache {
  readonly #file: string;
  readonly #outDir: string;
  readonly #renderKey: string;
  readonly #previous: PageManifest["pages"];
  /** The hash of each page's final data (by page path): taken once per build, by `reusable`. */
  readonly #hashes = new Map<string, string>();
  /** What each output file read so far holds: its SHA-256 and size, or undefined when it is not a regular file. */
  readonly #files = new Map<string, { sha256: string; bytes: number } | undefined>();
  readonly #identity: WeakMap<SitePage, string>;
  readonly #hashOf: HashOf;
  /** The downloads key of each page built now that has one (by page path), for the next build. */
  readonly #downloads = new Map<string, string>();

  private constructor(file: string, outDir: string, renderKey: string, previous: PageManifest["pages"], identity: WeakMap<SitePage, string>, hashOf: HashOf) {
    this.#file = file;
    this.#outDir = outDir;
    this.#renderKey = renderKey;
    this.#previous = previous;
    this.#identity = identity;
    this.#hashOf = hashOf;
  }

  /**
   * The cache of `outDir`, kept in `cacheDir`; empty when there is none yet or it cannot be read.
   * `identity`: for pages whose data is known by a key over everything it was computed from (the
   * model cache's), that key, which stands for the data: such a page's data is not hashed.
   */
  static async open(cacheDir: string, outDir: string, renderKey: string, identity: WeakMap<SitePage, string> = new WeakMap(), hashOf: HashOf = hashFile): Promise<PageCache> {
    const file = path.join(cacheDir, "pages", `${sha256(path.resolve(outDir)).slice(0, 16)}.json`);
    let previous: PageManifest["pages"] = {};
    try {
      const manifest = JSON.parse(await readFile(file, "utf8")) as PageManifest;
      if (manifest.format === FORMAT && manifest.outDir === path.resolve(outDir)) previous = manifest.pages;
    } catch {
      // No manifest yet (a first build) or a damaged one: every page is built.
    }
    return new PageCache(file, path.resolve(outDir), renderKey, previous, identity, hashOf);
  }

  /** The SHA-256 and size of a regular file (read once per build: the output does not change meanwhile). */
  async #fileHash(file: string): Promise<{ sha256: string; bytes: number } | undefined> {
    if (!this.#files.has(file)) {
      this.#files.set(file, await regularFileHash(file, this.#hashOf));
    }
    return this.#files.get(file);
  }

  /**
   * Whether the files the last build recorded for `page` still hold what was recorded. Called for a
   * page whose hash is as then: the same data and render key give the same files, so the page's
   * outputs are the recorded ones (and its sections need not be read to list them).
   */
  async #intact(page: SitePage, dir: string): Promise<string[] | undefined> {
    const entry = this.#previous[page.path];
    if (!entry) return undefined;
    const outputs = Object.keys(entry.files);
    for (const file of outputs) {
      if ((await this.#fileHash(path.join(dir, file)))?.sha256 !== entry.files[file]) return undefined;
    }
    return outputs;
  }

  /**
   * The hash of a page's data together with the render key, taken the first time it is asked for
   * (by page path): call it only on the page's final data.
   */
  hashOf(page: SitePage): string {
    let hash = this.#hashes.get(page.path);
    if (hash === undefined) {
      const known = this.#identity.get(page);
      hash = sha256(known === undefined ? `${this.#renderKey}\u0000${stableJson(page)}` : `${this.#renderKey}\u0000identity\u0000${known}`);
      this.#hashes.set(page.path, hash);
    }
    return hash;
  }

  /**
   * The pages among `pages` whose files can be kept from the current output (by page path), and
   * those files (relative to the output folder). Reads each such file once to check its SHA-256.
   * `dir` is where the files are looked for: the output folder, or a staging copy of it.
   */
  async reusable(pages: readonly SitePage[], dir = this.#outDir): Promise<{ pages: Set<string>; files: Set<string> }> {
    const reused = new Set<string>();
    const files = new Set<string>();
    for (const page of pages) {
      const entry = this.#previous[page.path];
      if (!entry || entry.hash !== this.hashOf(page)) continue;
      const outputs = await this.#intact(page, dir);
      if (!outputs) continue;
      reused.add(page.path);
      for (const file of outputs) files.add(file);
    }
    return { pages: reused, files };
  }

  /**
   * The downloads (CSV, XLSX) of a page built now whose tables are as when the last build wrote
   * them (`key`, a key over what they are made from): the files, relative to the output folder, when
   * the output still has them as then — to be linked, not made again. Undefined otherwise. The key
   * is recorded for the next build either way.
   */
  async keptDownloads(page: ReportPage, key: string, dir = this.#outDir): Promise<string[] | undefined> {
    this.#downloads.set(page.path, key);
    const entry = this.#previous[page.path];
    if (entry?.downloads !== key) return undefined;
    const files = pageDownloads(page);
    for (const file of files) {
      const recorded = entry.files[file];
      if (recorded === undefined || (await this.#fileHash(path.join(dir, file)))?.sha256 !== recorded) return undefined;
    }
    return files;
  }

  /**
   * Records what the build just published: for each page its hash and its files' SHA-256
   * (`published`: path → SHA-256 of every file in the output). Entries of pages not built now are
   * kept when their files are still published unchanged.
   */
  async save(pages: readonly SitePage[], pdf: boolean, published: ReadonlyMap<string, string>): Promise<void> {
    const next: PageManifest["pages"] = {};
    for (const [pagePath, entry] of Object.entries(this.#previous)) {
      if (Object.entries(entry.files).every(([file, hash]) => published.get(file) === hash)) next[pagePath] = entry;
    }
    for (const page of pages) {
      const entry = this.#previous[page.path];
      // A page as in the last build, its files published as then (a kept page): its entry stays.
      if (entry && next[page.path] === entry && entry.hash === this.hashOf(page)) continue;
      const files: Record<string, string> = {};
      for (const file of pageOutputs(page, pdf)) {
        const hash = published.get(file);
        if (hash === undefined) break;
        files[file] = hash;
      }
      const downloads = this.#downloads.get(page.path);
      if (Object.keys(files).length === pageOutputs(page, pdf).length) next[page.path] = { hash: this.hashOf(page), files, ...(downloads ? { downloads } : {}) };
      else delete next[page.path];
    }
    const manifest: PageManifest = { format: FORMAT, outDir: this.#outDir, pages: next };
    await writeCacheFile(this.#file, JSON.stringify(manifest));
  }
}

/** A page of a report (one area), as opposed to an index, the quality report or a public site page. */
export function isReportPage(page: SitePage): page is ReportPage {
  return "area" in page && "sections" in page;
}

/**
 * The files a page writes, relative to the output folder: its HTML, and for a report page its PDF,
 * a CSV per table and the XLSX.
 */
export function pageOutputs(page: SitePage, pdf: boolean): string[] {
  if (!isReportPage(page)) return [page.path];
  return [page.path, ...(pdf && page.pdf ? [page.pdf.path] : []), ...pageDownloads(page)];
}

/** A report page's downloads, relative to the output folder: a CSV per table and the XLSX. */
export function pageDownloads(page: ReportPage): string[] {
  const files: string[] = [];
  for (const section of page.sections) if ("table" in section && section.csv) files.push(section.csv.path);
  if (page.xlsx) files.push(page.xlsx.path);
  return files;
}

/**
 * The SHA-256 of a regular file, streamed; undefined for anything else (missing, a folder, a device
 * such as /dev/full): such a file is not what the last build wrote, so its page is built again.
 */
async function regularFileHash(file: string, hashOf: HashOf): Promise<{ sha256: string; bytes: number } | undefined> {
  // Synchronous, as in FileHashes: thousands of kept files a build.
  return statOrUndefined(file)?.isFile() ? hashOf(file) : undefined;
}

/** A hash of every file in `dir` (names and contents): for a layouts folder. `hashOf`: how a file is hashed (FileHashes reads only what changed). */
export async function folderHash(dir: string, hashOf: HashOf = hashFile): Promise<string> {
  const hash = createHash("sha256");
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile());
  const files = entries.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")).sort();
  for (const file of files) {
    hash.update(`\u0000${file}\u0000${(await hashOf(path.join(dir, file))).sha256}`);
  }
  return hash.digest("hex");
}

/** JSON with Maps, Sets and typed arrays written out, so that every value of the page data counts. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return { map: [...item] };
    if (item instanceof Set) return { set: [...item] };
    if (ArrayBuffer.isView(item)) return { array: Array.from(item as unknown as ArrayLike<number>) };
    return item;
  });
}

function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
