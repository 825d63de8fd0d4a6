import { describe, expect, it } from "vitest";
import { detectDelimiter } from "../../src/ingest/detect-delimiter.ts";
import { detectEncoding } from "../../src/ingest/detect-encoding.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe("detectEncoding", () => {
  it("reads a UTF-8 BOM", () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ encoding: "utf-8", bom: 3 });
  });

  it("reads UTF-16 BOMs", () => {
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0))).toEqual({ encoding: "utf-16le", bom: 2 });
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61))).toEqual({ encoding: "utf-16be", bom: 2 });
  });

  it("recognises UTF-16LE without BOM by its zero bytes", () => {
    expect(detectEncoding(new Uint8Array(Buffer.from("a;b;c\r\n1;2;3", "utf16le")))).toEqual({ encoding: "utf-16le", bom: 0 });
  });

  it("takes valid UTF-8 (é as two bytes) as UTF-8 and a lone 0xE9 as Windows-1252", () => {
    expect(detectEncoding(new Uint8Array(Buffer.from("Café;x")))).toEqual({ encoding: "utf-8", bom: 0 });
    expect(detectEncoding(bytes(0x43, 0x61, 0x66, 0xe9, 0x3b, 0x78))).toEqual({ encoding: "windows-1252", bom: 0 });
  });

  it("accepts UTF-8 cut in the middle of a character at the end of the sample", () => {
    const text = Buffer.from("abc é");
    expect(detectEncoding(new Uint8Array(text.subarray(0, text.length - 1)))).toEqual({ encoding: "utf-8", bom: 0 });
  });

  it("calls a sample with NUL bytes and no UTF-16 pattern binary", () => {
    expect(detectEncoding(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0))).toBe("binary");
  });

  it("calls a sample text when whole lines of text come before its first NUL (a damaged text file, stopped at the NUL's line)", () => {
    expect(detectEncoding(new Uint8Array(Buffer.from("a;b\r\n1;2\n3;\u00004\n")))).toEqual({ encoding: "utf-8", bom: 0 });
    expect(detectEncoding(new Uint8Array(Buffer.from("a;b\nx\u0001y\u0000")))).toBe("binary");
    expect(detectEncoding(new Uint8Array(Buffer.from("a;b\u0000\n")))).toBe("binary");
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["Registratienummer;Pleegdatum;Klasse", ";"],
    ["a,b,c", ","],
    ["a\tb\tc", "\t"],
    ["a|b|c", "|"],
    ['"Soort, misdrijf";"Perioden";"Aantal"', ";"],
  ])("finds the separator of %j", (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });

  it("finds none in a header without separators", () => {
    expect(detectDelimiter("registratienummer")).toBeUndefined();
  });
});
