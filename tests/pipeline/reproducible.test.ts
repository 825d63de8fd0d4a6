import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { pinZipDates } from "../../src/pipeline/reproducible.ts";
import { pinPdfCreator, pinPdfDates, pinPdfNodeIds, stripLocalLinks } from "../../src/pdf/pin-pdf.ts";
import { cleanup, fixtureConfig, tempDir } from "../helpers.ts";

let work: string;
const hashes: Record<string, string>[] = [];

async function hashAll(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file)] = createHash("sha256").update(await readFile(file)).digest("hex");
  }
  return result;
}

beforeAll(async () => {
  work = await tempDir("vb-reproducible-");
  // Two builds of the same inputs, into folders with different names, one after the other.
  for (const name of ["first", "second-with-a-longer-name"]) {
    const out = path.join(work, name, "dist");
    // inp-stuurgegevens prints the site header, whose link Chromium writes as a file:// URL.
    await build({ config: await fixtureConfig("mini", out), buildDate: "2026-01-10", reports: ["tabellenboek", "inp-stuurgegevens"], period: "2025-12", log: recordingLog() });
    hashes.push(await hashAll(out));
  }
});
afterAll(() => cleanup(work));

describe("two builds of the same inputs", () => {
  it("give byte-identical files: HTML, CSV, XLSX, PDF, JSON and assets", () => {
    const [first, second] = hashes;
    expect(Object.keys(first ?? {}).filter((file) => file.endsWith(".pdf")).length).toBe(7);
    expect(Object.keys(first ?? {}).filter((file) => file.endsWith(".xlsx")).length).toBe(7);
    expect(second).toEqual(first);
  });

  it("hold no link to the folder they were printed in, and every PDF's cross-reference table points at its objects", async () => {
    const dir = path.join(work, "first", "dist");
    const pdfs = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith(".pdf"));
    for (const file of pdfs) {
      const pdf = await readFile(path.join(dir, file));
      const text = pdf.toString("latin1");
      expect(text, file).not.toContain("file:");
      expect(text, file).not.toContain(work);
      const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
      const table = /^xref\n0 (\d+)\n/.exec(text.slice(startxref));
      expect(table, file).not.toBeNull();
      const entriesAt = startxref + (table?.[0].length ?? 0);
      for (let i = 1; i < Number(table?.[1]); i++) {
        const offset = Number(text.slice(entriesAt + i * 20, entriesAt + i * 20 + 10));
        expect(text.startsWith(`${i} 0 obj`, offset), `${file}: object ${i}`).toBe(true);
      }
      execFileSync("pdftotext", [path.join(dir, file), "/dev/null"]);
    }
  });

  it("date their PDFs with the build date, not the clock", () => {
    const info = execFileSync("pdfinfo", [path.join(work, "first", "dist", "tabellenboek", "2025-12", "gm0589-oudewater.pdf")], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
    expect(info).toMatch(/CreationDate:\s+Sat Jan 10 00:00:00 2026 UTC/);
    expect(info).toMatch(/ModDate:\s+Sat Jan 10 00:00:00 2026 UTC/);
    // The tool made it, not "HeadlessChrome" with a version that changes with every update.
    expect(info).toMatch(/Creator:\s+Veiligheidsbeeld\s*\n/);
    expect(info).not.toContain("HeadlessChrome");
  });
});

