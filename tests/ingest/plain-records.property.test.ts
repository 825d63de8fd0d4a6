import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainRecords } from "../../src/ingest/read-export.ts";

/** csv-parse with the options readExport gives it, each record with the line it ends on. */
function csvParse(text: string, delimiter: string): { fields: string[]; line: number }[] {
  const records: string[][] = parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    // As readExport does: the line a record ends on, appended as its last field.
    on_record: (record: string[], context: { lines: number }) => [...record, String(context.lines)],
  });
  return records.map((record) => ({ fields: record.slice(0, -1), line: Number(record.at(-1)) }));
}

const piece = fc.constantFrom("a", "Z", "é", "€", "😀", " ", ";", ",", '"', '""', "x\"y", "1", "=", "");
const field = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(""));
/** A field as a writer might put it: bare, quoted properly, or quoted badly. */
const written = fc.tuple(field, fc.constantFrom("bare", "quoted", "quoted", "stray")).map(([value, how]) => {
  if (how === "quoted") return `"${value.replaceAll('"', '""')}"`;
  if (how === "stray") return `"${value}"x`;
  return value;
});
const line = fc.array(written, { minLength: 1, maxLength: 6 }).map((fields) => fields.join(";"));
const file = fc.tuple(fc.boolean(), fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n")).map(([bom, lines, end]) => `${bom ? "\uFEFF" : ""}${lines.join(end)}${end}`);

describe("the line-by-line reader", () => {
  it("reads every file it accepts exactly as csv-parse does: the same records, fields and line numbers", () => {
    let accepted = 0;
    fc.assert(
      fc.property(file, (text) => {
        const plain = plainRecords(text, ";");
        if (!plain) return;
        accepted++;
        expect(plain).toEqual(csvParse(text, ";"));
      }),
      { numRuns: 3000 },
    );
    // The property must have been tested on files with quotes, not only declined.
    expect(accepted).toBeGreaterThan(200);
  });

  it("declines a quoted field over two lines, a quote after a closing quote, a lone carriage return", () => {
    expect(plainRecords('a;"b\nc";d\n', ";")).toBeUndefined();
    expect(plainRecords('a;"b"c;d\n', ";")).toBeUndefined();
    expect(plainRecords("a;b\rc;d\n", ";")).toBeUndefined();
    expect(plainRecords('a;"b;""c""";d\n', ";")).toEqual([{ fields: ["a", 'b;"c"', "d"], line: 1 }]);
  });
});
