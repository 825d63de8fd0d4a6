import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { normalizeConfig, type Config } from "../../src/config/normalize-config.ts";
import type { RejectReason } from "../../src/ingest/read-export.ts";
import { validateExports } from "../../src/pipeline/stages/ingest-and-check.ts";
import type { QualityReport } from "../../src/quality/quality-report.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, fixtureConfig, miniReference, ROOT, tempDir } from "../helpers.ts";

/**
 * The bad-input corpus (tests/fixtures/bad/, made by make-corpus.ts; the big cases are made here).
 * Each case is one delivery — or a folder of them — for the mini fixture. `validate`'s checks
 * must give the message or rejections stated; the build must stop with a clear UserError and
 * leave the previous output byte for byte as it was, or publish when the input is fine.
 */
interface Case {
  name: string;
  why: string;
  /** Made at test time instead of read from the corpus. */
  make?: (file: string) => Promise<void>;
  /** Config keys on top of the mini fixture's. */
  config?: Record<string, unknown>;
  /** The file cannot be read: validate names it, the build stops with it. */
  error?: string;
  /** The build (not validate) stops with this message, e.g. on a missing delivery (see checkDeliveries). */
  buildStops?: string;
  /** Rows rejected per reason (all reasons; none when absent). */
  rejected?: Partial<Record<RejectReason, number>>;
  /** A rejection example says this. */
  detail?: string;
  /** Rows used. */
  used?: number;
  /** A warning of the quality report says this. */
  warning?: string;
  /** No warning of the quality report says this. */
  noWarning?: string;
  encoding?: string;
  delimiter?: string;
  /** Registrations a later delivery revised, over all files. */
  revised?: number;
  /** Rows used per pleegmaand of the (first) file. */
  months?: Record<string, number>;
}

const GB = 1024 ** 3;
const HEADER = "Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode;Straat;Omschrijving\n";
const ROW = (n: number): string => `PL0900-20251${String(n).padStart(5, "0")};01-12-2025;B70 Straatroof;BU05890201;Kerkstraat;tas weggerukt\n`;

