import { choropleth, figureOfCell, type MapArea } from "../../charts/choropleth.ts";
import type { Table } from "../../model/table.ts";
import { AREA_LEVEL_NAMES, type AreaLevel } from "../../reference/areas.ts";
import { shapesFor, type AreaGeometry } from "../../reference/geometry.ts";

/** Plural names of the areas a map can show. */
const PLURAL: Partial<Record<AreaLevel, string>> = { wijk: "wijken", buurt: "buurten", gemeente: "gemeenten" };

/**
 * The map of an area table (the wijken of a gemeente): each child area coloured by its rate per
 * 1.000 inwoners (or, without that column, its count), drawn from the table's own cells through
 * `figureOfCell`, so the table beside it holds the map's numbers. Undefined without a boundary for
 * every child (no wijk or buurt geometry configured, or of another indeling): the map is then left
 * out, not drawn with holes. A top-N table (the ten buurten) gets no map.
 */
export function areaMap(table: Table, childLevel: AreaLevel, geometry: AreaGeometry | undefined, areaName: string): string | undefined {
  const details = table.rows.filter((row) => row.role === "detail" && !row.id.endsWith(":rest"));
  const shapes = shapesFor(geometry, details.map((row) => row.id));
  if (!shapes) return undefined;
  const rateColumn = table.columns.findIndex((column) => column.id === "per1000");
  const column = rateColumn >= 0 ? rateColumn : table.columns.findIndex((column) => column.id === "current");
  if (column < 0) return undefined;
  const areas: MapArea[] = details.map((row) => ({ code: row.id, name: row.label, figure: figureOfCell(row.cells[column] ?? { value: null }) }));
  const plural = PLURAL[childLevel] ?? `${AREA_LEVEL_NAMES[childLevel]}en`;
  const unit = rateColumn >= 0 ? "misdrijven per 1.000 inwoners" : "misdrijven";
  return choropleth({
    id: `kaart-${table.id}`,
    title: `${unit.charAt(0).toUpperCase()}${unit.slice(1)} per ${AREA_LEVEL_NAMES[childLevel]} in ${areaName}, ${table.columns[table.columns.findIndex((item) => item.id === "current")]?.label ?? ""}`.replace(/, $/, ""),
    areas,
    shapes,
    unit,
    decimals: rateColumn >= 0 ? 1 : 0,
    noun: { one: AREA_LEVEL_NAMES[childLevel], many: plural },
  }).svg;
}
