/** Separators found in real exports: `;` (Dutch Excel, BVH), `,`, tab and `|`. */
export const DELIMITERS = [";", ",", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Picks the separator that occurs most often outside quotes in the header line. Returns undefined
 * when none occurs, which for an export with several columns means the file is not a CSV.
 */
export function detectDelimiter(headerLine: string): Delimiter | undefined {
  const counts = new Map<Delimiter, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(char)) {
      counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1);
    }
  }
  let best: Delimiter | undefined;
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = delimiter;
  }
  return best;
}
