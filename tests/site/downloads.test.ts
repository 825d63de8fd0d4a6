import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/model/table.ts";
import { quote } from "../../src/reports/csv-field.ts";
import { tableToCsv } from "../../src/site/csv.ts";
import { tablesToXlsx } from "../../src/site/xlsx.ts";

const table: Table = {
  id: "misdrijven",
  caption: "Misdrijven in Utrecht",
  rowHeading: "Categorie",
  columns: [
    { id: "current", label: "2025", kind: "count", group: "januari t/m december", flags: ["voorlopig"] },
    { id: "change", label: "verschil", kind: "change", group: "t.o.v. vorig jaar" },
    { id: "percent", label: "%", kind: "percent", group: "t.o.v. vorig jaar" },
    { id: "verdict", label: "significant", kind: "verdict" },
    { id: "per1000", label: "per 1.000 inw.", kind: "rate" },
  ],
  rows: [
    {
      id: "J",
      label: "Totaal misdrijven",
      level: 0,
      role: "total",
      cells: [{ value: 13986 }, { value: -9 }, { value: 0.126 }, { value: 0.001, verdict: "stijging" }, { value: 37.123 }],
    },
    {
      id: "evil",
      label: "=HYPERLINK(\"http://x\";\"klik\")",
      level: 1,
      role: "detail",
      cells: [{ value: null, symbol: "x" }, { value: 2 }, { value: null, symbol: "–" }, { value: 0.5, verdict: "geen significante verandering" }, { value: null, symbol: "." }],
    },
  ],
  notes: ["* : voorlopig cijfer."],
};

describe("tableToCsv", () => {
  it("writes UTF-8 with BOM, ; between fields, decimal comma, headings with group and flags", () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    const rows = parse(csv, { delimiter: ";", bom: true }) as string[][];
    expect(rows[0]).toEqual(["Categorie", "januari t/m december 2025*", "t.o.v. vorig jaar verschil", "t.o.v. vorig jaar %", "significant", "per 1.000 inw."]);
    expect(rows[1]).toEqual(["Totaal misdrijven", "13986", "-9", "12,6", "stijging", "37,1"]);
    expect(rows[2]).toEqual([`'=HYPERLINK("http://x";"klik")`, "x", "2", "–", "", "."]);
  });

  it("defuses text that a spreadsheet would run as a formula, but leaves negative numbers alone", () => {
    expect(quote("=1+1")).toBe("'=1+1");
    expect(quote("+31 6")).toBe("'+31 6");
    expect(quote("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(quote("-3")).toBe("-3");
    expect(quote("-1,5")).toBe("-1,5");
    expect(quote("a;b")).toBe('"a;b"');
    // A leading LF or CR (a quoted field may hold one) is skipped by the spreadsheet: still a formula.
    expect(quote("\n=1+1")).toBe('"\'\n=1+1"');
    expect(quote("\r=1+1")).toBe('"\'\r=1+1"');
    expect(quote("\r\n @SUM(A1)")).toBe('"\'\r\n @SUM(A1)"');
    expect(quote(" =1+1")).toBe("' =1+1");
  });

  it("quotes for the separator it is given (the open data use commas) and defuses the same way", () => {
    expect(quote("a,b", ",")).toBe('"a,b"');
    expect(quote("a;b", ",")).toBe("a;b");
    expect(quote("\n=1+1", ",")).toBe('"\'\n=1+1"');
    expect(quote("-12.5", ",")).toBe("-12.5");
  });
});

describe("tablesToXlsx", () => {
  it("writes a sheet per table with a frozen header, numbers as numbers with formats, symbols as text and no formulas", async () => {
    const buffer = await tablesToXlsx([{ title: "Misdrijven", table }, { title: "Misdrijven", table }], new Date("2026-01-15T00:00:00Z"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Misdrijven", "Misdrijven 2"]);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 2 });
    expect(sheet.getRow(1).getCell(1).value).toBe("Misdrijven in Utrecht");
    expect(sheet.getRow(2).values).toEqual([undefined, "Categorie", "januari t/m december 2025*", "t.o.v. vorig jaar verschil", "t.o.v. vorig jaar %", "significant", "per 1.000 inw."]);
    const total = sheet.getRow(3);
    expect([2, 3, 4, 6].map((col) => total.getCell(col).value)).toEqual([13986, -9, 0.126, 37.123]);
    expect(total.getCell(2).numFmt).toBe("#,##0");
    expect(total.getCell(4).numFmt).toBe("+0.0%;-0.0%;0.0%");
    const evil = sheet.getRow(4);
    expect(evil.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(evil.getCell(1).formula).toBeUndefined();
    expect(evil.getCell(2).value).toBe("x");
    expect(sheet.getRow(6).getCell(1).value).toBe("* : voorlopig cijfer.");
  });

  it("gives the same bytes for the same tables and date", async () => {
    const date = new Date("2026-01-15T00:00:00Z");
    const [a, b] = await Promise.all([tablesToXlsx([{ title: "T", table }], date), tablesToXlsx([{ title: "T", table }], date)]);
    expect(a.equals(b)).toBe(true);
  });
});
