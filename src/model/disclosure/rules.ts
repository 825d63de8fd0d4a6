import { z } from "zod";
import { categoryKeys } from "../categories.ts";
import type { Classification } from "../../reference/classification.ts";

/**
 * Who a report is for. `public`: anyone (the website); `gezag`: the mayor and the other members of
 * the gezag, who may receive wijk and buurt figures under the Wet politiegegevens; `intern`: the
 * police's own analysts. Rules differ per audience; they are all here.
 */
export type Audience = "public" | "gezag" | "intern";

/**
 * The CBS soorten misdrijf that are sensitive at any size: zedenmisdrijf, kinderporno,
 * kinderprostitutie, mensenhandel. In public output they are never shown per month or below
 * gemeente level.
 */
export const SENSITIVE_SOORTEN: readonly string[] = ["1.4.1", "3.2.1", "3.2.2", "1.6.3"];

/** The settings of disclosure control in the config (`disclosure`). */
export const disclosureConfigSchema = z
  .object({
    /** Counts from 1 up to threshold − 1 are not shown in public output (default 5). */
    threshold: z.number().int().min(2).max(100).default(5),
    /**
     * `suppress`: small counts and what would reveal them are shown as x; `round5`: every public
     * count is rounded to a multiple of 5 (the CBS practice), totals may then not add up.
     */
    method: z.enum(["suppress", "round5"]).default("suppress"),
    /** CBS soort codes that are never shown per month or below gemeente level in public output. */
    sensitiveSoorten: z.array(z.string().regex(/^\d+\.\d+\.\d+$/)).default([...SENSITIVE_SOORTEN]),
    /**
     * Folders holding a copy of a published public site (as dist/halfjaarcijfers/: one folder per
     * edition with its open-data CSV), relative to the config. What their editions published is
     * known to every reader, as is what the output folder's own earlier editions published.
     */
    published: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .prefault({});

export type DisclosureConfig = z.output<typeof disclosureConfigSchema>;

/** What one audience may see. */
export interface AudienceRules {
  audience: Audience;
  /** Small counts and sensitive details are hidden (public only). */
  controlled: boolean;
  threshold: number;
  method: DisclosureConfig["method"];
  /** Wijk and buurt figures may be shown. */
  belowGemeente: boolean;
  /** The marking on every page and PDF, if any. */
  marking?: string;
}

export const AUDIENCE_MARKINGS: Record<Audience, string | undefined> = {
  public: undefined,
  gezag: "Vertrouwelijk — uitsluitend bestemd voor het gezag",
  intern: "Intern — uitsluitend voor gebruik binnen de politie",
};

/** The rules of `audience` with the config's parameters. */
export function rulesFor(audience: Audience, config: DisclosureConfig): AudienceRules {
  const marking = AUDIENCE_MARKINGS[audience];
  return {
    audience,
    controlled: audience === "public",
    threshold: config.threshold,
    method: config.method,
    belowGemeente: audience !== "public",
    ...(marking ? { marking } : {}),
  };
}

/**
 * Whether a category key counts only sensitive registrations: a sensitive soort ("soort:1.4.1"),
 * an INP niv3 node or a klasse whose klassen all fall in sensitive soorten ("J:1.4.1",
 * "klasse:F521"). Wider groups (all geweld, all misdrijven) are not sensitive in themselves.
 */
export function sensitivity(classification: Classification, soorten: readonly string[] = SENSITIVE_SOORTEN): (category: string) => boolean {
  const sensitiveSoort = new Set(soorten);
  const all = new Map<string, { klassen: number; sensitive: number }>();
  for (const code of classification.klasseCodes()) {
    const klasse = classification.klasse(code);
    if (!klasse) continue;
    const isSensitive = klasse.soort !== undefined && sensitiveSoort.has(klasse.soort);
    // Only the niv3 and klasse keys (index 3 and 4) and the soort itself; not J, J:1, J:1.4.
    const keys = categoryKeys(klasse);
    for (const key of [keys[3], keys[4], klasse.soort ? `soort:${klasse.soort}` : undefined]) {
      if (!key) continue;
      const entry = all.get(key) ?? { klassen: 0, sensitive: 0 };
      entry.klassen++;
      if (isSensitive) entry.sensitive++;
      all.set(key, entry);
    }
  }
  return (category) => {
    if (category.startsWith("soort:")) return sensitiveSoort.has(category.slice(6));
    const entry = all.get(category);
    return entry !== undefined && entry.sensitive > 0 && entry.sensitive === entry.klassen;
  };
}
