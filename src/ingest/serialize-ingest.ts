import type { Cube, Granularity } from "../model/cube.ts";
import type { Month } from "../model/months.ts";
import type { Registrations } from "../model/registrations.ts";
import type { IngestResult } from "./ingest.ts";

/** Bumped whenever the layout below or the meaning of a cube changes: older files are then ignored. */
const FORMAT = "veiligheidsbeeld-ingest-3";

interface Header {
  format: string;
  report: IngestResult["report"];
  /** One entry per distinct cube; `snapshots` and `cube` point into it. */
  cubes: { areas: string[]; klassen: string[]; cells: number; firstMonth: Month; lastMonth: Month; granularity: Granularity; declaredSoorten: string[] }[];
  cube: number;
  snapshots: [Month, number][];
  /** The registrations at day granularity, when ingest kept them: one entry per distinct list. */
  registrations?: { lists: { areas: string[]; klassen: string[]; mos: string[]; rows: number }[]; all: number; snapshots: [Month, number][] };
}

/**
 * An ingest result as bytes: a JSON header (the report, the dictionaries) followed by the cells of
 * each distinct cube as little-endian Int32 arrays. Cubes shared between snapshots are stored once.
 * The report holds only counts and file:line examples, the cubes only counts: nothing that
 * identifies a registration is written.
 */
export function encodeIngest(result: IngestResult): Buffer {
  const cubes: Cube[] = [];
  const indexOf = (cube: Cube): number => {
    let index = cubes.indexOf(cube);
    if (index < 0) index = cubes.push(cube) - 1;
    return index;
  };
  const header: Header = {
    format: FORMAT,
    report: result.report,
    cube: indexOf(result.cube),
    snapshots: [...result.snapshots].map(([month, cube]) => [month, indexOf(cube)]),
    cubes: [],
  };
  header.cubes = cubes.map((cube) => ({ areas: cube.areas, klassen: cube.klassen, cells: cube.cellCount.length, firstMonth: cube.firstMonth, lastMonth: cube.lastMonth, granularity: cube.granularity, declaredSoorten: cube.declaredSoorten }));
  const lists: Registrations[] = [];
  if (result.registrations) {
    const listIndex = (list: Registrations): number => {
      let index = lists.indexOf(list);
      if (index < 0) index = lists.push(list) - 1;
      return index;
    };
    const all = listIndex(result.registrations.all);
    const snapshots: [Month, number][] = [...result.registrations.snapshots].map(([month, list]) => [month, listIndex(list)]);
    header.registrations = { lists: lists.map((list) => ({ areas: list.areas, klassen: list.klassen, mos: list.mos, rows: list.day.length })), all, snapshots };
  }
  const json = Buffer.from(JSON.stringify(header));
  const parts: Buffer[] = [uint32(json.length), json];
  const bytesOf = (array: Int32Array | Int8Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  for (const cube of cubes) {
    for (const array of [cube.cellArea, cube.cellKlasse, cube.cellMonth, cube.cellCount]) parts.push(bytesOf(array));
  }
  for (const list of lists) for (const array of [list.area, list.klasse, list.day, list.mo, list.dayPart]) parts.push(bytesOf(array));
  return Buffer.concat(parts);
}

/** The ingest result `encodeIngest` wrote; undefined for bytes of another format or cut short. */
export function decodeIngest(bytes: Buffer): IngestResult | undefined {
  if (bytes.length < 4) return undefined;
  const length = bytes.readUInt32LE(0);
  if (4 + length > bytes.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8")) as Header;
  } catch {
    return undefined;
  }
  if (header.format !== FORMAT) return undefined;
  let offset = 4 + length;
  const take = (cells: number): Int32Array => {
    // A copy: the file's bytes need not be aligned for an Int32Array view.
    const array = new Int32Array(cells);
    Buffer.from(array.buffer).set(bytes.subarray(offset, offset + cells * 4));
    offset += cells * 4;
    return array;
  };
  const cubes: Cube[] = [];
  for (const meta of header.cubes) {
    if (offset + meta.cells * 16 > bytes.length) return undefined;
    cubes.push({
      areas: meta.areas,
      klassen: meta.klassen,
      cellArea: take(meta.cells),
      cellKlasse: take(meta.cells),
      cellMonth: take(meta.cells),
      cellCount: take(meta.cells),
      firstMonth: meta.firstMonth,
      lastMonth: meta.lastMonth,
      granularity: meta.granularity,
      declaredSoorten: meta.declaredSoorten,
    });
  }
  let registrations: IngestResult["registrations"];
  if (header.registrations) {
    const lists: Registrations[] = [];
    for (const meta of header.registrations.lists) {
      if (offset + meta.rows * 17 > bytes.length) return undefined;
      const area = take(meta.rows);
      const klasse = take(meta.rows);
      const day = take(meta.rows);
      const mo = take(meta.rows);
      const dayPart = new Int8Array(meta.rows);
      Buffer.from(dayPart.buffer).set(bytes.subarray(offset, offset + meta.rows));
      offset += meta.rows;
      lists.push({ areas: meta.areas, klassen: meta.klassen, mos: meta.mos, area, klasse, day, dayPart, mo });
    }
    const all = lists[header.registrations.all];
    if (!all) return undefined;
    const snapshots = new Map<Month, Registrations>();
    for (const [month, index] of header.registrations.snapshots) {
      const list = lists[index];
      if (!list) return undefined;
      snapshots.set(month, list);
    }
    registrations = { all, snapshots };
  }
  if (offset !== bytes.length) return undefined;
  const cube = cubes[header.cube];
  if (!cube) return undefined;
  const snapshots = new Map<Month, Cube>();
  for (const [month, index] of header.snapshots) {
    const snapshot = cubes[index];
    if (!snapshot) return undefined;
    snapshots.set(month, snapshot);
  }
  return { cube, snapshots, report: header.report, ...(registrations ? { registrations } : {}) };
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}
