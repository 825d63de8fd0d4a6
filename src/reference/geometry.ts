import { readFile } from "node:fs/promises";
import type { Feature, GeoJsonProperties, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import { UserError } from "../user-error.ts";

/** The boundary of one area: a polygon, or several (islands, a buurt in two parts). */
export type AreaShape = Polygon | MultiPolygon;

/** Area boundaries keyed by CBS area code (`GM0344`, `WK034401`, `BU03440101`), in RD New metres. */
export interface AreaGeometry {
  /** Where the boundaries were read from, for messages. */
  source: string;
  shapes: ReadonlyMap<string, AreaShape>;
}

/** The gemeente boundaries shipped with the tool, relative to the reference folder (`paths.reference`). */
export const GEMEENTE_GEOMETRY = "geo/gemeente-2024.topojson";

/**
 * Reads area boundaries from a TopoJSON or GeoJSON file (see `parseGeometry`). A file that cannot
 * be read or holds no usable boundaries is a user error naming the file.
 */
export async function loadGeometry(file: string): Promise<AreaGeometry> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UserError(`Cannot read the area boundaries ${file}`, {
      hint: "Point the map at a TopoJSON or GeoJSON file of CBS areas (such as the CBS Wijk- en buurtkaart) in RD New coordinates.",
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`${file}: not JSON (${(error as Error).message})`, { hint: "Area boundaries are read from TopoJSON or GeoJSON." });
  }
  return parseGeometry(json, file);
}

/** Properties that may hold an area's code, in this order: a buurt's feature also names its wijk and gemeente. */
const CODE_PROPERTIES = ["statcode", "code", "buurtcode", "BU_CODE", "wijkcode", "WK_CODE", "gemeentecode", "GM_CODE"] as const;
const AREA_CODE = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;

/**
 * Area boundaries from parsed JSON: a TopoJSON Topology (every object in it, whatever its name) or a
 * GeoJSON FeatureCollection. An area's code is the feature's `id` when that looks like a CBS code,
 * else the first of `statcode`, `code`, `buurtcode`/`BU_CODE`, `wijkcode`/`WK_CODE`,
 * `gemeentecode`/`GM_CODE` that does. Features without a polygon or a code are skipped; features
 * with the same code are joined. Coordinates must be planar RD New (as CBS and PDOK publish them):
 * longitude/latitude is refused, since drawing it flat would squash the map.
 */
export function parseGeometry(json: unknown, source: string): AreaGeometry {
  const features = featuresOf(json, source);
  const parts = new Map<string, Position[][][]>();
  let skippedWithoutCode = 0;
  for (const item of features) {
    const polygons = polygonsOf(item.geometry);
    if (polygons.length === 0) continue;
    const code = codeOf(item);
    if (code === undefined) {
      skippedWithoutCode++;
      continue;
    }
    parts.set(code, [...(parts.get(code) ?? []), ...polygons]);
  }
  if (parts.size === 0) {
    throw new UserError(`${source}: no area boundaries with a CBS area code (${features.length} features${skippedWithoutCode > 0 ? `, ${skippedWithoutCode} polygons without a code` : ""})`, {
      hint: `Each feature needs a code such as GM0344, WK034401 or BU03440101 as its id or in one of the properties ${CODE_PROPERTIES.join(", ")}.`,
    });
  }
  const shapes = new Map<string, AreaShape>();
  for (const code of [...parts.keys()].sort()) {
    const polygons = parts.get(code) ?? [];
    shapes.set(code, polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] ?? [] } : { type: "MultiPolygon", coordinates: polygons });
  }
  refuseLongitudeLatitude(shapes, source);
  return { source, shapes };
}

/**
 * The boundaries of exactly these areas, or undefined when there is no geometry or it lacks any of
 * them (a wijk map without wijk boundaries, boundaries of another indeling): the map is then left
 * out rather than drawn empty or with holes. `missingShapes` says which ones lack a boundary.
 */
