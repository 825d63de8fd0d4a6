/** "GM0344", "Utrecht" → "gm0344-utrecht"; ASCII only, so file names survive every system. */
export function areaSlug(code: string, naam: string): string {
  const words = naam
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return words ? `${code.toLowerCase()}-${words}` : code.toLowerCase();
}
