import { deflateSync, inflateSync } from "node:zlib";

/**
 * Marks the page content that is not in the structure tree as artifacts. Chromium's tagger puts
 * what a reader needs (headings, text, tables, the charts' Figures) into marked-content sequences
 * of the structure tree and leaves everything else unmarked: the running footer, the cover (hidden
 * from the tagger as a repeat of the title block), backgrounds and rules, the charts' drawing and
 * labels. A tagged PDF must mark such content as /Artifact (ISO 32000-1 14.8.2.2; PDF/UA-1 7.1),
 * or a checker counts it as real content outside the structure.
 *
 * Each page's content stream is rewritten: every run of operations outside any marked-content
 * sequence that paints something is enclosed in `/Artifact BMC … EMC`. A run never crosses q/Q or
 * BT/ET, so the sequences nest with the graphics state and the text objects. Nothing is drawn
 * differently. The objects are rewritten in place and the cross-reference table with them, in the
 * layout Chromium (Skia) writes: uncompressed objects, FlateDecode page streams with a direct
 * /Length, one classic xref table. A PDF laid out otherwise is returned as it is (the structure
 * test notices). Same bytes in, same bytes out.
 */
export function markArtifacts(pdf: Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = bytes.toString("latin1");
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const xrefAt = Number(startxref?.[1] ?? -1);
  const table = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  if (!startxref || !table || text.indexOf("startxref") !== startxref.index) return pdf;
  const entriesAt = xrefAt + table[0].length;
  const count = Number(table[1]);
  const offsets: (number | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(text.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20));
    if (!entry) return pdf;
    offsets.push(entry[3] === "n" ? Number(entry[1]) : undefined);
  }
  const trailer = text.slice(entriesAt + count * 20, startxref.index);
  if (/\/(Prev|XRefStm)\b/.test(trailer)) return pdf;

  const objectAt = (number: number): { start: number; end: number; body: string } | undefined => {
    const start = offsets[number];
    if (start === undefined) return undefined;
    const end = text.indexOf("endobj", start);
    return end < 0 ? undefined : { start, end: end + "endobj".length, body: text.slice(start, end + "endobj".length) };
  };

  // The content streams of the pages.
  const streams = new Set<number>();
  for (let number = 1; number < count; number++) {
    const object = objectAt(number);
    if (!object) continue;
    const dictionary = object.body.slice(0, Math.max(0, object.body.indexOf("stream")) || object.body.length);
    if (!/\/Type\s*\/Page(?![A-Za-z])/.test(dictionary)) continue;
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(dictionary)?.[1] ?? "";
    for (const ref of contents.matchAll(/(\d+)\s+\d+\s+R/g)) streams.add(Number(ref[1]));
  }

  const replaced: { start: number; end: number; text: string }[] = [];
  for (const number of [...streams].sort((a, b) => a - b)) {
    const object = objectAt(number);
    const head = object && /^(\d+ 0 obj\s*<<)([\s\S]*?)>>\s*stream\r?\n/.exec(object.body);
    if (!object || !head) continue;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(head[2] ?? "");
    if (!length || !/\/Filter\s*\/FlateDecode\b/.test(head[2] ?? "") || /\/DecodeParms\b/.test(head[2] ?? "")) continue;
    const dataAt = object.start + head[0].length;
    const content = inflateSync(bytes.subarray(dataAt, dataAt + Number(length[1]))).toString("latin1");
    const marked = markArtifactsInContent(content);
    if (marked === content) continue;
    const data = deflateSync(Buffer.from(marked, "latin1")).toString("latin1");
    const dictionary = (head[2] ?? "").replace(/\/Length\s+\d+/, `/Length ${data.length}`);
    replaced.push({ start: object.start, end: object.end, text: `${head[1]}${dictionary}>> stream\n${data}\nendstream\nendobj` });
  }
  if (replaced.length === 0) return pdf;
  replaced.sort((a, b) => a.start - b.start);

  const shift = (offset: number): number => offset + replaced.filter((range) => range.end <= offset).reduce((sum, range) => sum + range.text.length - (range.end - range.start), 0);
  let body = "";
  let from = 0;
  for (const range of replaced) {
    body += text.slice(from, range.start) + range.text;
    from = range.end;
  }
  body += text.slice(from, xrefAt);
  const entries = offsets.map((offset, i) => (offset === undefined ? text.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20) : `${String(shift(offset)).padStart(10, "0")} 00000 n \n`));
  return Buffer.from(`${body}${table[0]}${entries.join("")}${trailer}startxref\n${shift(xrefAt)}\n%%EOF\n`, "latin1");
}

