import { spawnSync } from "node:child_process";
import { inflateSync } from "node:zlib";

/**
 * Readers of a tagged PDF's structure tree for the tests: Poppler's view (`pdfinfo -struct-text`,
 * with the warnings it prints) and, because pdfinfo does not print /Alt, the alternative text of
 * each Figure read from the file itself. Chromium (Skia) writes its objects uncompressed, which is
 * all `figureAlts` handles; it throws when the structure it expects is not there.
 */

/** A node of `pdfinfo -struct-text`: a structure element with its children, or a piece of text. */
export interface StructNode {
  /** "H1", "Figure", "NonStruct", …; "" for text. */
  type: string;
  /** The text of a text node; "" for an element. */
  text: string;
  children: StructNode[];
}

/**
 * Poppler's structure tree of `pdf` and what Poppler complained about while reading it; with
 * `withText`, the text of each element too (`-struct-text`, seconds for a long table book, where
 * `-struct` takes milliseconds).
 */
export function popplerStructure(pdf: string, withText = false): { root: StructNode; warnings: string[] } {
  const option = withText ? "-struct-text" : "-struct";
  const result = spawnSync("pdfinfo", [option, pdf], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdfinfo ${option} ${pdf} failed: ${result.stderr}`);
  const warnings = result.stderr.split("\n").filter((line) => line.trim() !== "");
  const root: StructNode = { type: "", text: "", children: [] };
  const stack: { indent: number; node: StructNode }[] = [{ indent: -1, node: root }];
  for (const line of result.stdout.split("\n")) {
    if (line.trim() === "") continue;
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    // Attributes (" /Scope /Column") belong to the element above; text is quoted.
    if (content.startsWith("/")) continue;
    const node: StructNode = content.startsWith('"')
      ? { type: "", text: content.slice(1, content.endsWith('"') ? -1 : undefined), children: [] }
      : { type: /^[A-Za-z0-9]+/.exec(content)?.[0] ?? content, text: "", children: [] };
    while ((stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop();
    stack[stack.length - 1]?.node.children.push(node);
    stack.push({ indent, node });
  }
  return { root, warnings };
}

/** Every element of the tree, depth first in document order. */
export function elements(node: StructNode): StructNode[] {
  return [...(node.type ? [node] : []), ...node.children.flatMap(elements)];
}

/** The text inside a node, in order; `skip` leaves out the subtrees of those types. */
export function textOf(node: StructNode, skip: readonly string[] = []): string {
  if (node.type && skip.includes(node.type)) return "";
  return node.text + node.children.map((child) => textOf(child, skip)).join("");
}

/** The /Alt of every Figure in `pdf`, in the order of the structure tree (undefined: none). */
export function figureAlts(pdf: Buffer): (string | undefined)[] {
  const text = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const match of text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\s*(<<[\s\S]*?)\bendobj/g)) {
    const body = match[2] ?? "";
    const stream = body.indexOf("stream");
    objects.set(match[1] ?? "", stream >= 0 ? body.slice(0, stream) : body);
  }
  const rootBody = [...objects.values()].find((body) => /\/Type\s*\/StructTreeRoot\b/.test(body));
  if (!rootBody) throw new Error("PDF without a structure tree");
  const alts: (string | undefined)[] = [];
  const visit = (dictionary: Map<string, string>): void => {
    if (dictionary.get("S") === "/Figure") alts.push(dictionary.has("Alt") ? decodeString(dictionary.get("Alt") ?? "") : undefined);
    for (const ref of (dictionary.get("K") ?? "").matchAll(/(\d+) 0 R/g)) {
      const body = objects.get(ref[1] ?? "");
      if (body && /\/Type\s*\/StructElem\b/.test(body)) visit(parseDictionary(body));
    }
  };
  visit(parseDictionary(rootBody));
  return alts;
}

/** The top-level entries of a PDF dictionary, each value as written ("/Figure", "(…)", "[1 0 R]"). */
function parseDictionary(body: string): Map<string, string> {
  const entries = new Map<string, string>();
  let i = body.indexOf("<<") + 2;
  const skipSpace = (): void => {
    while (i < body.length && /\s/.test(body[i] ?? "")) i++;
  };
  const value = (): string => {
    const start = i;
    const c = body[i];
    if (c === "(") {
      let depth = 0;
      for (; i < body.length; i++) {
        if (body[i] === "\\") i++;
        else if (body[i] === "(") depth++;
        else if (body[i] === ")" && --depth === 0) break;
      }
      i++;
    } else if (c === "<" && body[i + 1] === "<") {
      let depth = 0;
      for (; i < body.length; i++) {
        if (body.startsWith("<<", i)) (depth++, i++);
        else if (body.startsWith(">>", i) && (i++, --depth === 0)) break;
      }
      i++;
    } else if (c === "<") {
      i = body.indexOf(">", i) + 1;
    } else if (c === "[") {
      let depth = 0;
      for (; i < body.length; i++) {
        if (body[i] === "[") depth++;
        else if (body[i] === "]" && --depth === 0) break;
      }
      i++;
    } else if (c === "/") {
      i++;
      while (i < body.length && !/[\s/[\]()<>]/.test(body[i] ?? "")) i++;
    } else {
      const ref = /^\d+ \d+ R|^[^\s/[\]()<>]+/.exec(body.slice(i));
      i += ref?.[0].length ?? 1;
    }
    return body.slice(start, i);
  };
  for (;;) {
    skipSpace();
    if (body[i] !== "/") break;
    i++;
    const keyStart = i;
    while (i < body.length && !/[\s/[\]()<>]/.test(body[i] ?? "")) i++;
    const key = body.slice(keyStart, i);
    skipSpace();
    entries.set(key, value());
  }
  return entries;
}

/** A PDF text string, literal or hex, in UTF-16BE (with its byte order mark) or PDFDocEncoding. */
function decodeString(raw: string): string {
  let bytes: number[];
  if (raw.startsWith("<")) {
    const hex = raw.slice(1, -1).replace(/\s+/g, "");
    bytes = Array.from({ length: hex.length / 2 }, (_, k) => Number.parseInt(hex.slice(2 * k, 2 * k + 2), 16));
  } else {
    bytes = [];
    const inner = raw.slice(1, -1);
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
    for (let k = 0; k < inner.length; k++) {
      const c = inner[k] ?? "";
      if (c !== "\\") {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const next = inner[++k] ?? "";
      const octal = /^[0-7]{1,3}/.exec(inner.slice(k));
      if (octal) {
        bytes.push(Number.parseInt(octal[0], 8));
        k += octal[0].length - 1;
      } else if (next === "\r" || next === "\n") {
        if (next === "\r" && inner[k + 1] === "\n") k++;
      } else bytes.push(escapes[next] ?? next.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString("utf16le");
  return Buffer.from(bytes).toString("latin1");
}

/**
 * The painting operations of `pdf`'s pages that lie outside every marked-content sequence (neither
 * tagged nor an artifact), as "page N: line". Reads Skia's layout line by line: one operator (or a
 * positioning and a text operator) per line, marked-content operators at line ends.
 */
export function unmarkedPaint(pdf: Buffer): string[] {
  const text = pdf.toString("latin1");
  const objects = new Map<string, number>();
  for (const match of text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\b/g)) objects.set(match[1] ?? "", match.index);
  const pages = [...text.matchAll(/\/Type \/Page\n[\s\S]*?\/Contents (\d+) 0 R/g)].map((match) => match[1] ?? "");
  if (pages.length === 0) throw new Error("PDF without pages whose /Contents is one stream");
  const found: string[] = [];
  pages.forEach((ref, index) => {
    const at = objects.get(ref) ?? -1;
    const head = /^(?:\r?\n)?\d+ 0 obj\s*<<([\s\S]*?)>>\s*stream\r?\n/.exec(text.slice(at));
    const length = Number(/\/Length (\d+)/.exec(head?.[1] ?? "")?.[1]);
    if (!head || !length) throw new Error(`page ${index + 1}: no content stream with a direct /Length`);
    const start = at + head[0].length;
    const content = inflateSync(pdf.subarray(start, start + length)).toString("latin1");
    let depth = 0;
    for (const line of content.split("\n")) {
      if (/(?:^|\s|>>)(?:BDC|BMC)$/.test(line)) depth++;
      else if (/(?:^|\s)EMC$/.test(line)) depth--;
      else if (depth === 0 && /(?:^|\s|\)|>|\])(?:Tj|TJ|'|"|f\*?|F|S|s|B\*?|b\*?|sh|Do)$/.test(line)) found.push(`page ${index + 1}: ${line}`);
    }
  });
  return found;
}