const CASES: Case[] = [
  { name: "control-2025-12.csv", why: "a good export (the control)", used: 3, encoding: "utf-8", delimiter: ";" },
  { name: "comma-separated-2025-12.csv", why: "comma as separator", used: 3, delimiter: "," },
  { name: "tab-separated-2025-12.csv", why: "tab as separator", used: 3, delimiter: "\t" },
  {
    name: "wrong-delimiter-rows-2025-12.csv",
    why: "header with ; and rows with ,",
    rejected: { "ragged-row": 3 },
    detail: 'the row seems to use "," as separator where the header uses ";"',
  },
  { name: "windows-1252-2025-12.csv", why: "Windows-1252 with é and É", used: 4, encoding: "windows-1252" },
  { name: "utf16le-bom-2025-12.csv", why: "UTF-16 little-endian with BOM", used: 3, encoding: "utf-16le" },
  { name: "utf16be-bom-2025-12.csv", why: "UTF-16 big-endian with BOM", used: 3, encoding: "utf-16be" },
  { name: "utf16le-no-bom-2025-12.csv", why: "UTF-16 without BOM", used: 3, encoding: "utf-16le" },
  { name: "utf8-bom-crlf-2025-12.csv", why: "UTF-8 with BOM and CRLF", used: 3, encoding: "utf-8" },
  { name: "cr-line-ends-2025-12.csv", why: "old Mac line ends (CR only)", used: 3 },
  { name: "excel-sep-line-2025-12.csv", why: 'Excel\'s "sep=;" first line', used: 3, delimiter: ";" },
  { name: "blank-lines-2025-12.csv", why: "empty lines, a line of spaces, a line of separators", used: 2 },
  { name: "empty-2025-12.csv", why: "an empty file", error: "empty-2025-12.csv: the file is empty" },
  { name: "bom-only-2025-12.csv", why: "a file with only a BOM", error: "bom-only-2025-12.csv: the file is empty" },
  { name: "header-only-2025-12.csv", why: "a header without rows", error: "the exports hold no rows", warning: "header-only-2025-12.csv: the file has a header row but no rows" },
  { name: "no-separator-2025-12.csv", why: "a header without separators", error: "no-separator-2025-12.csv:1: no column separator (; , tab or |) in the header row" },
  { name: "no-header-row-2025-12.csv", why: "data where the header should be", error: "no-header-row-2025-12.csv:1: the first row holds data (a date or a code), not column names" },
  { name: "duplicate-headers-2025-12.csv", why: "the same column twice", error: 'duplicate-headers-2025-12.csv:1: column "Pleegdatum" appears twice (columns 2 and 5)' },
  { name: "address-in-buurt-column-2025-12.csv", why: "a street address in a Buurt column before Buurtcode (Buurtcode is read)", used: 3 },
  {
    name: "personal-values-in-code-columns-2025-12.csv",
    why: "an address, a postcode, a phone number and a licence plate in code columns: refused, never repeated",
    rejected: { "unknown-area": 1, "bad-date": 1, "bad-klasse": 1, "unknown-klasse": 1 },
    detail: "a value that is not a buurtcode (not shown)",
  },
  { name: "house-number-before-registratienummer-2025-12.csv", why: "a Nummer column before Registratienummer (Registratienummer is read)", used: 3, noWarning: "appear twice" },
  {
    name: "two-registratienummer-columns-2025-12.csv",
    why: "two columns that could both be the registratienummer",
    error: 'two-registratienummer-columns-2025-12.csv:1: columns "Nummer" (column 1) and "Regnr" (column 2) could both be registratienummer',
  },
  { name: "mixed-line-ends-2025-12.csv", why: "CRLF with a quoted lone CR and rows ending in LF only: every row read", used: 7 },
  {
    name: "renamed-columns-2025-12.csv",
    why: "renamed columns without a mapping",
    error:
      'renamed-columns-2025-12.csv:1: no input format fits the header; nearest is BVH registrations (one row per registration), which needs a registratienummer column, a pleegdatum column, a maatschappelijke klasse column, an area column (buurtcode, wijkcode or gemeentecode) (found "Zaaknummer", "Datum feit", "MK-code", "CBS-buurt", "Straat")',
  },
  {
    name: "renamed-columns-2025-12.csv",
    why: "renamed columns with a mapping in the config",
    config: { columns: { registratienummer: "Zaaknummer", pleegdatum: "Datum feit", maatschappelijke_klasse: "MK-code", buurtcode: "CBS-buurt" } },
    used: 2,
  },
  { name: "ragged-rows-2025-12.csv", why: "rows with too few and too many fields", rejected: { "ragged-row": 2 }, detail: "3 fields where the header has 6" },
  { name: "unbalanced-quote-at-end-2025-12.csv", why: "a quote that never closes", error: "unbalanced-quote-at-end-2025-12.csv:5: a quoted field is not closed before the end of the file" },
  {
    name: "unbalanced-quote-swallows-rows-2025-12.csv",
    why: "a quote that swallows the next row",
    rejected: { "unbalanced-quote": 1 },
    detail: "a quote opened on line 2 closes only on line 4: 2 line(s) in between look like rows and would be lost",
  },
  { name: "quotes-inside-text-2025-12.csv", why: "quotes inside free text", used: 2 },
  {
    name: "one-mb-field-2025-12.csv",
    why: "a field of more than 1 MB",
    make: (file) => writeFile(file, `${HEADER}${ROW(1)}PL0900-2025100002;01-12-2025;B70;BU05890201;Kerkstraat;${"x".repeat(1_100_000)}\n`),
    error: "one-mb-field-2025-12.csv:3: a row is longer than 1 MB",
  },
  { name: "dates-in-four-formats-2025-12.csv", why: "dd-mm-jjjj, jjjj-mm-dd, dd/mm/jjjj, jjjjmmdd, with and without time", used: 6 },
  { name: "impossible-dates-2025-12.csv", why: "31 February, month 13, day 0, 29 February 2025", rejected: { "bad-date": 4 }, detail: '"31-02-2025" is not an existing date' },
  {
    name: "unreadable-dates-2025-12.csv",
    why: "words, an Excel day number, a two-digit year, nothing, a name",
    rejected: { "bad-date": 5 },
    detail: '"45992" looks like an Excel date number, not a date',
  },
  {
    name: "dates-out-of-range-2025-12.csv",
    why: "a pleegdatum after the build month and one before 2010",
    rejected: { "future-date": 1, "too-early": 1 },
    detail: 'pleegdatum "01-03-2026" lies in the future',
  },
  { name: "codes-with-spaces-2025-12.csv", why: "codes with spaces inside and around, lower case, without prefix", used: 3 },
  {
    name: "unknown-codes-2025-12.csv",
    why: "a mistyped klasse and an unknown buurtcode",
    rejected: { "unknown-klasse": 2, "unknown-area": 1 },
    detail: 'unknown maatschappelijke klasse "B7O" — did you mean B70 (Straatroof)?',
  },
  {
    name: "formula-injection-2025-12.csv",
    why: "spreadsheet formulas in text and code columns",
    rejected: { "bad-klasse": 1, "unknown-area": 1 },
    detail: "a value that is not a maatschappelijke klasse or soort code (not shown)",
  },
  { name: "missing-values-2025-12.csv", why: "no registratienummer, klasse or buurtcode", rejected: { "missing-registratienummer": 1, "bad-klasse": 1, "missing-area": 1 } },
  { name: "duplicate-registratienummer-2025-12.csv", why: "a registratienummer twice in one file", used: 4, warning: "1 registratienummers appear twice in one file; the later row was used" },
  {
    name: "aggregated-bad-counts-2025-12.csv",
    why: "an aggregated export with negative, decimal and thousands-separated counts and month 13",
    rejected: { "bad-count": 3, "bad-date": 1 },
    detail: '"-1" is not a count (a whole number ≥ 0)',
  },
  { name: "binary-xlsx-2025-12.csv", why: "an .xlsx saved as .csv", error: "binary-xlsx-2025-12.csv: this is not a text (CSV) file" },
  {
    name: "sparse-2gb-2025-12.csv",
    why: "a 2 GB sparse file of zeros",
    make: async (file) => {
      const handle = await open(file, "w");
      await handle.truncate(2 * GB);
      await handle.close();
    },
    error: "sparse-2gb-2025-12.csv: this is not a text (CSV) file",
  },
  {
    name: "sparse-2gb-after-rows-2025-12.csv",
    why: "good rows, then 2 GB of zeros (a truncated copy)",
    make: async (file) => {
      const rows = Array.from({ length: 1000 }, (_, i) => ROW(i + 1)).join("");
      await writeFile(file, HEADER + rows);
      const handle = await open(file, "r+");
      await handle.truncate(2 * GB);
      await handle.close();
    },
    error: "sparse-2gb-after-rows-2025-12.csv:1002: binary data (a NUL byte) at position",
  },
  // Round two of issue 16.
  {
    name: "nul-byte-mid-file-2025-12.csv",
    why: "a NUL byte in the middle of a small text file",
    error: "nul-byte-mid-file-2025-12.csv:3: binary data (a NUL byte) at position",
  },
  {
    name: "quote-not-closed-mid-file-2025-12.csv",
    why: "a quote that opens mid-file and never closes: named by the line it opens on",
    error: "quote-not-closed-mid-file-2025-12.csv:3: a quoted field is not closed before the end of the file (the row that starts on line 3 runs on to line",
  },
  { name: "header-trailing-separators-2025-12.csv", why: "trailing separators after the header only (columns without a name)", used: 3 },
  { name: "rows-trailing-separators-2025-12.csv", why: "trailing separators after some rows only (empty fields beyond the header)", used: 3 },
  { name: "zero-width-space-in-header-2025-12.csv", why: "a zero-width space and a word joiner in header names", used: 3 },
  { name: "non-breaking-space-in-header-2025-12.csv", why: "non-breaking spaces in header names", used: 3 },
  {
    name: "repeated-header-2025-12.csv",
    why: "the header row again mid-file (two exports joined)",
    rejected: { "repeated-header": 1 },
    detail: "the header row again, on line 3 — were two exports joined into one file?",
  },
  {
    name: "bom-mid-file-2025-12.csv",
    why: "two UTF-8 exports with BOM joined: a BOM and the header mid-file",
    rejected: { "repeated-header": 1 },
    detail: "the header row again, on line 3",
  },
  { name: "pipe-separated-2025-12.csv", why: "| as separator", used: 3, delimiter: "|" },
  { name: "only-sep-line-2025-12.csv", why: 'a file with only Excel\'s "sep=;" line', error: "only-sep-line-2025-12.csv: the file has no header row" },
  { name: "whitespace-only-lines-2025-12.csv", why: "lines of only tabs, non-breaking or ideographic spaces and separators", used: 2 },
  { name: "cr-cr-lf-line-ends-2025-12.csv", why: "CR CR LF line ends (a CRLF file converted once more)", used: 3 },
  { name: "excel-text-formulas-2025-12.csv", why: 'codes written as Excel text formulas ="BU05890201", also quoted', used: 3 },
  { name: "utc-moments-2025-12.csv", why: "moments in UTC or with an offset late on 30 November UTC: counted in the Dutch month, December", used: 4, months: { "2025-12": 4 } },
  { name: "quoted-text-with-row-like-line-2025-12.csv", why: "a quoted text with line breaks, one of its lines shaped like a row: one field", used: 2 },
  { name: "canary-in-every-personal-column-2025-12.csv", why: "a canary value in every personal column (name, birth date, address, phone, e-mail, BSN, plate, free text)", used: 2 },
  {
    name: "excel-sep-line-wrong-2025-12.csv",
    why: 'a "sep=," line over a header separated by ;',
    error: 'excel-sep-line-wrong-2025-12.csv:1: the first line "sep=," says the columns are separated by ",", but the header row (line 2) uses ";"',
  },
  { name: "excel-sep-line-quoted-2025-12.csv", why: 'a quoted "sep=;" line', used: 3, delimiter: ";" },
  {
    name: "blank-lines-before-header-2025-12.csv",
    why: "blank lines before a header with a column twice: named by the header's line",
    error: 'blank-lines-before-header-2025-12.csv:3: column "Pleegdatum" appears twice (columns 2 and 5)',
  },
  {
    name: "aggregated-decimal-comma-counts-2025-12.csv",
    why: "an aggregated export with counts written with a decimal comma (3,00)",
    rejected: { "bad-count": 2 },
    detail: '"3,00" is not a count (a whole number ≥ 0)',
  },
  {
    name: "dates-with-month-names-2025-12.csv",
    why: "dates with the month written out (1 dec 2025)",
    rejected: { "bad-date": 2 },
    detail: "a value that is not a date (expected dd-mm-jjjj or jjjj-mm-dd) (not shown)",
  },
  {
    name: "registratienummer-invisible-characters",
    why: "revisions whose registratienummer has a zero-width space, a word joiner or lower case: the same registrations, not new ones",
    used: 9,
    revised: 3,
  },
  {
    name: "delivery-without-own-month",
    why: "a delivery named december with only rows of november",
    used: 2,
    warning: "bvh-export-2025-12.csv: no registrations dated in its own month 2025-12",
  },
  { name: "xlsx-beside-csv", why: "an .xlsx beside the .csv", used: 3, warning: "bvh-export-2025-12.xlsx in the exports folder is not read: not a .csv file" },
  { name: "no-delivery-month-in-name", why: "a file name without jjjj-mm", used: 3, warning: "bvh-export.csv: no delivery month (jjjj-mm) in the file name" },
  { name: "missing-delivery", why: "no delivery for november", used: 5, warning: "no delivery for 2025-11 between 2025-09 and 2025-12", buildStops: "missing or partial deliveries" },
  { name: "revision-moves-category", why: "a revision from mishandeling to bedreiging", used: 7 },
];