/** Operators that put marks on the page (text, paths, images, shadings, form XObjects). */
const PAINTS = new Set(["Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "EI"]);
/** Operators a marked-content sequence must not cross. */
const BOUNDARIES = new Set(["q", "Q", "BT", "ET"]);

/**
 * A page's content stream with every run of operations that lies outside marked content and
 * paints something enclosed in `/Artifact BMC … EMC` (see `markArtifacts`).
 */
export function markArtifactsInContent(content: string): string {
  let depth = 0;
  let run: { start: number; end: number; paints: boolean } | undefined;
  const inserts: { at: number; text: string }[] = [];
  const flush = (): void => {
    if (run?.paints) inserts.push({ at: run.start, text: "/Artifact BMC\n" }, { at: run.end, text: "\nEMC" });
    run = undefined;
  };
  for (const operation of operations(content)) {
    const operator = operation.operator;
    if (operator === "BDC" || operator === "BMC") {
      if (depth === 0) flush();
      depth++;
    } else if (operator === "EMC") {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      if (BOUNDARIES.has(operator)) flush();
      else {
        run ??= { start: operation.start, end: operation.end, paints: false };
        run.end = operation.end;
        run.paints ||= PAINTS.has(operator);
      }
    }
  }
  flush();
  let result = "";
  let from = 0;
  for (const insert of inserts) {
    result += content.slice(from, insert.at) + insert.text;
    from = insert.at;
  }
  return result + content.slice(from);
}

/**
 * One token of a content stream: white space or a comment, the start of a literal string (read
 * on by hand: its parentheses nest), a hex string, a dictionary or array bracket, a name, or a
 * word (a number, true, false, null, or an operator).
 */
const TOKEN = /[\s\0]+|%[^\r\n]*|\(|<<|>>|<[^>]*>|[[\]{}]|\/[^\s\0()<>[\]{}/%]*|[^\s\0()<>[\]{}/%]+/y;
const OPERAND_WORD = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)|true|false|null)$/;

/** The operations of a content stream: each operator with the span from its first operand to its end. */
function* operations(content: string): Generator<{ operator: string; start: number; end: number }> {
  let start = -1;
  let i = 0;
  while (i < content.length) {
    TOKEN.lastIndex = i;
    const match = TOKEN.exec(content);
    const token = match?.[0] ?? content[i] ?? "";
    const at = i;
    i += token.length;
    const c = token[0];
    if (c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\f" || c === "\0" || c === "%") continue;
    if (c === "(") {
      for (let nesting = 1; i < content.length && nesting > 0; i++) {
        const d = content[i];
        if (d === "\\") i++;
        else if (d === "(") nesting++;
        else if (d === ")") nesting--;
      }
    } else if (c !== "<" && c !== ">" && c !== "[" && c !== "]" && c !== "{" && c !== "}" && c !== "/" && !OPERAND_WORD.test(token)) {
      if (token === "BI") {
        // An inline image: its data runs from ID to EI and is binary.
        const data = content.indexOf("ID", i);
        const end = data < 0 ? -1 : content.slice(data + 3).search(/\sEI(?=\s|$)/);
        i = end < 0 ? content.length : data + 3 + end + 3;
        yield { operator: "EI", start: start < 0 ? at : start, end: i };
      } else {
        yield { operator: token, start: start < 0 ? at : start, end: i };
      }
      start = -1;
      continue;
    }
    if (start < 0) start = at;
  }
}
