import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExport, type CountRow, type ExportRecord, type Rejection } from "../../src/ingest/read-export.ts";
import { dayOf } from "../../src/model/days.ts";
import { UNKNOWN_DAY_PART } from "../../src/model/day-parts.ts";
import { formatMonth, monthOf } from "../../src/model/months.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, miniReference, tempDir, testConfig, writeFiles } from "../helpers.ts";
import type { Reference } from "../../src/reference/load-reference.ts";

let dir: string;
let reference: Reference;

beforeAll(async () => {
  dir = await tempDir();
  reference = await miniReference();
});
afterAll(() => cleanup(dir));

async function read(name: string, content: string | Uint8Array) {
  await writeFiles(dir, { [name]: content });
  const records: ExportRecord[] = [];
  const rejections: Rejection[] = [];
  const counts: CountRow[] = [];
  const info = await readExport(
    path.join(dir, name),
    {
      columns: testConfig().columns,
      areas: reference.areas,
      classification: reference.classification,
      lastPlausibleMonth: monthOf(2026, 1),
      earliestYear: 2010,
    },
    { record: (record) => records.push(record), count: (row) => counts.push(row), reject: (rejection) => rejections.push(rejection) },
  );
  return { info, records, counts, rejections };
}

const HEADER = "Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode;Straat;Omschrijving";

