/**
 * Writes the small sample export that `veiligheidsbeeld init` puts in a new project
 * (data/sample/starter/), cut from the demo export: the four gemeenten of the illustrative
 * basisteam Woerden-Lopikerwaard, as two deliveries —
 *
 *   bvh-export-2025-11.csv  every registration with pleegdatum 2024-01 … 2025-11 as the demo
 *                           deliveries up to 2025-11 last gave it (a first, full export);
 *   bvh-export-2025-12.csv  the demo's december delivery for these gemeenten (november again,
 *                           with its revisions, and december);
 *
 * and the basisteam mapping of their buurten. Deterministic: the same demo export gives the same bytes.
 *
 *   npx tsx scripts/generate-starter-export.ts   (needs the demo export: npm run demo-export)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEMO = path.join(ROOT, "data/sample/exports");
const OUT = path.join(ROOT, "data/sample/starter");
export const STARTER_GEMEENTEN = ["GM0331", "GM0335", "GM0589", "GM0632"];

interface Row {
  nummer: string;
  pleegmaand: string;
  line: string;
}

function rowsOf(file: string): { header: string; rows: Row[] } {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split("\r\n").filter((line) => line !== "");
  const header = lines[0] ?? "";
  const columns = (parse(header, { delimiter: ";" }) as string[][])[0] ?? [];
  const at = (name: string): number => columns.indexOf(name);
  const rows: Row[] = [];
  for (const line of lines.slice(1)) {
    const fields = (parse(line, { delimiter: ";" }) as string[][])[0] ?? [];
    if (!STARTER_GEMEENTEN.includes(fields[at("Gemeentecode")] ?? "")) continue;
    const [, month, year] = (fields[at("Pleegdatum")] ?? "").split("-");
    rows.push({ nummer: fields[at("Registratienummer")] ?? "", pleegmaand: `${year}-${month}`, line });
  }
  return { header, rows };
}

function main(): void {
  const deliveries = readdirSync(DEMO)
    .filter((name) => /^bvh-export-\d{4}-\d{2}\.csv$/.test(name))
    .sort();
  const latest = new Map<string, Row>();
  let header = "";
  for (const name of deliveries.filter((file) => file <= "bvh-export-2025-11.csv")) {
    const read = rowsOf(path.join(DEMO, name));
    header = read.header;
    for (const row of read.rows) latest.set(row.nummer, row);
  }
  const first = [...latest.values()]
    .filter((row) => row.pleegmaand >= "2024-01" && row.pleegmaand <= "2025-11")
    .sort((a, b) => (a.nummer < b.nummer ? -1 : a.nummer > b.nummer ? 1 : 0));
  const december = rowsOf(path.join(DEMO, "bvh-export-2025-12.csv")).rows;
  mkdirSync(path.join(OUT, "exports"), { recursive: true });
  const write = (name: string, rows: readonly Row[]): void => {
    writeFileSync(path.join(OUT, "exports", name), `\uFEFF${[header, ...rows.map((row) => row.line)].join("\r\n")}\r\n`);
  };
  write("bvh-export-2025-11.csv", first);
  write("bvh-export-2025-12.csv", december);

  const mapping = readFileSync(path.join(ROOT, "data/reference/basisteams.csv"), "utf8").split(/\r?\n/);
  const buurten = mapping.filter((line, index) => index === 0 || STARTER_GEMEENTEN.some((code) => line.startsWith(`BU${code.slice(2)}`)));
  writeFileSync(path.join(OUT, "basisteams-voorbeeld.csv"), `${buurten.join("\n")}\n`);
  console.log(`wrote ${first.length} + ${december.length} rows and ${buurten.length - 1} buurten to ${OUT}`);
}

main();
