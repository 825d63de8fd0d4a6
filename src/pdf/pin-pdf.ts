import { UserError } from "../user-error.ts";

/**
 * Same inputs, same PDF bytes: Chromium stamps every PDF with the clock (/CreationDate,
 * /ModDate), its own user agent (/Creator), header-cell ids that depend on what the browser
 * printed before, and file:// links of the folder it printed from. pinPdf replaces the stamps in
 * place with values of the same length (dates: the build date at midnight UTC), so that the
 * cross-reference offsets stay valid, and removes the local links (rewriting the offsets).
 * printPdfs applies it to every PDF it writes.
 */
export function pinPdf(pdf: Buffer, date: CalendarDay): Buffer {
  return pinPdfCreator(pinPdfNodeIds(pinPdfDates(stripLocalLinks(pdf), date)));
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export function parseBuildDate(buildDate: string): CalendarDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(buildDate);
  if (!match) throw new UserError(`Build date "${buildDate}" is not a date`, { hint: "Use jjjj-mm-dd, e.g. --build-date 2026-01-15.", exitCode: 2 });
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

// "/CreationDate (D:20261122222047+00'00')": Chromium (Skia) writes UTC in this form.
const PDF_DATE = /\/(CreationDate|ModDate) \(D:\d{14}(?:[+-]\d{2}'\d{2}'|Z)?\)/g;

/** Replaces the document dates of a PDF by the build date, keeping every byte offset. */
export function pinPdfDates(pdf: Buffer, date: CalendarDay): Buffer {
  // latin1 maps bytes 1:1 to characters, so string offsets are byte offsets.
  const text = pdf.toString("latin1");
  const stamp = `${date.year}${pad(date.month)}${pad(date.day)}000000`;
  let changed = false;
  const pinned = text.replace(PDF_DATE, (whole: string, key: string) => {
    const zone = whole.slice(`/${key} (D:`.length + 14, -1);
    const same = zone === "Z" ? "Z" : zone === "" ? "" : "+00'00'";
    changed = true;
    return `/${key} (D:${stamp}${same})`;
  });
  return changed ? Buffer.from(pinned, "latin1") : pdf;
}

// "/Creator (Mozilla/5.0 (X11; Linux x86_64) … HeadlessChrome/138.0.0.0 Safari/537.36)": the
// browser's user agent, with the parentheses of the user agent escaped or balanced inside the string.
const PDF_CREATOR = /\/Creator \((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)/;

/** What the PDFs say made them, instead of the browser's user agent. */
export const PDF_CREATOR_NAME = "Veiligheidsbeeld";

/**
 * Names the tool as the PDF's creator instead of the browser that printed it ("HeadlessChrome",
 * with its version: a reader's question, and a byte that changes with every Chromium update). The
 * entry keeps its length — the rest is filled with spaces between the dictionary's tokens, which
 * a PDF reader skips — so every offset stays valid.
 */
export function pinPdfCreator(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const match = PDF_CREATOR.exec(text);
  if (!match) return pdf;
  const entry = `/Creator (${PDF_CREATOR_NAME})`;
  if (entry.length > match[0].length || match[0] === entry) return pdf;
  const pinned = text.slice(0, match.index) + entry.padEnd(match[0].length, " ") + text.slice(match.index + match[0].length);
  return Buffer.from(pinned, "latin1");
}

// The action of a link annotation to a local file: "/A <</Type /Action\n/S /URI\n/URI (file:///…)>>".
const LOCAL_LINK = /\n\/A <<\/Type \/Action\n\/S \/URI\n\/URI \(file:(?:[^)\\]|\\.)*\)>>/g;

/**
 * Removes the actions of links to local files. Chromium turns a relative link on a printed page
 * (the site name linking to index.html) into an absolute file:// URL of the folder it printed
 * from: the staging folder, which is gone after the swap and names the machine's folders (a user
 * name, say). The link annotation stays, without an action. The bytes after each removal move,
 * so the cross-reference table is rewritten with the new offsets. A PDF that is not laid out as
 * Chromium writes it (one classic xref table) is returned as it is.
 */
export function stripLocalLinks(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const removed: [number, number][] = [];
  for (const match of text.matchAll(LOCAL_LINK)) removed.push([match.index, match.index + match[0].length]);
  if (removed.length === 0) return pdf;
  const startxref = /startxref\n(\d+)\n%%EOF\s*$/.exec(text);
  const xrefAt = Number(startxref?.[1] ?? -1);
  const table = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  // One revision only: a single startxref, and a trailer that points to no earlier table.
  if (!startxref || !table || text.indexOf("startxref") !== startxref.index) return pdf;
  const shift = (offset: number): number => offset - removed.filter(([, end]) => end <= offset).reduce((sum, [start, end]) => sum + end - start, 0);
  const entriesAt = xrefAt + table[0].length;
  const count = Number(table[1]);
  const entries: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = text.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20);
    const parsed = /^(\d{10}) (\d{5}) ([nf]) ?\r?\n?$/.exec(entry);
    if (!parsed) return pdf;
    entries.push(parsed[3] === "n" ? `${String(shift(Number(parsed[1]))).padStart(10, "0")} ${parsed[2]} n \n` : entry);
  }
  let body = "";
  let from = 0;
  for (const [start, end] of removed) {
    body += text.slice(from, start);
    from = end;
  }
  body += text.slice(from, xrefAt);
  const trailer = text.slice(entriesAt + count * 20, startxref.index);
  if (/\/(Prev|XRefStm) /.test(trailer)) return pdf;
  return Buffer.from(`${body}${table[0]}${entries.join("")}${trailer}startxref\n${shift(xrefAt)}\n%%EOF\n`, "latin1");
}

