import { isRejection, rejection } from "../row-conversions.ts";
import type { InputFormat } from "./input-format.ts";
import { AREA_CODES } from "./requirements.ts";

/**
 * The BVH export: one row per registration (registratienummer, pleegdatum, maatschappelijke
 * klasse, buurtcode …). A registratienummer seen again in a later delivery replaces the earlier
 * row (ingest keeps the index).
 */
export const bvhRegistrations: InputFormat = {
  id: "bvh-registraties",
  label: "BVH registrations (one row per registration)",
  required: [
    { anyOf: ["registratienummer"], description: "a registratienummer column" },
    { anyOf: ["pleegdatum"], description: "a pleegdatum column" },
    { anyOf: ["maatschappelijke_klasse"], description: "a maatschappelijke klasse column" },
    AREA_CODES,
  ],
  reads: ["registratienummer", "pleegdatum", "pleegtijd", "maatschappelijke_klasse", "buurtcode", "wijkcode", "gemeentecode", "modus_operandi"],
  claims: (columns) => columns.registratienummer !== undefined,
  converter({ conversions, sink }) {
    return {
      row(fields, line) {
        const registratienummer = normalizeRegistratienummer(conversions.field(fields, "registratienummer"));
        if (registratienummer === "") return sink.reject({ ...rejection("missing-registratienummer", "registratienummer", "no registratienummer"), line });
        const pleegdatum = conversions.field(fields, "pleegdatum");
        const date = conversions.dateOf(pleegdatum);
        if (isRejection(date)) return sink.reject({ ...date, line });
        const klasse = conversions.klasse(conversions.field(fields, "maatschappelijke_klasse"));
        if (isRejection(klasse)) return sink.reject({ ...klasse, line });
        const area = conversions.areaOfCodes(fields);
        if (isRejection(area)) return sink.reject({ ...area, line });
        // Only the part of the day and a listed MO code are kept: never the minute, never text.
        const dayPart = conversions.dayPartOf(pleegdatum, conversions.field(fields, "pleegtijd"));
        const mo = conversions.modusOperandi(conversions.field(fields, "modus_operandi"));
        if (mo === null) sink.notice("mo-not-listed", line, "a modus operandi value that is not a code of the code list (not kept, not shown)");
        sink.record({ line, registratienummer, month: date.month, day: date.day, dayPart, ...(mo ? { mo } : {}), klasse, area, aantal: 1 });
      },
    };
  },
};

// Anything but printable ASCII without lower case: only such a registratienummer needs more than a trim.
const UNUSUAL = /[^\x21-\x60\x7b-\x7e]/;

/**
 * The registratienummer as the key that tells a revision from a new registration: without white
 * space and invisible characters (a zero-width space or word joiner copied along), in upper case.
 * "pl0900-2025110001" and "\u200BPL0900-2025110001" are the registration PL0900-2025110001, not
 * two more: otherwise a revised registration in a later delivery would be counted twice.
 */
export function normalizeRegistratienummer(raw: string): string {
  const trimmed = raw.trim();
  return UNUSUAL.test(trimmed) ? trimmed.replace(/[\p{Cf}\s]/gu, "").toUpperCase() : trimmed;
}
