import type { ColumnField } from "./export-columns.ts";
import { UserError } from "../user-error.ts";
import { missingRequirements, type InputFormat, type Requirement } from "./formats/input-format.ts";
import { shownHeader, type ColumnMap } from "./map-columns.ts";
import { parseDate } from "./parse-date.ts";
import { parseKlasseCode } from "./parse-klasse.ts";

/**
 * The format of a file from its header: the first of `formats` (in order) that claims the columns
 * and finds every field it needs. When none fits, the message names the nearest format and what
 * the header lacks for it ("this looks like an open-data table of counts, but it has no period
 * column"), with the names that column may have.
 */
export function detectFormat(header: readonly string[], columns: ColumnMap, formats: readonly InputFormat[], accepted: Record<ColumnField, readonly string[]>, where: string): InputFormat {
  const fitting = formats.find((format) => format.claims(columns) && missingRequirements(format, columns).length === 0);
  if (fitting) return fitting;
  // A file without a header row starts with a registration: its values must not be echoed.
  if (looksLikeData(header)) {
    throw new UserError(`${where}: the first row holds data (a date or a code), not column names`, {
      hint: "Export the file again with its header row (Registratienummer;Pleegdatum;Maatschappelijke klasse;Buurtcode;… or Soort misdrijf;Perioden;Wijken en buurten;Aantal).",
    });
  }
  // The nearest: a format that claims the header, else the one that lacks the fewest fields.
  const ranked = formats
    .map((format, order) => ({ format, order, missing: missingRequirements(format, columns), claims: format.claims(columns) }))
    .sort((a, b) => Number(b.claims) - Number(a.claims) || a.missing.length - b.missing.length || a.order - b.order);
  const nearest = ranked[0];
  if (!nearest) throw new UserError(`${where}: no input format is known`);
  const lacking = nearest.missing;
  const found = header.map(shownHeader).join(", ");
  const what = nearest.claims
    ? `this looks like ${nearest.format.label}, but it has no ${lacking.map(describe).join(", no ")}`
    : `no input format fits the header; nearest is ${nearest.format.label}, which needs ${lacking.map((requirement) => requirement.description).join(", ")}`;
  throw new UserError(`${where}: ${what} (found ${found || "no columns"})`, {
    hint: lacking.map((requirement) => hintFor(requirement, accepted)).join(" "),
  });
}

function describe(requirement: Requirement): string {
  return requirement.description.replace(/^an? /, "");
}

function hintFor(requirement: Requirement, accepted: Record<ColumnField, readonly string[]>): string {
  const field = requirement.anyOf[0] as ColumnField;
  const names = requirement.anyOf.flatMap((candidate) => accepted[candidate].slice(0, 4)).map((name) => `"${name}"`);
  return `Name ${requirement.description} one of ${names.join(", ")} (case, spaces and underscores do not matter), or map it in the config: "columns": { "${field}": "<your column name>" }.`;
}

const AREA_CODE = /^(BU\d{8}|WK\d{6}|GM\d{4})$/i;

/** A row with a date, an area code, a klasse code or a number where names should be. */
function looksLikeData(header: readonly string[]): boolean {
  return header.some((name) => {
    const value = name.trim();
    return AREA_CODE.test(value) || /^\d/.test(value) || !("error" in parseDate(value)) || (parseKlasseCode(value) !== undefined && /\d/.test(value));
  });
}