/**
 * Strings of the corpus that identify a person or carry free text: none may reach a message, the
 * quality report or any file of a build's output (the canaries of canary-in-every-personal-column).
 */
const PRIVATE = [
  ...["Kerkstraat", "Dorpsstraat", "Jan Jansen", "HYPERLINK", "weggerukt", "gisteren", "PL0900-", "Dijksingel", "DIJKSINGEL", "3451 AB", "3451AB", "12345678", "AB12CD"],
  ...["Canarie", "canarie", "CANARIE", "3421 CZ", "3421CZ", "3421 CY", "0612345670", "0612345671", "123456782", "123456791", "CN-001-X", "CN-002-X", "14-03-1961", "15-04-1972", "example.nl"],
];

/** The text of every file of an output folder: workbooks unpacked, PDFs as text. */
async function outputTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.endsWith(".xlsx")) texts.set(file, execFileSync("unzip", ["-p", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }));
    else if (file.endsWith(".pdf")) texts.set(file, execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }));
    else texts.set(file, await readFile(file, "utf8"));
  }
  return texts;
}

let work: string;
let reference: Reference;
let baseline: string;
let baselineHashes: Map<string, string>;

beforeAll(async () => {
  work = await tempDir("vb-bad-");
  reference = await miniReference();
  baseline = path.join(work, "baseline");
  await build({ config: await fixtureConfig("mini", baseline), buildDate: "2026-01-10", pdf: false, log: recordingLog() });
  baselineHashes = await hashes(baseline);
});
afterAll(() => cleanup(work));

