import { isRejection } from "../row-conversions.ts";
import type { InputFormat } from "./input-format.ts";
import { AREA_CODES, COUNT, countAndPeriod, PERIOD } from "./requirements.ts";

/**
 * Counts from the police's own BI tools: an area by code (buurt, wijk or gemeente), a period, a
 * klasse or soort and a count per row. Rows of several area levels in one file are never summed:
 * ingest reads them per level (see resolveLevels).
 */
export const aggregatedCounts: InputFormat = {
  id: "aantallen",
  label: "a table of counts by area code, period and klasse or soort",
  required: [PERIOD, { anyOf: ["maatschappelijke_klasse"], description: "a klasse or soort column" }, COUNT, AREA_CODES],
  reads: ["maand", "maatschappelijke_klasse", "aantal", "buurtcode", "wijkcode", "gemeentecode"],
  claims: (columns) => columns.registratienummer === undefined && columns.aantal !== undefined,
  converter({ conversions, sink }) {
    return {
      row(fields, line) {
        const read = countAndPeriod(conversions, fields);
        if (isRejection(read)) return sink.reject({ ...read, line });
        const { aantal, period } = read;
        const klasse = conversions.klasse(conversions.field(fields, "maatschappelijke_klasse"));
        if (isRejection(klasse)) return sink.reject({ ...klasse, line });
        const area = conversions.areaOfCodes(fields);
        if (isRejection(area)) return sink.reject({ ...area, line });
        sink.count({ line, area, month: period.month, granularity: period.granularity, provisional: period.provisional, klasse, aantal });
      },
    };
  },
};
