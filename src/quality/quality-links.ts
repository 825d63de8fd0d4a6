import { readdir } from "node:fs/promises";
import path from "node:path";
import type { IndexPage } from "../reports/page.ts";

/**
 * The group of the front page that links the data-quality reports: the one of this build and
 * those earlier builds left in the output folder, newest first.
 */
export async function qualityLinks(outDir: string, periode: string): Promise<IndexPage["groups"][number]> {
  const existing = (await readdir(path.join(outDir, "kwaliteit")).catch(() => [] as string[]))
    .map((name) => /^(\d{4}-\d{2})\.html$/.exec(name)?.[1])
    .filter((month): month is string => month !== undefined);
  const months = [...new Set([...existing, periode])].sort().reverse();
  return {
    title: "Datakwaliteit van de exports",
    links: months.map((month) => ({ href: `kwaliteit/${month}.html`, label: `Leveringen tot en met ${month}` })),
  };
}