async function hashes(dir: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result.set(path.relative(dir, file), createHash("sha256").update(await readFile(file)).digest("hex"));
  }
  return result;
}

async function project(testCase: Case, index: number): Promise<{ config: Config; dir: string }> {
  const dir = path.join(work, `case-${index}`);
  const exports = path.join(dir, "exports");
  await mkdir(exports, { recursive: true });
  const source = path.join(ROOT, "tests", "fixtures", "bad", testCase.name);
  if (testCase.make) await testCase.make(path.join(exports, testCase.name));
  else if ((await stat(source)).isDirectory()) await cp(source, exports, { recursive: true });
  else await cp(source, path.join(exports, testCase.name));
  await cp(baseline, path.join(dir, "dist"), { recursive: true });
  const fixture = JSON.parse(await readFile(path.join(ROOT, "tests", "fixtures", "mini", "veiligheidsbeeld.config.json"), "utf8")) as { paths: Record<string, string> };
  const spec = { ...fixture, ...testCase.config, paths: { ...fixture.paths, exports, output: path.join(dir, "dist") } };
  return { config: normalizeConfig(spec, path.join(ROOT, "tests", "fixtures", "mini")), dir };
}

describe("the bad-input corpus", () => {
  it("has at least 58 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(58);
  });

  it("checks a folder without a dated delivery for the data's last month, not the build date's", async () => {
    const index = CASES.findIndex((testCase) => testCase.name === "no-delivery-month-in-name");
    const { config } = await project(CASES[index] as Case, 1000 + index);
    const quality = await validateExports({ config, buildDate: "2026-01-10", reference }, recordingLog());
    const last = quality.files[0]?.months.last;
    expect(last).toMatch(/^\d{4}-\d{2}$/);
    expect(quality.periode).toBe(last);
    expect(quality.periode).not.toBe("2026-01");
  });

  it.each(CASES.map((testCase, index) => [testCase.why, testCase, index] as const))("%s", async (_why, testCase, index) => {
    const { config, dir } = await project(testCase, index);
    const rssBefore = process.memoryUsage().rss;

    const quality: QualityReport = await validateExports({ config, buildDate: "2026-01-10", reference }, recordingLog());
    if (testCase.error) expect(quality.errors.join("\n").toLowerCase()).toContain(testCase.error.toLowerCase());
    expect(Object.fromEntries(quality.rejections.map((entry) => [entry.reason, entry.count]))).toEqual(testCase.rejected ?? {});
    if (testCase.detail) expect(quality.rejections.flatMap((entry) => entry.examples.map((example) => example.detail))).toContainEqual(expect.stringContaining(testCase.detail));
    if (testCase.used !== undefined) expect(quality.rows.used).toBe(testCase.used);
    if (testCase.warning) expect(quality.warnings.join("\n")).toContain(testCase.warning);
    if (testCase.noWarning) expect(quality.warnings.join("\n")).not.toContain(testCase.noWarning);
    if (testCase.encoding) expect(quality.files[0]?.encoding).toBe(testCase.encoding);
    if (testCase.delimiter) expect(quality.files[0]?.delimiter).toBe(testCase.delimiter);
    if (testCase.months) expect(quality.files[0]?.months.rows).toEqual(testCase.months);
    if (testCase.revised !== undefined) expect(quality.files.reduce((sum, file) => sum + file.revised, 0)).toBe(testCase.revised);
    const json = JSON.stringify(quality);
    for (const text of PRIVATE) expect(json).not.toContain(text);

    const stops = Boolean(testCase.error ?? testCase.buildStops) || quality.rows.rejected > 0;
    const outcome = await build({ config, buildDate: "2026-01-10", pdf: false, log: recordingLog(), memo: new Map([["reference", reference]]) }).catch((error: unknown) => error);
    if (stops) {
      expect(outcome).toBeInstanceOf(UserError);
      const message = (outcome as UserError).message.toLowerCase();
      expect(message).toContain((testCase.error ?? testCase.buildStops ?? "could not be used").toLowerCase());
      expect((outcome as UserError).hint).toBeTruthy();
      for (const text of PRIVATE) expect((outcome as UserError).message).not.toContain(text);
      expect(await hashes(path.join(dir, "dist"))).toEqual(baselineHashes);
    } else {
      expect(outcome).not.toBeInstanceOf(Error);
      expect((await readdir(path.join(dir, "dist"))).sort()).toEqual(["assets", "index.html", "kwaliteit", "tabellenboek", "verstrekkingen"]);
      const texts = await outputTexts(path.join(dir, "dist"));
      // The look reaches into every kind of file (here: the area's name in a workbook).
      expect([...texts].some(([file, text]) => file.endsWith(".xlsx") && text.includes("Oudewater"))).toBe(true);
      for (const [file, text] of texts) for (const canary of PRIVATE) expect(text, file).not.toContain(canary);
    }
    expect((await readdir(dir)).filter((name) => name.startsWith("."))).toEqual([]);
    // The big files stream: reading them does not hold them in memory.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
    await rm(path.join(dir, "exports"), { recursive: true, force: true });
  });
});

