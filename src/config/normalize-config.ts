import { disclosureConfigSchema } from "../model/disclosure/rules.ts";
import path from "node:path";
import { z } from "zod";
import type { ReportDefinition } from "../reports/definition.ts";
import { UserError } from "../user-error.ts";
import { recipientProblems, recipientsSchema } from "../deliver/recipients.ts";
import { DEFAULT_COLUMNS, normalizeHeader, type ColumnField } from "../ingest/export-columns.ts";
import { BUILT_IN_DEFINITIONS } from "../reports/registry.ts";

const editionKey = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]|[Hh][12]|[Qq][1-4]|[Ww]\d{2}|(0[1-9]|1[0-2])-\d{2}))?$/, {
  message: 'expected an edition as "jjjj-mm" (e.g. "2025-12"), "jjjj-H1", "jjjj-Q3", "jjjj", an ISO week "jjjj-wNN" or a day "jjjj-mm-dd"',
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as "jjjj-mm-dd"' });
const relativePath = z.string().min(1);

const columnNames = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** The recipients and legal basis of one audience, with defaults. */
function party(recipients: string, legalBasis: string) {
  return z
    .object({
      recipients: z.array(z.string().min(1)).min(1).default([recipients]),
      legalBasis: z.string().min(1).default(legalBasis),
    })
    .strict()
    .prefault({});
}

const schema = z
  .object({
    title: z.string().min(1).default("Veiligheidsbeeld"),
    organisation: z.string().min(1).default("Politie"),
    /** Which gemeenten the reports are about. */
    scope: z
      .union([
        z.object({ provincie: z.string().min(1) }).strict(),
        z.object({ gemeenten: z.array(z.string().regex(/^GM\d{4}$/, { message: 'expected gemeentecodes like "GM0344"' })).min(1) }).strict(),
        z.object({ eenheid: z.string().regex(/^RE\d{2}$/, { message: 'expected an eenheid code like "RE03"' }) }).strict(),
      ], { error: 'expected { "provincie": "Utrecht" }, { "gemeenten": ["GM0344", …] } or { "eenheid": "RE03" }' })
      .default({ eenheid: "RE03" }),
    paths: z
      .object({
        exports: relativePath.default("data/exports"),
        reference: relativePath.default("data/reference"),
        realdata: relativePath.default("data/realdata"),
        commentary: relativePath.default("data/commentary"),
        output: relativePath.default("dist"),
        cache: relativePath.default(".cache"),
        /** A folder with your own copy of the layouts (house style); the tool's own when absent. */
        layouts: relativePath.optional(),
        /** The drop folder `deliver` writes each recipient's data packages into (a mounted share). */
        delivery: relativePath.default("levering"),
      })
      .strict()
      .prefault({}),
    reference: z
      .object({
        gebieden: relativePath.default("gebieden-2024.csv"),
        basisteams: relativePath.default("basisteams.csv"),
        /** Marks every police-area figure as based on an illustrative mapping (the demo's). */
        basisteamsIllustrative: z.boolean().default(false),
        classification: relativePath.default("inp-bvh-2013.csv"),
        soorten: relativePath.default("soort-misdrijf.csv"),
        bevolkingGemeente: relativePath.default("bevolking-gemeente.csv"),
        bevolkingBuurt: relativePath.default("bevolking-buurt-2024.csv"),
        provincies: relativePath.default("gemeente-provincie.csv"),
        eenheden: relativePath.default("regionale-eenheden.csv"),
        /** Historic gemeentecodes → current gemeente, to fold aggregated inputs onto current boundaries. */
        herindelingen: relativePath.default("gemeente-herindelingen.csv"),
        /**
         * Wijk and buurt boundaries (TopoJSON or GeoJSON in RD New, such as the CBS Wijk- en
         * buurtkaart), relative to paths.reference: per-wijk tables get a map. None by default.
         */
        wijkBuurtGeometry: relativePath.optional(),
        /** Modus operandi codes (code,omschrijving,fenomeen,illustratief); without the file no MO code is read. */
        modusOperandi: relativePath.default("modus-operandi.csv"),
      })
      .strict()
      .prefault({}),
    /** Header names per field, replacing the defaults for that field. */
    columns: z.partialRecord(z.enum(Object.keys(DEFAULT_COLUMNS) as [ColumnField, ...ColumnField[]]), columnNames).default({}),
    ingest: z
      .object({
        /** Share of rows that may be rejected (unknown codes, bad dates) before the build stops. */
        maxRejectedShare: z.number().min(0).max(1).default(0.001),
        /** Registrations dated before this year are rejected as implausible. */
        earliestYear: z.number().int().min(1900).default(2010),
        /** A delivery with fewer rows than this share of the median delivery is reported as possibly cut short. */
        partialDeliveryShare: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .prefault({}),
    comparison: z
      .object({
        /** Below this previous count a percentage change is not shown. */
        minBase: z.number().int().min(0).default(20),
        /** Years in the multi-year average comparison. */
        years: z.number().int().min(1).max(10).default(3),
        /** Significance level of the exact test of equal Poisson rates. */
        alpha: z.number().gt(0).lt(1).default(0.05),
      })
      .strict()
      .prefault({}),
    /** Disclosure control of public output (see docs/disclosure.md). */
    disclosure: disclosureConfigSchema,
    /** Who receives each audience's reports and on what legal basis: recorded per file in dist/verstrekkingen/. */
    audiences: z
      .object({
        public: party("Publiek (website en open data)", "Openbaar: geaggregeerde aantallen na statistische beveiliging (disclosure control); geen gegevens over personen"),
        gezag: party("Burgemeesters van de gemeenten in de scope (bevoegd gezag)", "Wet politiegegevens art. 16 lid 1 (verstrekking aan het bevoegd gezag); geaggregeerde aantallen, geen gegevens over personen"),
        intern: party("Analisten en leiding van de eenheid", "Wet politiegegevens: verwerking binnen de politie; geaggregeerde aantallen, geen gegevens over personen"),
      })
      .strict()
      .prefault({}),
    /**
     * Who receives data packages (`deliver`): a gemeente, an RIEC, a Veiligheidshuis; with audience,
     * legal basis, reports and areas. See docs/delivery.md.
     */
    recipients: recipientsSchema,
    /** The public site (reports with audience "public", such as the halfjaarcijfers). */
    publicSite: z
      .object({
        /** Organisation named as publisher of the open data; `organisation` when absent. */
        publisher: z.string().min(1).optional(),
        /** Where the site will be published, e.g. "https://www.example.nl/halfjaarcijfers/": for the sitemap and the 404 page. */
        baseUrl: z.url({ message: 'expected an absolute URL such as "https://www.example.nl/halfjaarcijfers/"' }).optional(),
        /** Who to contact about the figures or about accessibility (e-mail address or URL). */
        contact: z.string().min(1).default("het contactformulier van de politie"),
      })
      .strict()
      .prefault({}),
    /** Years whose figures are provisional (shown with *). */
    voorlopig: z.array(z.number().int()).default([]),
    /** The build date ("today" for the reports); the clock is used only when it is not given here or on the command line. */
    buildDate: isoDate.optional(),
    reports: z
      .array(
        z
          .object({
            /** A built-in report kind, or a JSON file with a report definition (relative to the config). */
            definition: z.string().min(1),
            /** Editions: "jjjj-mm", or "jjjj-H1", "jjjj-Q3", "jjjj" for half-year, quarter and year reports. */
            periods: z.array(editionKey).min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type Config = Omit<z.output<typeof schema>, "columns"> & {
  /** Absolute folder the config's relative paths are resolved against. */
  root: string;
  /** Report definitions read from the JSON files named under `reports` (see readConfig). */
  definitions: ReportDefinition[];
  /** Accepted header names per field, normalised (see normalizeHeader). */
  columns: Record<ColumnField, readonly string[]>;
};

/**
 * Checks a parsed config file and fills the documented defaults. Paths are resolved against `root`
 * (the folder of the config file). Throws a UserError naming each bad key, its value and what is
 * allowed.
 */
export function normalizeConfig(spec: unknown, root: string, source = "config"): Config {
  const result = schema.safeParse(spec ?? {}, { reportInput: true });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${source}: ${describeIssue(issue)}`);
    throw new UserError(`The configuration is not valid:\n${lines.join("\n")}`, {
      hint: "Fix the keys named above; README.md (section Configuration) lists every key with its default.",
      exitCode: 2,
    });
  }
  const config = result.data;
  const paths = Object.fromEntries(
    Object.entries(config.paths).map(([key, value]) => [key, path.resolve(root, value)]),
  ) as typeof config.paths;
  const columns = { ...DEFAULT_COLUMNS } as Record<ColumnField, readonly string[]>;
  for (const [field, names] of Object.entries(config.columns) as [ColumnField, string | string[]][]) {
    columns[field] = (Array.isArray(names) ? names : [names]).map(normalizeHeader);
  }
  const normalized: Config = { ...config, root, paths, columns, definitions: [] };
  // Report kinds defined in JSON files are known only once readConfig has read them: it checks again.
  checkRecipients(normalized, source, config.reports.some((report) => report.definition.endsWith(".json")));
  return normalized;
}

/**
 * Refuses a recipient who would receive more than its audience allows (see recipientProblems),
 * with a UserError naming the key. With `deferUnknown`, report kinds not known yet (defined in a
 * JSON file not read yet) pass.
 */
export function checkRecipients(config: Config, source = "config", deferUnknown = false): void {
  const audiences = new Map([...BUILT_IN_DEFINITIONS.values(), ...config.definitions].map((definition) => [definition.kind, definition.audience] as const));
  const problems = recipientProblems(config.recipients, (kind) => audiences.get(kind), [...audiences.keys()]).filter((problem) => !(deferUnknown && problem.message.startsWith("unknown report")));
  if (problems.length === 0) return;
  const lines = problems.map((problem) => `  ${source}: ${problem.path.join(".")}: ${problem.message}`);
  throw new UserError(`The configuration is not valid:\n${lines.join("\n")}`, {
    hint: "Give the recipient only reports of its own audience (or a less restricted one), or change its audience if the legal basis allows it; see docs/delivery.md.",
    exitCode: 2,
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  if (issue.code === "unrecognized_keys") {
    const allowed = keysAt(issue.path);
    return `${key}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} — check the spelling${allowed.length > 0 ? `; allowed: ${allowed.join(", ")}` : ""}`;
  }
  const value = "input" in issue && issue.input !== undefined ? ` ${JSON.stringify(issue.input)}` : "";
  return `${key}:${value} is not allowed — ${issue.message.replace(/^Invalid input: /, "")}`;
}

/** The keys the schema allows at `path` (an object's keys, or a record's key names), for messages. */
function keysAt(path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const segment of [...path, undefined]) {
    // Look through .default(), .prefault(), .optional() to the schema they wrap.
    let def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    while (def?.innerType) {
      node = def.innerType;
      def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    }
    if (segment === undefined) break;
    if (typeof segment === "number") node = def?.element;
    else node = (def?.shape as Record<string, unknown> | undefined)?.[String(segment)] ?? (def?.valueType as unknown);
  }
  const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (def?.shape) return Object.keys(def.shape as object);
  const keyType = (def?.keyType as { _zod?: { def?: { entries?: Record<string, string> } } } | undefined)?._zod?.def?.entries;
  return keyType ? Object.values(keyType) : [];
}
