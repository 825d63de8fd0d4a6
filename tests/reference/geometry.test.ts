import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { GEMEENTE_GEOMETRY, loadGeometry, missingShapes, parseGeometry, shapesFor } from "../../src/reference/geometry.ts";
import { UserError } from "../../src/user-error.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "geo");
const square = (x: number, y: number, size = 1000) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe("loadGeometry", () => {
  it("reads the shipped gemeente boundaries: every gemeente of the area table, keyed by its code", async () => {
    const geometry = await loadGeometry(path.join(ROOT, "data", "reference", GEMEENTE_GEOMETRY));
    const gebieden = parse(await readFile(path.join(ROOT, "data", "reference", "gebieden-2024.csv"), "utf8"), { columns: true }) as { code: string; soort: string }[];
    const gemeenten = gebieden.filter((row) => row.soort === "gemeente" && row.code !== "GM0000").map((row) => row.code);
    expect(geometry.shapes.size).toBe(342);
    expect([...geometry.shapes.keys()].sort()).toEqual([...gemeenten].sort());
    expect(geometry.shapes.get("GM0344")?.type).toBe("Polygon");
    // 332 Polygons and 10 MultiPolygons, as the source describes the file.
    expect([...geometry.shapes.values()].filter((shape) => shape.type === "MultiPolygon")).toHaveLength(10);
  });

  it("reads a GeoJSON of wijken: codes from statcode or code (trimmed, upper case), parts of one wijk joined, points and features without a code skipped", async () => {
    const geometry = await loadGeometry(path.join(FIXTURES, "wijken.geojson"));
    expect([...geometry.shapes.keys()]).toEqual(["WK058901", "WK058902", "WK058903", "WK058904"]);
    expect(geometry.shapes.get("WK058901")).toMatchObject({ type: "Polygon" });
    expect((geometry.shapes.get("WK058901")?.coordinates as number[][][]).length).toBe(2); // outer ring and hole
    expect(geometry.shapes.get("WK058902")).toMatchObject({ type: "MultiPolygon" });
    expect(geometry.shapes.get("WK058902")?.coordinates).toHaveLength(2);
    expect(geometry.shapes.get("WK058904")).toMatchObject({ type: "Polygon" });
    expect(geometry.source).toBe(path.join(FIXTURES, "wijken.geojson"));
  });

  it("reads a TopoJSON whatever its object is called, with codes in a property and shared arcs", async () => {
    const geometry = await loadGeometry(path.join(FIXTURES, "wijken.topojson"));
    expect([...geometry.shapes.keys()]).toEqual(["WK058901", "WK058902"]);
    const left = geometry.shapes.get("WK058901")?.coordinates[0] as number[][];
    expect(left).toContainEqual([122000, 447000]);
    expect(left).toContainEqual([121000, 446000]);
  });

  it("says which file cannot be read or is not JSON", async () => {
    await expect(loadGeometry(path.join(FIXTURES, "nope.geojson"))).rejects.toThrow(/Cannot read the area boundaries .*nope\.geojson/);
    await expect(loadGeometry(path.join(FIXTURES, "README.md"))).rejects.toThrow(/README\.md: not JSON/);
  });
});

describe("parseGeometry", () => {
  const collection = (features: unknown[], extra: Record<string, unknown> = {}) => ({ type: "FeatureCollection", features, ...extra });
  const polygon = (properties: Record<string, unknown>, coordinates = [square(120000, 450000)], id?: string) => ({ type: "Feature", id, properties, geometry: { type: "Polygon", coordinates } });

  it("takes a feature's id when it is a CBS code, and a buurt's own code before its wijk's and gemeente's", () => {
    const geometry = parseGeometry(
      collection([
        polygon({ buurtcode: "BU05890101", wijkcode: "WK058901", gemeentecode: "GM0589" }),
        polygon({ WK_CODE: "WK058902", GM_CODE: "GM0589" }),
        polygon({ statcode: "ignored" }, [square(120000, 450000)], "GM0344"),
      ]),
      "x.geojson",
    );
    expect([...geometry.shapes.keys()]).toEqual(["BU05890101", "GM0344", "WK058902"]);
  });

  it("refuses longitude/latitude and a CRS other than RD New, with a hint how to convert", () => {
    const lonLat = collection([polygon({ statcode: "GM0344" }, [[[5.1, 52.1], [5.2, 52.1], [5.2, 52.2], [5.1, 52.1]]])]);
    expect(() => parseGeometry(lonLat, "wgs84.geojson")).toThrow(/wgs84\.geojson: the coordinates look like longitude and latitude/);
    const foreign = collection([polygon({ statcode: "GM0344" })], { crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3857" } } });
    expect(() => parseGeometry(foreign, "web.geojson")).toThrow(UserError);
    try {
      parseGeometry(foreign, "web.geojson");
    } catch (error) {
      expect((error as UserError).hint).toContain("ogr2ogr -t_srs EPSG:28992");
    }
  });

  it("refuses what holds no coded area boundaries, and what is neither TopoJSON nor GeoJSON", () => {
    expect(() => parseGeometry(collection([polygon({ naam: "Utrecht" })]), "naamloos.geojson")).toThrow(/naamloos\.geojson: no area boundaries with a CBS area code \(1 features, 1 polygons without a code\)/);
    expect(() => parseGeometry({ type: "Feature" }, "f.json")).toThrow(/neither a TopoJSON Topology nor a GeoJSON FeatureCollection/);
    expect(() => parseGeometry([], "a.json")).toThrow(UserError);
  });
});

describe("shapesFor", () => {
  const geometry = parseGeometry(
    {
      type: "FeatureCollection",
      features: ["WK058901", "WK058902"].map((code, i) => ({ type: "Feature", properties: { statcode: code }, geometry: { type: "Polygon", coordinates: [square(120000 + i * 1000, 450000)] } })),
    },
    "two.geojson",
  );

  it("gives the shapes of exactly the areas asked for, in their order", () => {
    expect([...(shapesFor(geometry, ["WK058902", "WK058901"])?.keys() ?? [])]).toEqual(["WK058902", "WK058901"]);
    expect([...(shapesFor(geometry, ["WK058901"])?.keys() ?? [])]).toEqual(["WK058901"]);
  });

  it("gives nothing when there is no geometry, no area, or an area without a boundary, so that the map is left out", () => {
    expect(shapesFor(undefined, ["WK058901"])).toBeUndefined();
    expect(shapesFor(geometry, [])).toBeUndefined();
    expect(shapesFor(geometry, ["WK058901", "WK058903"])).toBeUndefined();
    expect(missingShapes(geometry, ["WK058901", "WK058903", "BU05890101"])).toEqual(["WK058903", "BU05890101"]);
    expect(missingShapes(undefined, ["WK058901"])).toEqual(["WK058901"]);
  });
});
