/**
 * The page (1-based) of every named destination in a PDF that Chromium printed. Chromium (Skia)
 * writes a destination for each element an internal link points to (`<a href="#kerncijfers">`),
 * in a /Dests dictionary of the catalog: `/kerncijfers [12 0 R /XYZ 6 763 0]`, where `12 0 R` is a
 * page object; the page tree gives the order of the pages. Skia writes these objects uncompressed
 * (no object streams), which is all this reader handles — it is not a general PDF parser, and it
 * throws when the structure it expects is not there, so a change in Chromium is noticed at once.
 */
export function pdfDestinations(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const objects = indexObjects(text);
  const catalog = [...objects.values()].find((body) => /\/Type\s*\/Catalog\b/.test(body));
  if (!catalog) throw new Error("PDF without a catalog: cannot find the pages of the table of contents");
  const pagesRef = /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog)?.[1];
  if (!pagesRef) throw new Error("PDF catalog without a page tree");
  const order = new Map<string, number>();
  collectPages(pagesRef, objects, order, 0);

  const result = new Map<string, number>();
  const destsRef = /\/Dests\s+(\d+)\s+\d+\s+R/.exec(catalog)?.[1];
  const dests = destsRef ? objects.get(destsRef) : /\/Dests\s*(<<[\s\S]*?>>)/.exec(catalog)?.[1];
  if (!dests) return result;
  for (const match of dests.matchAll(/\/([^\s/[\]()<>{}%]+)\s*\[\s*(\d+)\s+\d+\s+R/g)) {
    const page = order.get(match[2] ?? "");
    if (page !== undefined) result.set(decodeName(match[1] ?? ""), page);
  }
  return result;
}

/** Object number → the text between "N 0 obj" and "endobj" (streams included, they are not parsed). */
function indexObjects(text: string): Map<string, string> {
  const objects = new Map<string, string>();
  const pattern = /(?:^|[\r\n])(\d+)\s+0\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf("endobj", start);
    if (end < 0) break;
    // Only the dictionary matters: cut before a stream, whose bytes may contain anything.
    const body = text.slice(start, end);
    const stream = body.indexOf("stream");
    objects.set(match[1] ?? "", stream >= 0 ? body.slice(0, stream) : body);
    pattern.lastIndex = end;
  }
  return objects;
}

/** Walks the page tree in order, numbering the leaves (pages) from 1. Returns the next number. */
function collectPages(ref: string, objects: Map<string, string>, order: Map<string, number>, count: number): number {
  const node = objects.get(ref);
  if (!node) throw new Error(`PDF page tree refers to a missing object ${ref}`);
  if (/\/Type\s*\/Pages\b/.test(node)) {
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? "";
    for (const kid of kids.matchAll(/(\d+)\s+\d+\s+R/g)) count = collectPages(kid[1] ?? "", objects, order, count);
    return count;
  }
  order.set(ref, count + 1);
  return count + 1;
}

/** PDF names escape bytes as #xx. */
function decodeName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
