/**
 * Text encodings an export can come in. BVH and Excel produce UTF-8 (often with BOM), Windows-1252
 * ("ANSI") and sometimes UTF-16 ("Unicode text").
 */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface EncodingGuess {
  encoding: Encoding;
  /** Number of BOM bytes at the start of the file. */
  bom: number;
}

/**
 * Guesses the encoding from the first bytes of a file: a BOM decides; otherwise bytes that are not
 * valid UTF-8 mean Windows-1252. Returns "binary" when the sample holds NUL bytes without a UTF-16
 * BOM, which no CSV export does — unless whole lines of text come before the first one: then it is
 * a text file damaged further on, guessed from those lines, and reading it stops at the NUL with
 * the line it is on (see guardStream).
 */
export function detectEncoding(sample: Uint8Array): EncodingGuess | "binary" {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  const nul = sample.indexOf(0);
  if (nul >= 0) {
    const text = sample.subarray(0, nul);
    if (!text.includes(0x0a) || text.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return utf16WithoutBom(sample) ?? "binary";
    return { encoding: isUtf8(text) ? "utf-8" : "windows-1252", bom: 0 };
  }
  return { encoding: isUtf8(sample) ? "utf-8" : "windows-1252", bom: 0 };
}

/** UTF-16 without BOM shows as ASCII with every other byte zero. */
function utf16WithoutBom(sample: Uint8Array): EncodingGuess | undefined {
  const length = Math.min(sample.length, 1024) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.9 && evenZeros === 0) return { encoding: "utf-16le", bom: 0 };
  if (evenZeros > pairs * 0.9 && oddZeros === 0) return { encoding: "utf-16be", bom: 0 };
  return undefined;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** True when the sample is valid UTF-8, allowing one multi-byte character cut off at the end. */
function isUtf8(sample: Uint8Array): boolean {
  try {
    decoder.decode(sample.subarray(0, sample.length - incompleteTail(sample)));
    return true;
  } catch {
    return false;
  }
}

/** Bytes at the end that start a multi-byte character the sample does not hold completely. */
function incompleteTail(sample: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, sample.length); back++) {
    const byte = sample[sample.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}
