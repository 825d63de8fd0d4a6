import { readFile, writeFile } from "node:fs/promises";
import { parseBuildDate, type CalendarDay } from "../pdf/pin-pdf.ts";

/**
 * Same inputs, same bytes for the workbooks: the zip writer behind XLSX gives every entry a
 * modification time; pinXlsxDates sets them to the build date in place. (PDFs are pinned by
 * printPdfs as it writes them: src/pdf/pin-pdf.ts.)
 */
export async function pinXlsxDates(files: readonly string[], buildDate: string): Promise<void> {
  const date = parseBuildDate(buildDate);
  for (const file of files) {
    const bytes = await readFile(file);
    const pinned = pinZipDates(bytes, date);
    if (pinned !== bytes) await writeFile(file, pinned);
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/**
 * Sets the MS-DOS modification date and time of every entry of a zip file (local headers and
 * central directory) to the build date. Only those four bytes per header change; CRCs cover the
 * data, not the headers.
 */
export function pinZipDates(zip: Buffer, date: CalendarDay): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL) return zip;
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const out = Buffer.from(zip);
  const dosDate = ((date.year - 1980) << 9) | (date.month << 5) | date.day;
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(offset) !== CENTRAL_HEADER) return zip;
    out.writeUInt16LE(0, offset + 12);
    out.writeUInt16LE(dosDate, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (out.readUInt32LE(local) === LOCAL_HEADER) {
      out.writeUInt16LE(0, local + 10);
      out.writeUInt16LE(dosDate, local + 12);
    }
    offset += 46 + out.readUInt16LE(offset + 28) + out.readUInt16LE(offset + 30) + out.readUInt16LE(offset + 32);
  }
  return out;
}
