import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import AjvModule from "ajv-draft-04";
import { parse } from "csv-parse/sync";

// A Data Package validator for the tests: the descriptor against the official Tabular Data Package
// profile (JSON Schema draft-04, validated by ajv — see profiles/README.md and docs/delivery.md for
// why), then every resource against its Table Schema: header, types, constraints (required, enum,
// pattern), missing values, primary key (present and unique), foreign keys, bytes and hash.

interface Field {
  name: string;
  type: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}
interface Resource {
  name: string;
  path: string;
  bytes?: number;
  hash?: string;
  dialect?: { delimiter?: string };
  schema: { fields: Field[]; missingValues?: string[]; primaryKey?: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] };
}

export type Value = string | number | null;
export interface ValidatedPackage {
  descriptor: Record<string, unknown> & { resources: Resource[] };
  /** Every resource's rows, typed (missing values as null), by resource name. */
  rows: Map<string, Record<string, Value>[]>;
}

// ajv-draft-04 is CommonJS: the class is module.exports and its `default` both.
const Ajv = AjvModule.default;

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
let compiled: Validate | undefined;

async function profile(): Promise<Validate> {
  if (!compiled) {
    const schema = JSON.parse(await readFile(path.join(import.meta.dirname, "profiles", "tabular-data-package.json"), "utf8")) as Record<string, unknown>;
    // The profile uses keywords of its own (propertyOrder, context, …): allowed, not checked.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    compiled = ajv.compile(schema) as Validate;
  }
  return compiled;
}

/** Throws, naming the problems, when the package in `folder` breaks a rule; returns its typed rows. */
export async function validatePackage(folder: string): Promise<ValidatedPackage> {
  const descriptor = JSON.parse(await readFile(path.join(folder, "datapackage.json"), "utf8")) as ValidatedPackage["descriptor"];
  const validate = await profile();
  if (!validate(descriptor)) throw new Error(`${folder}/datapackage.json does not follow the Tabular Data Package profile: ${JSON.stringify(validate.errors).slice(0, 2000)}`);
  const problems: string[] = [];
  const rows = new Map<string, Record<string, Value>[]>();
  for (const resource of descriptor.resources) {
    const bytes = await readFile(path.join(folder, resource.path));
    if (resource.bytes !== undefined && resource.bytes !== bytes.length) problems.push(`${resource.name}: bytes ${resource.bytes}, file has ${bytes.length}`);
    if (resource.hash !== undefined && resource.hash !== `sha256:${createHash("sha256").update(bytes).digest("hex")}`) problems.push(`${resource.name}: hash does not match the file`);
    const records = parse(bytes.toString("utf8"), { delimiter: resource.dialect?.delimiter ?? ",", relax_column_count: false }) as string[][];
    const [header, ...body] = records;
    const fields = resource.schema.fields;
    if (JSON.stringify(header) !== JSON.stringify(fields.map((field) => field.name))) problems.push(`${resource.name}: header ${JSON.stringify(header)} is not the schema's fields`);
    const missing = new Set(resource.schema.missingValues ?? [""]);
    const typed: Record<string, Value>[] = [];
    body.forEach((record, index) => {
      const row: Record<string, Value> = {};
      fields.forEach((field, i) => {
        const where = `${resource.name} row ${index + 2} ${field.name}`;
        const text = record[i] ?? "";
        if (missing.has(text)) {
          row[field.name] = null;
          if (field.constraints?.required) problems.push(`${where}: required, but missing`);
          return;
        }
        const value = cast(text, field.type);
        if (value === undefined) problems.push(`${where}: "${text}" is not a ${field.type}`);
        if (field.constraints?.enum && !field.constraints.enum.includes(text)) problems.push(`${where}: "${text}" is not one of ${field.constraints.enum.join(" ")}`);
        if (field.constraints?.pattern && !new RegExp(`^(?:${field.constraints.pattern})$`).test(text)) problems.push(`${where}: "${text}" does not match ${field.constraints.pattern}`);
        row[field.name] = value ?? null;
      });
      typed.push(row);
    });
    const key = resource.schema.primaryKey ?? [];
    const seen = new Set<string>();
    for (const row of typed) {
      if (key.some((name) => row[name] === null)) problems.push(`${resource.name}: a primary key field is missing`);
      const id = JSON.stringify(key.map((name) => row[name]));
      if (seen.has(id)) problems.push(`${resource.name}: primary key ${id} is not unique`);
      seen.add(id);
    }
    rows.set(resource.name, typed);
  }
  for (const resource of descriptor.resources) {
    for (const foreign of resource.schema.foreignKeys ?? []) {
      const targets = new Set((rows.get(foreign.reference.resource) ?? []).map((row) => JSON.stringify(foreign.reference.fields.map((name) => row[name]))));
      for (const row of rows.get(resource.name) ?? []) {
        const id = JSON.stringify(foreign.fields.map((name) => row[name]));
        if (!targets.has(id)) problems.push(`${resource.name}: ${foreign.fields.join(",")} ${id} not in ${foreign.reference.resource}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`${folder}: ${problems.length} problem(s):\n${problems.slice(0, 20).join("\n")}`);
  return { descriptor, rows };
}

/** A value as Table Schema v1 reads it (default formats), undefined when it is not of the type. */
function cast(text: string, type: string): Value | undefined {
  switch (type) {
    case "string":
      return text;
    case "integer":
      return /^[-+]?\d+$/.test(text) ? Number(text) : undefined;
    case "number":
      return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text) || ["NaN", "INF", "-INF"].includes(text) ? Number(text) : undefined;
    case "yearmonth":
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(text) ? text : undefined;
    default:
      return undefined;
  }
}
