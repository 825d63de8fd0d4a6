import path from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExport, type ExportRecord, type RejectReason, type Rejection } from "../../src/ingest/read-export.ts";
import { formatMonth, monthOf } from "../../src/model/months.ts";
import type { Reference } from "../../src/reference/load-reference.ts";
import { UserError } from "../../src/user-error.ts";
import { cleanup, miniReference, tempDir, testConfig, writeFiles } from "../helpers.ts";

let dir: string;
let reference: Reference;
let counter = 0;

beforeAll(async () => {
  dir = await tempDir("vb-property-");
  reference = await miniReference();
});
afterAll(() => cleanup(dir));

async function read(content: Uint8Array) {
  const name = `random-${++counter}.csv`;
  await writeFiles(dir, { [name]: content });
  const records: ExportRecord[] = [];
  const rejections: Rejection[] = [];
  const info = await readExport(
    path.join(dir, name),
    { columns: testConfig().columns, areas: reference.areas, classification: reference.classification, lastPlausibleMonth: monthOf(2026, 1), earliestYear: 2010 },
    { record: (record) => records.push(record), reject: (rejection) => rejections.push(rejection) },
  );
  return { info, records, rejections };
}

type Kind = "valid" | RejectReason;

interface Row {
  kind: Kind;
  nummer: string;
  date: string;
  month: string;
  klasse: string;
  code: string;
  buurt: string;
  texts: string[];
}

const KLASSEN = [
  ["B70", "B70 Straatroof"],
  ["A20", "a20 - gekwal. diefstal in/uit woning"],
  ["F550", "F550"],
  ["E33", "E 33 Overlast verward persoon"],
] as const;
const BUURTEN = ["BU05890201", "BU03350100", "5890101", "bu03350000"];
const BUURT_CODE: Record<string, string> = { BU05890201: "BU05890201", BU03350100: "BU03350100", "5890101": "BU05890101", bu03350000: "BU03350000" };

/** Free text as exports have it: separators, quotes, line breaks, accents, emoji, formula starts. */
const text = fc
  .array(fc.constantFrom("a", "Z", "é", "ë", "€", "😀", " ", ";", ",", "\t", "|", '"', "'", "\n", "\r\n", "=", "+", "-", "@", "1", "<b>"), { maxLength: 12 })
  .map((parts) => parts.join(""));

const date = fc.record({ year: fc.integer({ min: 2011, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), format: fc.integer({ min: 0, max: 3 }) }).map(({ year, month, day, format }) => {
  const dd = String(day).padStart(2, "0");
  const mm = String(month).padStart(2, "0");
  const texts = [`${dd}-${mm}-${year}`, `${year}-${mm}-${dd}`, `${day}/${month}/${year}`, `${year}${mm}${dd}`];
  return { text: texts[format] ?? "", month: formatMonth(monthOf(year, month)) };
});

const row = fc
  .record({
    kind: fc.constantFrom<Kind>("valid", "valid", "valid", "bad-date", "unknown-klasse", "unknown-area", "missing-registratienummer", "ragged-row"),
    date,
    klasse: fc.constantFrom(...KLASSEN),
    buurt: fc.constantFrom(...BUURTEN),
    texts: fc.array(text, { minLength: 3, maxLength: 3 }),
  })
  .map(
    ({ kind, date: when, klasse, buurt, texts }): Row => ({
      kind,
      nummer: kind === "missing-registratienummer" ? "" : "PL",
      date: kind === "bad-date" ? "31-02-2024" : when.text,
      month: when.month,
      klasse: kind === "unknown-klasse" ? "Q999 Onbekend" : klasse[1],
      code: klasse[0],
      buurt: kind === "unknown-area" ? "BU09999999" : buurt,
      texts,
    }),
  );

const shape = fc.record({
  delimiter: fc.constantFrom(";", ",", "\t", "|"),
  lineEnd: fc.constantFrom("\n", "\r\n"),
  encoding: fc.constantFrom("utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be"),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6], { minLength: 7, maxLength: 7 }),
  extra: fc.integer({ min: 0, max: 3 }),
  headerCase: fc.constantFrom("as-is", "upper", "spaced"),
  rows: fc.array(row, { maxLength: 40 }),
});