describe("pinning the stamps of writers", () => {
  const day = { year: 2026, month: 1, day: 10 };

  it("replaces PDF dates in place with a value of the same length", () => {
    const pdf = Buffer.from("%PDF-1.4\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261122222047+00'00')\n/ModDate (D:20261122222047+01'00')>>\n", "latin1");
    const pinned = pinPdfDates(pdf, day);
    expect(pinned.length).toBe(pdf.length);
    expect(pinned.toString("latin1")).toBe("%PDF-1.4\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20260110000000+00'00')\n/ModDate (D:20260110000000+00'00')>>\n");
  });

  it("names the tool as the PDF's creator in place, keeping the entry's length", () => {
    const pdf = Buffer.from("<</Creator (Mozilla/5.0 \\(X11; Linux x86_64\\) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/138.0.0.0 Safari/537.36)\n/Producer (Skia/PDF m138)>>", "latin1");
    const pinned = pinPdfCreator(pdf);
    expect(pinned.length).toBe(pdf.length);
    expect(pinned.toString("latin1")).toMatch(/^<<\/Creator \(Veiligheidsbeeld\) +\n\/Producer \(Skia\/PDF m138\)>>$/);
  });

  it("removes the actions of links to local files and moves the cross-reference offsets with them", () => {
    const objects = ["%PDF-1.4\n", "1 0 obj\n<</Type /Annot\n/A <</Type /Action\n/S /URI\n/URI (file:///tmp/x/.dist.staging-1-1/index.html)>>\n/F 4>>\nendobj\n", "2 0 obj\n<</Type /Catalog>>\nendobj\n"];
    const offsets = [objects[0]?.length ?? 0, (objects[0]?.length ?? 0) + (objects[1]?.length ?? 0)];
    const body = objects.join("");
    const xref = `xref\n0 3\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<</Size 3\n/Root 2 0 R>>\nstartxref\n${body.length}\n%%EOF\n`;
    const stripped = stripLocalLinks(Buffer.from(body + xref, "latin1")).toString("latin1");
    expect(stripped).not.toContain("file:");
    expect(stripped).toContain("1 0 obj\n<</Type /Annot\n/F 4>>\nendobj\n");
    const at = stripped.indexOf("2 0 obj");
    expect(stripped).toContain(`0000000009 00000 n \n${String(at).padStart(10, "0")} 00000 n \n`);
    expect(stripped.endsWith(`startxref\n${stripped.indexOf("xref\n0 3")}\n%%EOF\n`)).toBe(true);
  });

  it("renumbers Chromium's table-header ids by rank, keeping their order and width", () => {
    const pdf = Buffer.from("/ID (node00000961) /Headers [(node00000847)] /ID (node00000847) /Headers [(node00000961) (node00000847)]", "latin1");
    const pinned = pinPdfNodeIds(pdf).toString("latin1");
    expect(pinned).toBe("/ID (node00000002) /Headers [(node00000001)] /ID (node00000001) /Headers [(node00000002) (node00000001)]");
  });

  it("renumbers header ids by the order their elements are defined in, and sorts the ID tree again", () => {
    // Chromium numbered the second header before the first (its DOM nodes were made in another order).
    const pdf = Buffer.from(
      "1 0 obj\n<</S /TH\n/ID (node00000961)>>\nendobj\n2 0 obj\n<</S /TH\n/ID (node00000847)>>\nendobj\n3 0 obj\n<</S /TD\n/A [<</O /Table\n/Headers [(node00000961) (node00000847)]>>]>>\nendobj\n" +
        "4 0 obj\n<</Limits [(node00000847) (node00000961)]\n/Names [(node00000847) 2 0 R (node00000961) 1 0 R]>>\nendobj\n",
      "latin1",
    );
    const pinned = pinPdfNodeIds(pdf);
    expect(pinned.length).toBe(pdf.length);
    const text = pinned.toString("latin1");
    expect(text).toContain("1 0 obj\n<</S /TH\n/ID (node00000001)>>");
    expect(text).toContain("2 0 obj\n<</S /TH\n/ID (node00000002)>>");
    expect(text).toContain("/Headers [(node00000001) (node00000002)]");
    expect(text).toContain("/Limits [(node00000001) (node00000002)]\n/Names [(node00000001) 1 0 R (node00000002) 2 0 R]");
  });

  it("sets every zip entry's modification time to the build date, leaving the rest", async () => {
    const file = path.join(work, "first", "dist", "tabellenboek", "2025-12", "gm0589-oudewater.xlsx");
    const xlsx = await readFile(file);
    const listing = execFileSync("zipinfo", ["-T", file], { encoding: "utf8" });
    expect(listing).toMatch(/20260110\.000000/);
    expect(listing).not.toMatch(/ (?!20260110\.000000)\d{8}\.\d{6} /);
    // Pinning again changes nothing.
    expect(pinZipDates(xlsx, day).equals(xlsx)).toBe(true);
  });
});
