import { createHash } from "node:crypto";

/**
 * The version of the data package's schema (its resources and their columns). A change of the
 * columns — a column added, removed, renamed or retyped — raises it: the major number when a
 * reader's code could break (removed, renamed or retyped), the minor one when a column is added.
 * docs/delivery.md lists every version; tests/deliver/package-schema.test.ts fails when the
 * columns change and this does not.
 */
export const SCHEMA_VERSION = "1.0.0";

/**
 * Every version of the schema, oldest first, with the fingerprint of its columns (see
 * columnsFingerprint) and what changed. A change of the columns adds an entry here and in
 * docs/delivery.md and raises SCHEMA_VERSION to it; the tests check that all three agree.
 */
export const SCHEMA_HISTORY: readonly { version: string; columns: string; change: string }[] = [
  {
    version: "1.0.0",
    columns: "89fc74d2e76f5476",
    change: "first version: cijfers (area, period, period_start, period_end, category, measure, value, status), gebieden, categorieen, maten",
  },
];

/** A field of a Table Schema (https://specs.frictionlessdata.io/table-schema/), as we use it. */
export interface SchemaField {
  name: string;
  title: string;
  description: string;
  type: "string" | "number" | "integer" | "yearmonth";
  format?: "default";
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}

export interface TableSchema {
  fields: SchemaField[];
  missingValues: string[];
  primaryKey: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
}

/** The statuses a figure can have (see FigureStatus); empty is a final figure and reads as missing. */
const STATUSES = ["x", ".", "-", "*", "°", "*°"];

/** `cijfers`: every figure in long form. */
export const FIGURES_SCHEMA: TableSchema = {
  fields: [
    { name: "area", title: "gebied", description: "CBS- of politiecode van het gebied (GM0344, WK034401, BT0301); <code>:rest is wat het gebied telt buiten zijn wijken of buurten", type: "string", constraints: { required: true } },
    { name: "period", title: "periode", description: "de periode volgens ISO 8601: 2025-03 (een maand) of 2025-01/2025-12 (eerste en laatste maand)", type: "string", constraints: { required: true, pattern: "\\d{4}-\\d{2}(/\\d{4}-\\d{2})?" } },
    { name: "period_start", title: "eerste maand", description: "eerste maand van de periode", type: "yearmonth", constraints: { required: true } },
    { name: "period_end", title: "laatste maand", description: "laatste maand van de periode", type: "yearmonth", constraints: { required: true } },
    { name: "category", title: "categorie", description: "J alle misdrijven, J:1.1.1 een INP-categorie, N:2.7 incidenten en overlast, soort:1.2.3 een CBS-soort misdrijf, klasse:B70 een maatschappelijke klasse (zie resource categorieen)", type: "string", constraints: { required: true } },
    { name: "measure", title: "maat", description: "wat de waarde is (zie resource maten, met de eenheid)", type: "string", constraints: { required: true } },
    { name: "value", title: "waarde", description: "de waarde in de eenheid van de maat; leeg als status x, . of - zegt waarom er geen getal is", type: "number" },
    {
      name: "status",
      title: "status",
      description: "x geheim (niet getoond om herleidbaarheid te voorkomen), . ontbreekt, - niet van toepassing (basis te klein), * voorlopig, ° onvolledig (een levering ontbreekt), *° beide; leeg: definitief",
      type: "string",
      constraints: { enum: STATUSES },
    },
  ],
  missingValues: [""],
  primaryKey: ["area", "period", "category", "measure"],
  foreignKeys: [
    { fields: ["area"], reference: { resource: "gebieden", fields: ["area"] } },
    { fields: ["category"], reference: { resource: "categorieen", fields: ["category"] } },
    { fields: ["measure"], reference: { resource: "maten", fields: ["measure"] } },
  ],
};

/** `gebieden`: the areas named. */
export const AREAS_SCHEMA: TableSchema = {
  fields: [
    { name: "area", title: "gebied", description: "code van het gebied", type: "string", constraints: { required: true } },
    { name: "name", title: "naam", description: "naam van het gebied", type: "string", constraints: { required: true } },
  ],
  missingValues: [""],
  primaryKey: ["area"],
};

/** `categorieen`: the categories named. */
export const CATEGORIES_SCHEMA: TableSchema = {
  fields: [
    { name: "category", title: "categorie", description: "sleutel van de categorie", type: "string", constraints: { required: true } },
    { name: "label", title: "omschrijving", description: "omschrijving zoals op de pagina's", type: "string", constraints: { required: true } },
  ],
  missingValues: [""],
  primaryKey: ["category"],
};

/** `maten`: the measures, with their units. */
export const MEASURES_SCHEMA: TableSchema = {
  fields: [
    { name: "measure", title: "maat", description: "naam van de maat", type: "string", constraints: { required: true } },
    { name: "label", title: "omschrijving", description: "omschrijving", type: "string", constraints: { required: true } },
    { name: "unit", title: "eenheid", description: "eenheid van de waarde", type: "string", constraints: { required: true } },
    { name: "description", title: "toelichting", description: "wat de waarde is en hoe ze is afgerond", type: "string", constraints: { required: true } },
  ],
  missingValues: [""],
  primaryKey: ["measure"],
};

/** The resources of every package, by name, in order. */
export const RESOURCE_SCHEMAS: ReadonlyMap<string, TableSchema> = new Map([
  ["cijfers", FIGURES_SCHEMA],
  ["gebieden", AREAS_SCHEMA],
  ["categorieen", CATEGORIES_SCHEMA],
  ["maten", MEASURES_SCHEMA],
]);

/**
 * A fingerprint of the columns (resource names, field names and types, keys): what a change of
 * SCHEMA_VERSION has to follow. Descriptions and titles may change without it.
 */
export function columnsFingerprint(): string {
  const shape = [...RESOURCE_SCHEMAS].map(([name, schema]) => [name, schema.fields.map((field) => [field.name, field.type, field.constraints?.enum ?? null]), schema.primaryKey, schema.missingValues, schema.foreignKeys ?? []]);
  return createHash("sha256").update(JSON.stringify(shape)).digest("hex").slice(0, 16);
}