describe("readExport", () => {
  it("reads a ;-separated UTF-8 export with BOM and CRLF, keeping only allow-listed columns", async () => {
    const { info, records, rejections } = await read(
      "bom.csv",
      `\uFEFF${HEADER}\r\nPL1;03-01-2025;B70 Straatroof;BU05890201;Geheimstraat;"vrije; tekst"\r\nPL2;2025-02-28;A20;5890201;Geheimstraat;x\r\n`,
    );
    expect(rejections).toEqual([]);
    expect(info).toMatchObject({ encoding: "utf-8", delimiter: ";", format: "bvh-registraties", rows: 2, ignoredColumns: ["Straat", "Omschrijving"] });
    expect(records).toEqual([
      { line: 2, registratienummer: "PL1", month: monthOf(2025, 1), day: dayOf(2025, 1, 3), dayPart: UNKNOWN_DAY_PART, klasse: "B70", area: "BU05890201", aantal: 1 },
      { line: 3, registratienummer: "PL2", month: monthOf(2025, 2), day: dayOf(2025, 2, 28), dayPart: UNKNOWN_DAY_PART, klasse: "A20", area: "BU05890201", aantal: 1 },
    ]);
    expect(JSON.stringify(records)).not.toContain("Geheimstraat");
  });

  it("reads Windows-1252 (é as one byte) and ,-separated files", async () => {
    const text = "registratienummer,pleegdatum,maatschappelijke_klasse,buurtcode,omschrijving\nPL1,01-03-2025,F550 Eenvoudige mishandeling,BU05890201,café\n";
    const { info, records } = await read("ansi.csv", iconv.encode(text, "windows-1252"));
    expect(info).toMatchObject({ encoding: "windows-1252", delimiter: "," });
    expect(records.map((record) => record.klasse)).toEqual(["F550"]);
  });

  it("reads UTF-16LE with BOM", async () => {
    const text = `${HEADER}\r\nPL1;01-03-2025;F550;BU05890201;x;y\r\n`;
    const { info, records } = await read("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16-le")]));
    expect(info.encoding).toBe("utf-16le");
    expect(records).toHaveLength(1);
  });

  it("rejects bad rows with their line and a reason, and keeps the good ones", async () => {
    const { records, rejections } = await read(
      "bad-rows.csv",
      [
        HEADER,
        "PL1;31-02-2025;B70;BU05890201;x;y",
        "PL2;01-01-2025;B7O Straatroof;BU05890201;x;y",
        "PL3;01-01-2025;B70;BU05899999;x;y",
        ";01-01-2025;B70;BU05890201;x;y",
        "PL5;01-01-2027;B70;BU05890201;x;y",
        "PL6;01-01-2001;B70;BU05890201;x;y",
        "PL7;01-01-2025;B70",
        "PL8;01-01-2025;B70;BU05890201;x;y",
      ].join("\n"),
    );
    expect(records.map((record) => record.registratienummer)).toEqual(["PL8"]);
    expect(rejections.map(({ reason, line }) => [reason, line])).toEqual([
      ["bad-date", 2],
      ["unknown-klasse", 3],
      ["unknown-area", 4],
      ["missing-registratienummer", 5],
      ["future-date", 6],
      ["too-early", 7],
      ["ragged-row", 8],
    ]);
    expect(rejections[1]?.detail).toBe('unknown maatschappelijke klasse "B7O" — did you mean B70 (Straatroof)?');
  });

  describe("a quoted text with line breaks", () => {
    it("is one field when its second line looks like a row but has other fields than the header (date first)", async () => {
      const header = "Pleegdatum;Maatschappelijke klasse;Buurtcode;Registratienummer;Omschrijving";
      const { records, rejections } = await read(
        "second-line-date.csv",
        `${header}\n01-12-2025;B70;BU05890201;PL1;"eerste regel\n2025-12-01;B70;BU05890201;zie ook"\n02-12-2025;A20;BU05890201;PL2;y\n`,
      );
      expect(rejections).toEqual([]);
      expect(records.map((record) => [record.registratienummer, record.line])).toEqual([
        ["PL1", 3],
        ["PL2", 4],
      ]);
    });

    it("is one field when a line that looks like a row is followed by a line of free text", async () => {
      const { records, rejections } = await read(
        "row-amid-text.csv",
        `${HEADER}\nPL1;01-12-2025;B70;BU05890201;x;"melder stuurde:\nPL9;02-12-2025;A20;BU05890201;x;y\ndat is een oude zaak"\nPL2;02-12-2025;A20;BU05890201;x;y\n`,
      );
      expect(rejections).toEqual([]);
      expect(records.map((record) => record.registratienummer)).toEqual(["PL1", "PL2"]);
    });

    it("is one field when it is not the last column and its later line has the header's number of fields only with the columns after it", async () => {
      const { records, rejections } = await read("street.csv", `${HEADER}\nPL1;01-12-2025;B70;BU05890201;"Kerkstraat\nhoek Markt";y\nPL2;02-12-2025;A20;BU05890201;x;y\n`);
      expect(rejections).toEqual([]);
      expect(records).toHaveLength(2);
    });

    it("is one field in the first column, whose later line holds the rest of the record", async () => {
      const header = "Omschrijving;Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode";
      const { records, rejections } = await read("first-column.csv", `${header}\n"\r\n";PL1;01-12-2025;B70;BU05890201\n`);
      expect(rejections).toEqual([]);
      expect(records.map((record) => record.registratienummer)).toEqual(["PL1"]);
    });

    it("is refused as a stray quote when every later line is a row of the file (the quote closes at the end of the next row)", async () => {
      const { records, rejections } = await read(
        "one-swallowed.csv",
        `${HEADER}\nPL1;01-12-2025;B70;BU05890201;x;"opent hier\nPL2;02-12-2025;A20;BU05890201;x;sluit hier"\nPL3;03-12-2025;A20;BU05890201;x;y\n`,
      );
      expect(rejections.map(({ reason, line }) => [reason, line])).toEqual([["unbalanced-quote", 2]]);
      expect(records.map((record) => record.registratienummer)).toEqual(["PL3"]);
    });
  });

  it("lets a row stop before the header's unnamed trailing columns or run on with empty fields, and no further", async () => {
    const { records, rejections } = await read(
      "trailing.csv",
      [`${HEADER};;`, "PL1;01-12-2025;B70;BU05890201;x;y", "PL2;01-12-2025;B70;BU05890201;x;y;;;;", "PL3;01-12-2025;B70;BU05890201;x", "PL4;01-12-2025;B70;BU05890201;x;y;;;z"].join("\n"),
    );
    expect(records.map((record) => record.registratienummer)).toEqual(["PL1", "PL2"]);
    expect(rejections.map(({ reason, line, detail }) => [reason, line, detail])).toEqual([
      ["ragged-row", 4, "5 fields where the header has 8"],
      ["ragged-row", 5, "9 fields where the header has 8"],
    ]);
  });

  it("reads a code Excel wrote as a text formula (=\"…\") as the code, and nothing else that starts with =", async () => {
    const { records, rejections } = await read("formulas.csv", `${HEADER}\n="PL1";="01-12-2025";="B70";="BU05890201";x;y\nPL2;01-12-2025;B70;=BU05890201;x;y\n`);
    // (With the day it fell on and no part of day: the row has no time.)
    expect(records).toMatchObject([{ line: 2, registratienummer: "PL1", month: monthOf(2025, 12), klasse: "B70", area: "BU05890201", aantal: 1, dayPart: -1 }]);
    expect(rejections.map(({ reason, line }) => [reason, line])).toEqual([["unknown-area", 3]]);
  });

  it("refuses the header row again mid-file, in any case and with a BOM, naming its line", async () => {
    const { records, rejections } = await read("joined.csv", `${HEADER}\nPL1;01-12-2025;B70;BU05890201;x;y\n\uFEFF${HEADER.toUpperCase()}\nPL2;01-12-2025;B70;BU05890201;x;y\n`);
    expect(records.map((record) => record.registratienummer)).toEqual(["PL1", "PL2"]);
    expect(rejections.map(({ reason, line }) => [reason, line])).toEqual([["repeated-header", 3]]);
  });

  it("never echoes a value that could be free text in a rejection", async () => {
    const { rejections } = await read("privacy.csv", `${HEADER}\nPL1;01-01-2025;Jan Jansen woont hier;BU05890201;x;y\n`);
    expect(rejections[0]?.detail).toBe("a value that is not a maatschappelijke klasse or soort code (not shown)");
  });

  it("never echoes a first row of data as if it were column names", async () => {
    const noHeader = await read("no-header.csv", "PL0900-1;;B70 Straatroof;;Geheimstraat 12;Jan Jansen\n").catch((caught: unknown) => caught);
    expect((noHeader as UserError).message).toBe("no-header.csv:1: the first row holds data (a date or a code), not column names");
    const odd = await read("odd-header.csv", "Zaak;Datum;Geheimstraat 12\nx;y;z\n").catch((caught: unknown) => caught);
    expect((odd as UserError).message).toBe(
      'odd-header.csv:1: no input format fits the header; nearest is BVH registrations (one row per registration), which needs a registratienummer column, a maatschappelijke klasse column, an area column (buurtcode, wijkcode or gemeentecode) (found "Zaak", "Datum", (a name with digits, not shown))',
    );
  });

  it("reads aggregated exports (area, month, klasse or soort, count)", async () => {
    const { info, counts } = await read("aantallen.csv", "gemeentecode;maand;soort;aantal\nGM0589;2025-01;1.2.3;12\nGM0335;2025-02;A20;3\n");
    expect(info.format).toBe("aantallen");
    expect(counts.map((record) => [record.area, formatMonth(record.month), record.klasse, record.aantal])).toEqual([
      ["GM0589", "2025-01", "1.2.3", 12],
      ["GM0335", "2025-02", "A20", 3],
    ]);
  });

  it.each([
    ["an empty file", "empty.csv", "", "the file is empty"],
    ["a binary file", "binary.csv", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 0, 0, 0]), "this is not a text (CSV) file"],
    ["a header without separators", "onecol.csv", "registratienummer\nPL1\n", "no column separator"],
    ["a missing klasse column", "nocol.csv", "Registratienummer;Pleegdatum;Buurtcode\nPL1;01-01-2025;BU05890201\n", "this looks like BVH registrations (one row per registration), but it has no maatschappelijke klasse column"],
    ["an unclosed quote", "quote.csv", `${HEADER}\nPL1;01-01-2025;B70;BU05890201;"x;y\nPL2;01-01-2025;B70;BU05890201;x;y\n`, "a quoted field is not closed"],
    ["a duplicate header", "dup.csv", "Registratienummer;Pleegdatum;Pleegdatum;Maatschappelijke klasse;Buurtcode\n", 'column "Pleegdatum" appears twice'],
  ])("stops with a clear message naming the file for %s", async (_, name, content, message) => {
    const error = await read(name, content).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(name);
    expect((error as UserError).message).toContain(message);
    expect((error as UserError).hint).toBeTruthy();
  });
});