const HEADERS = ["Registratienummer", "Pleegdatum", "Maatschappelijke klasse", "Buurtcode", "Straat", "Omschrijving", "Notitie"];

function quote(value: string): string {
  return /[";,\t|\r\n]/.test(value) || value.trim() !== value || value === "" ? `"${value.replaceAll('"', '""')}"` : value;
}

function encode(textValue: string, encoding: string): Uint8Array {
  switch (encoding) {
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(textValue, "utf8")]);
    case "windows-1252":
      return iconv.encode(textValue, "windows-1252");
    case "utf-16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(textValue, "utf16-le")]);
    case "utf-16be":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(textValue, "utf16-be")]);
    default:
      return Buffer.from(textValue, "utf8");
  }
}

describe("readExport on random CSV shapes (fast-check)", () => {
  it("accepts exactly the valid rows, rejects each bad row once with its reason, and counts every row", async () => {
    await fc.assert(
      fc.asyncProperty(shape, async (spec) => {
        const columns = spec.order.slice(0, 4 + spec.extra);
        const name = (index: number): string => {
          const header = HEADERS[index] ?? "";
          return spec.headerCase === "upper" ? header.toUpperCase() : spec.headerCase === "spaced" ? ` ${header.replaceAll(" ", "_")} ` : header;
        };
        // The four allow-listed columns are always there, in a random order among 0–3 free-text columns.
        const chosen = [...new Set([...columns, 0, 1, 2, 3])];
        const rows = spec.rows.map((generated, index) => ({ ...generated, nummer: generated.nummer === "" ? "" : `PL${index}` }));
        const cells = (generated: Row): string[] =>
          chosen.map((column) => {
            const value = [generated.nummer, generated.date, generated.klasse, generated.buurt, ...generated.texts][column] ?? "";
            return quote(value);
          });
        const lines = [
          chosen.map((column) => quote(name(column))).join(spec.delimiter),
          ...rows.map((generated) => {
            const fields = cells(generated);
            if (generated.kind === "ragged-row") fields.splice(-1, 1);
            return fields.join(spec.delimiter);
          }),
        ];
        const { info, records, rejections } = await read(encode(lines.join(spec.lineEnd) + spec.lineEnd, spec.encoding));

        expect(info.rows).toBe(rows.length);
        const valid = rows.filter((generated) => generated.kind === "valid");
        expect(records.map((record) => [record.registratienummer, formatMonth(record.month), record.klasse, record.area])).toEqual(
          valid.map((generated) => [generated.nummer, generated.month, generated.code, BUURT_CODE[generated.buurt]]),
        );
        expect(rejections.map((rejection) => rejection.reason)).toEqual(rows.filter((generated) => generated.kind !== "valid").map((generated) => generated.kind));
        const linesSeen = [...records.map((record) => record.line), ...rejections.map((rejection) => rejection.line)].sort((a, b) => a - b);
        expect(new Set(linesSeen).size).toBe(linesSeen.length);
      }),
      { numRuns: 150 },
    );
  });

  it("on any bytes at all, either reads them with every row counted or stops with a UserError", async () => {
    const junk = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc
        .array(fc.constantFrom("Registratienummer", "Pleegdatum", "Maatschappelijke klasse", "Buurtcode", ";", ",", '"', "\n", "\r", "PL1", "01-12-2025", "B70", "BU05890201", "\u0000", "\uFEFF", "é"), { maxLength: 200 })
        .map((parts) => Buffer.from(parts.join(""), "utf8")),
    );
    await fc.assert(
      fc.asyncProperty(junk, async (bytes) => {
        const outcome = await read(bytes).catch((error: unknown) => error);
        if (outcome instanceof Error) {
          expect(outcome).toBeInstanceOf(UserError);
          return;
        }
        const { info, records, rejections } = outcome as Awaited<ReturnType<typeof read>>;
        expect(records.length + rejections.length).toBe(info.rows);
      }),
      { numRuns: 300 },
    );
  });
});