const NODE_ID = /\(node(\d+)\)/g;

/** An ID tree leaf: "/Limits [(node…) (node…)]\n/Names [(node…) 42 0 R (node…) 44 0 R …]". */
const ID_LEAF = /\/Limits \[\(node(\d+)\) \(node(\d+)\)\]\n\/Names \[((?:\(node\d+\) \d+ \d+ R ?)+)\]/g;
const ID_ENTRY = /\(node(\d+)\) (\d+ \d+ R)/g;

/**
 * Renumbers the ids Chromium gives the structure elements of table headers ("node00000847") by
 * the order in which the elements are defined in the file, 1, 2, 3…, each padded to its original
 * width. Chromium's own numbers follow the DOM nodes it made, which differ with what the browser
 * printed before (and so between two builds); the order of the structure elements does not.
 * Every /Headers reference keeps pointing at its header cell, and the ID tree (a name tree,
 * sorted by id) is sorted again with its limits; when it is not one leaf as Chromium writes it,
 * the ids are ranked by their own order instead, which keeps the tree as it is.
 */
export function pinPdfNodeIds(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const all = [...new Set([...text.matchAll(NODE_ID)].map((match) => match[1] ?? ""))];
  if (all.length === 0) return pdf;
  const leaves = [...text.matchAll(ID_LEAF)];
  const defined = [...new Set([...text.matchAll(/\/ID \(node(\d+)\)/g)].map((match) => match[1] ?? ""))];
  const byDefinition = leaves.length === 1 && all.every((id) => defined.includes(id));
  const order = byDefinition ? defined : all.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(order.map((id, index) => [id, String(index + 1).padStart(id.length, "0")]));
  if ([...rank].some(([id, ranked]) => ranked.length !== id.length)) return pdf;
  let pinned = text.replace(NODE_ID, (_whole, id: string) => `(node${rank.get(id) ?? id})`);
  if (byDefinition) {
    // The one leaf of the ID tree, sorted again: the same entries, so the same length.
    let sorted = true;
    pinned = pinned.replace(ID_LEAF, (whole: string, _low: string, _high: string, names: string) => {
      const entries = [...names.matchAll(ID_ENTRY)].map((match) => ({ id: match[1] ?? "", ref: match[2] ?? "" }));
      entries.sort((a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const rebuilt = `/Limits [(node${entries[0]?.id}) (node${entries.at(-1)?.id})]\n/Names [${entries.map((entry) => `(node${entry.id}) ${entry.ref}`).join(" ")}]`;
      if (rebuilt.length !== whole.length) sorted = false;
      return rebuilt;
    });
    // A leaf not laid out as expected: rank by Chromium's own numbers, which keeps the tree sorted.
    if (!sorted) return rankByOwnNumbers(text, all);
  }
  return Buffer.from(pinned, "latin1");
}

function rankByOwnNumbers(text: string, ids: readonly string[]): Buffer {
  const order = [...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(order.map((id, index) => [id, String(index + 1).padStart(id.length, "0")]));
  return Buffer.from(text.replace(NODE_ID, (_whole, id: string) => `(node${rank.get(id) ?? id})`), "latin1");
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