export function shapesFor(geometry: AreaGeometry | undefined, codes: readonly string[]): Map<string, AreaShape> | undefined {
  if (!geometry || codes.length === 0 || missingShapes(geometry, codes).length > 0) return undefined;
  return new Map(codes.map((code) => [code, geometry.shapes.get(code) as AreaShape]));
}

/** The codes among `codes` that have no boundary in the geometry (all of them without a geometry). */
export function missingShapes(geometry: AreaGeometry | undefined, codes: readonly string[]): string[] {
  return codes.filter((code) => !geometry?.shapes.has(code));
}

function featuresOf(json: unknown, source: string): Feature<Geometry | null, GeoJsonProperties>[] {
  if (isObject(json) && json.type === "Topology" && isObject(json.objects) && Array.isArray(json.arcs)) {
    const topology = json as unknown as Topology;
    return Object.keys(topology.objects)
      .sort()
      .flatMap((name) => {
        const object = topology.objects[name];
        if (!object) return [];
        const converted = feature(topology, object) as Feature | { type: "FeatureCollection"; features: Feature[] };
        return converted.type === "FeatureCollection" ? converted.features : [converted];
      });
  }
  if (isObject(json) && json.type === "FeatureCollection" && Array.isArray(json.features)) {
    const crs = crsName(json.crs);
    if (crs !== undefined && !/28992|RD.?New|Amersfoort/i.test(crs)) {
      throw new UserError(`${source}: the boundaries are in ${crs}, not in RD New (EPSG:28992)`, { hint: RD_HINT });
    }
    return (json.features as unknown[]).filter((item): item is Feature<Geometry | null> => isObject(item) && item.type === "Feature");
  }
  throw new UserError(`${source}: neither a TopoJSON Topology nor a GeoJSON FeatureCollection`, {
    hint: "Export the areas as TopoJSON or as a GeoJSON FeatureCollection (for instance from the CBS Wijk- en buurtkaart).",
  });
}

function codeOf(item: Feature<Geometry | null, GeoJsonProperties>): string | undefined {
  const candidates = [item.id, ...CODE_PROPERTIES.map((name) => item.properties?.[name])];
  for (const candidate of candidates) {
    if (typeof candidate !== "string") continue;
    const code = candidate.trim().toUpperCase();
    if (AREA_CODE.test(code)) return code;
  }
  return undefined;
}

/** The polygons of a geometry, each as its rings; other geometry (points, lines, none) has none. */
function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  switch (geometry.type) {
    case "Polygon":
      return geometry.coordinates.length > 0 ? [geometry.coordinates] : [];
    case "MultiPolygon":
      return geometry.coordinates.filter((polygon) => polygon.length > 0);
    case "GeometryCollection":
      return geometry.geometries.flatMap(polygonsOf);
    default:
      return [];
  }
}

const RD_HINT = "Convert the file to RD New, e.g. `ogr2ogr -t_srs EPSG:28992 out.geojson in.geojson`; CBS publishes the Wijk- en buurtkaart in RD New.";

/** RD New spans x 0–300 km and y 300–620 km; every Dutch longitude/latitude lies within 3–8 and 50–54. */
function refuseLongitudeLatitude(shapes: ReadonlyMap<string, AreaShape>, source: string): void {
  let max = 0;
  for (const shape of shapes.values()) {
    for (const polygon of shape.type === "Polygon" ? [shape.coordinates] : shape.coordinates) {
      for (const ring of polygon) for (const [x = 0, y = 0] of ring) max = Math.max(max, Math.abs(x), Math.abs(y));
    }
  }
  if (max <= 180) throw new UserError(`${source}: the coordinates look like longitude and latitude, not RD New (EPSG:28992) metres`, { hint: RD_HINT });
}

function crsName(crs: unknown): string | undefined {
  if (!isObject(crs) || !isObject(crs.properties)) return undefined;
  const name = crs.properties.name;
  return typeof name === "string" ? name : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
