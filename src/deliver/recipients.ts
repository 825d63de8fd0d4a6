import { z } from "zod";
import type { Audience } from "../model/disclosure/rules.ts";

/**
 * What each audience may receive, from least to most: a recipient of an audience may receive the
 * reports of that audience and of the audiences before it (a gemeente's gezag may also get the
 * public halfjaarcijfers), never those after it.
 */
export const AUDIENCE_ORDER: readonly Audience[] = ["public", "gezag", "intern"];

/** Area codes a recipient may be given: gemeente, wijk, buurt, basisteam, district, eenheid. */
const AREA_CODE = /^(GM\d{4}|WK\d{6}|BU\d{8}|BT[0-9A-Z]+|DI[0-9A-Z]+|RE\d{2})$/;
/** Wijk and buurt codes: figures below gemeente level. */
const BELOW_GEMEENTE = /^(WK|BU)/;

/** One recipient of data packages in the config (`recipients`). */
export const recipientSchema = z
  .object({
    /** Folder name under the drop folder and in the record of provision: lower case, digits and dashes. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a folder name of lower-case letters, digits and dashes, e.g. "gemeente-utrecht"' }),
    /** Who receives it, as the record of provision names it: "Gemeente Utrecht, afdeling OOV". */
    name: z.string().min(1),
    audience: z.enum(["public", "gezag", "intern"]),
    /** The legal basis of this provision (covenant, WPG article); the audience's own when absent. */
    legalBasis: z.string().min(1).optional(),
    /** Report kinds whose editions the recipient receives. */
    reports: z.array(z.string().min(1)).min(1),
    /** Area codes whose pages the recipient receives (all areas of each report when absent). */
    areas: z.array(z.string().regex(AREA_CODE, { message: 'expected an area code such as "GM0344", "BT0301" or "WK034401"' })).min(1).optional(),
  })
  .strict();

export type Recipient = z.output<typeof recipientSchema>;

/** The recipients in the config: a list whose ids are unique. */
export const recipientsSchema = z
  .array(recipientSchema)
  .default([])
  .superRefine((recipients, context) => {
    const seen = new Set<string>();
    recipients.forEach((recipient, index) => {
      if (seen.has(recipient.id)) context.addIssue({ code: "custom", path: [index, "id"], input: recipient.id, message: `recipient id "${recipient.id}" is used twice` });
      seen.add(recipient.id);
    });
  });

/** A recipient that would receive more than its audience allows: where in the config, and why. */
export interface RecipientProblem {
  path: (string | number)[];
  message: string;
}

/**
 * What in `recipients` would hand out more than the recipient's audience allows: a report of an
 * audience after the recipient's (a public recipient given the gezag's tabellenboek), a report
 * the config does not know, or — for a public recipient — wijk or buurt codes (public output has
 * no figures below gemeente level). `audienceOf` gives a report kind's audience, undefined for an
 * unknown kind. Pure: the config check turns the problems into one message.
 */
export function recipientProblems(recipients: readonly Recipient[], audienceOf: (kind: string) => Audience | undefined, knownKinds: readonly string[]): RecipientProblem[] {
  const problems: RecipientProblem[] = [];
  recipients.forEach((recipient, index) => {
    const allowed = AUDIENCE_ORDER.indexOf(recipient.audience);
    recipient.reports.forEach((kind, at) => {
      const audience = audienceOf(kind);
      if (!audience) {
        problems.push({ path: ["recipients", index, "reports", at], message: `unknown report "${kind}"; known reports: ${knownKinds.join(", ")}` });
      } else if (AUDIENCE_ORDER.indexOf(audience) > allowed) {
        problems.push({
          path: ["recipients", index, "reports", at],
          message: `recipient "${recipient.id}" has audience ${recipient.audience} and may not receive ${kind}, a report for the ${audience} audience (rule: a recipient receives only what its audience may see)`,
        });
      }
    });
    if (recipient.audience === "public") {
      recipient.areas?.forEach((code, at) => {
        if (BELOW_GEMEENTE.test(code)) {
          problems.push({ path: ["recipients", index, "areas", at], message: `recipient "${recipient.id}" has audience public and may not receive ${code} (rule: no wijk or buurt figures in public output)` });
        }
      });
    }
  });
  return problems;
}
