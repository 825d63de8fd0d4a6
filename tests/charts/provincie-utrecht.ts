import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { MapArea } from "../../src/charts/choropleth.ts";
import { GEMEENTE_GEOMETRY, loadGeometry, shapesFor, type AreaShape } from "../../src/reference/geometry.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const REFERENCE = path.join(ROOT, "data", "reference");

async function csv(file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(file, "utf8"), { columns: true, bom: true, skip_empty_lines: true });
}

/**
 * Real figures for a map of provincie Utrecht: the 26 gemeenten (gemeente-provincie.csv, names from
 * gebieden-2024.csv), the misdrijven of the 12 soorten of misdrijven-gemeente-jaar.csv in `year` per
 * 1.000 inwoners (bevolking-gemeente.csv), and their shapes from the shipped boundaries.
 */
export async function provincieUtrecht(year = 2024): Promise<{ areas: MapArea[]; shapes: Map<string, AreaShape> }> {
  const [provincies, gebieden, bevolking, misdrijven, geometry] = await Promise.all([
    csv(path.join(REFERENCE, "gemeente-provincie.csv")),
    csv(path.join(REFERENCE, "gebieden-2024.csv")),
    csv(path.join(REFERENCE, "bevolking-gemeente.csv")),
    csv(path.join(ROOT, "data", "realdata", "misdrijven-gemeente-jaar.csv")),
    loadGeometry(path.join(REFERENCE, GEMEENTE_GEOMETRY)),
  ]);
  const codes = provincies.filter((row) => row.provincie === "Utrecht").map((row) => row.gemeentecode as string);
  const names = new Map(gebieden.filter((row) => row.soort === "gemeente").map((row) => [row.code, row.naam]));
  const inwoners = new Map(bevolking.filter((row) => row.jaar === String(year)).map((row) => [row.gemeentecode, Number(row.inwoners)]));
  const counts = new Map<string, number>();
  for (const row of misdrijven) if (row.jaar === String(year)) counts.set(row.gemeentecode as string, (counts.get(row.gemeentecode as string) ?? 0) + Number(row.aantal));
  const areas = codes.map((code): MapArea => ({
    code,
    name: names.get(code) ?? code,
    figure: ((counts.get(code) ?? 0) / (inwoners.get(code) ?? 1)) * 1000,
  }));
  const shapes = shapesFor(geometry, codes);
  if (!shapes) throw new Error("the shipped boundaries lack a gemeente of provincie Utrecht");
  return { areas, shapes };
}