describe("hostile names in the reference tables", () => {
  it("escapes <script> and defuses formulas in a basisteam mapping: in HTML, PDF, CSV and XLSX", async () => {
    const outDir = path.join(work, "hostile", "dist");
    const fixture = await fixtureConfig("mini", outDir);
    const config: Config = { ...fixture, reference: { ...fixture.reference, basisteams: path.join(ROOT, "tests", "fixtures", "bad", "hostile-basisteams.csv") } };
    await build({ config, buildDate: "2026-01-10", log: recordingLog() });
    const files = (await readdir(outDir, { recursive: true })).map((file) => path.join(outDir, file));
    const team = files.find((file) => file.endsWith(".html") && path.basename(file).startsWith("bt9901"));
    expect(team).toBeDefined();
    const html = await readFile(team ?? "", "utf8");
    expect(html).toContain("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; Lopikerwaard");
    for (const file of files.filter((name) => name.endsWith(".html"))) {
      const text = await readFile(file, "utf8");
      expect(text, file).not.toMatch(/<script>alert|<img src=x/);
    }
    const pdf = execFileSync("pdftotext", [team?.replace(/\.html$/, ".pdf") ?? "", "-"], { encoding: "utf8" });
    expect(pdf).toContain("<script>alert('xss')</script> Lopikerwaard");
    const csv = files.filter((file) => file.endsWith(".csv"));
    for (const file of csv) expect(await readFile(file, "utf8")).not.toMatch(/(^|;|")[=+@]/m);
  });
});
