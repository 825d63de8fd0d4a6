import type { Granularity } from "../../model/cube.ts";
import type { Month } from "../../model/months.ts";
import { UNASSIGNED_SOORT } from "../../reference/classification.ts";
import { UserError } from "../../user-error.ts";
import type { AreaMatch, AreaNames } from "../area-names.ts";
import { parseKlasseCode } from "../parse-klasse.ts";
import { echo, echoes, notA } from "../echo.ts";
import { isRejection, rejection } from "../row-conversions.ts";
import type { FormatSink, InputFormat } from "./input-format.ts";
import { COUNT, countAndPeriod, PERIOD } from "./requirements.ts";

/** A row read, before its area (a name perhaps) is decided over the whole file. */
interface Pending {
  line: number;
  area: string;
  month: Month;
  granularity: Granularity;
  provisional: boolean;
  /** A soort code, or TOTAL for "Totaal misdrijven" (0.0.0). */
  soort: string;
  aantal: number | undefined;
}

const TOTAL = "0.0.0";

/**
 * The CSV downloads of the police open-data portal and of CBS StatLine for registered crime:
 * `Soort misdrijf` (a code with its label, `1.2.3 Diefstal van brom-, snor-, fietsen`, or the label
 * alone), `Perioden` (`2024`, `2024 januari`, `2024MM01`, `2024KW01`, `2024*`), `Wijken en buurten`
 * or `Regio's` (codes or names, several levels in one file) and a count padded with spaces. Read
 * as downloaded, with no mapping. Area names are decided once the whole file is read (see
 * `decide`); "Totaal misdrijven" rows check the soorten, they are not added to them.
 */
export function openData(names: AreaNames): InputFormat {
  return {
    id: "open-data",
    label: "an open-data table of counts (politie open data, CBS StatLine)",
    required: [
      { anyOf: ["maatschappelijke_klasse"], description: "a soort misdrijf column" },
      PERIOD,
      { anyOf: ["gebied"], description: "an area column (Wijken en buurten, Regio's)" },
      COUNT,
    ],
    reads: ["maand", "maatschappelijke_klasse", "gebied", "aantal"],
    claims: (columns) => columns.gebied !== undefined && columns.registratienummer === undefined,
    converter({ name, conversions, classification, sink }) {
      const pending: Pending[] = [];
      const soortByName = new Map(classification.soorten().map((soort) => [soortKey(soort.naam), soort.code]));
      const soortCache = new Map<string, string | ReturnType<typeof rejection>>();
      const soortOf = (raw: string): string | ReturnType<typeof rejection> => {
        let result = soortCache.get(raw);
        if (result === undefined) {
          const code = parseKlasseCode(raw) ?? soortByName.get(soortKey(raw));
          if (code === TOTAL || soortKey(raw) === "totaal misdrijven") result = TOTAL;
          else if (code && classification.klasse(code)) result = code;
          else result = rejection("unknown-klasse", "maatschappelijke_klasse", notA("maatschappelijke_klasse", raw, "a soort misdrijf of the CBS/politie list (data/reference/soort-misdrijf.csv)"));
          soortCache.set(raw, result);
        }
        return result;
      };
      return {
        row(fields, line) {
          const read = countAndPeriod(conversions, fields);
          if (isRejection(read)) return sink.reject({ ...read, line });
          const { aantal, period } = read;
          const soort = soortOf(conversions.field(fields, "maatschappelijke_klasse"));
          if (isRejection(soort)) return sink.reject({ ...soort, line });
          const area = conversions.field(fields, "gebied").trim();
          if (area === "") return sink.reject({ ...rejection("missing-area", "gebied", "no area"), line });
          pending.push({ line, area, month: period.month, granularity: period.granularity, provisional: period.provisional, soort, aantal });
        },
        finish() {
          decide(pending, names, name, (value) => echo("gebied", value), sink);
        },
      };
    },
  };
}

function soortKey(name: string): string {
  return name
    .replace(/^\d+\.\d+\.\d+\s*/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Decides what each row's area is and hands the rows on as counts:
 * - a code, or a name one area in the scope has, is that area;
 * - a name several areas share is narrowed to the gemeenten the file is about (those its other
 *   rows name unambiguously);
 * - a name still shared by areas that lie in one another (wijk Frankendael and its buurt
 *   Frankendael) is decided by the hierarchy: when the file has one row per candidate for the same
 *   soort and period, the larger count belongs to the larger area (a wijk holds its buurt); equal
 *   counts make the choice immaterial;
 * - anything else stops the read, naming the line and the candidates.
 * Rows for Nederland or another region above the gemeente are not areas of the model: they are
 * noted and left out. "Totaal misdrijven" rows check the sum of the soorten beside them.
 */
function decide(rows: readonly Pending[], names: AreaNames, file: string, shown: (value: string) => string, sink: FormatSink): void {
  const matches = new Map<string, ReturnType<AreaNames["match"]>>();
  for (const row of rows) if (!matches.has(row.area)) matches.set(row.area, names.match(row.area));
  // The gemeenten the file is about and the levels it has: those of its rows that name one area.
  const gemeenten = new Set<string>();
  const levels = new Set<string>();
  for (const match of matches.values()) {
    if (match.kind !== "area") continue;
    gemeenten.add(names.gemeenteOf(match.code) ?? "");
    levels.add(names.levelOf(match.code) ?? "");
  }
  for (const [raw, match] of matches) if (match.kind === "ambiguous") matches.set(raw, narrow(match, names, gemeenten, levels));
  const decided = new Map<Pending, string>();
  const groups = new Map<string, Pending[]>();
  for (const row of rows) {
    const match = matches.get(row.area);
    if (match?.kind === "area") decided.set(row, match.code);
    else if (match?.kind === "ambiguous") {
      const key = `${row.area}|${row.soort}|${row.month}|${row.granularity}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    } else if (match?.kind === "above-gemeente") {
      sink.notice("above-gemeente", row.line, `${shown(row.area)} lies above the gemeente level: the row is a check, not counted`);
    } else {
      const code = echoes("gebied", row.area) ? { code: row.area.trim() } : {};
      sink.reject({ ...rejection("unknown-area", "gebied", `unknown area ${shown(row.area)} — not a code or name of the area table (gebieden-2024)`), ...code, line: row.line });
    }
  }
  for (const group of groups.values()) {
    const first = group[0] as Pending;
    const match = matches.get(first.area);
    const candidates = match?.kind === "ambiguous" ? match.candidates : [];
    const chain = names.chain(candidates);
    if (!chain || group.length !== chain.length || group.some((row) => row.aantal === undefined)) {
      const listed = candidates.slice(0, 6).map((code) => names.describe(code));
      const more = candidates.length > listed.length ? ` (and ${candidates.length - listed.length} more areas of that name)` : "";
      throw new UserError(`${file}:${first.line}: the area ${shown(first.area)} could be ${listed.join(" or ")}${more}`, {
        hint: "Write the area's code (BU…, WK…, GM…) in the file instead of its name, or narrow the scope in the config to the gemeente the file is about.",
      });
    }
    const byCount = [...group].sort((a, b) => (b.aantal ?? 0) - (a.aantal ?? 0) || a.line - b.line);
    byCount.forEach((row, index) => decided.set(row, chain[index] as string));
  }
  emit(rows, decided, shown, sink);
}

/**
 * A name several areas have, narrowed step by step while more than one is left: to the gemeenten
 * the file's other rows are about; for a candidate whose gemeente no other row is about, to that
 * gemeente itself and to the levels the other rows have (a table of gemeenten names the gemeente
 * Oudewater, not its wijk Oudewater); and to the areas whose own name it is (over a wijk whose name it is without CBS's
 * "Wijk 00 "). What is left is decided by the counts (see `decide`) or refused.
 */
function narrow(match: Extract<AreaMatch, { kind: "ambiguous" }>, names: AreaNames, gemeenten: ReadonlySet<string>, levels: ReadonlySet<string>): AreaMatch {
  let candidates = match.candidates;
  const steps: ((code: string) => boolean)[] = [
    (code) => gemeenten.has(names.gemeenteOf(code) ?? ""),
    // Only where the file says nothing else about the candidate's gemeente: a wijk or buurt named
    // like its gemeente comes with the rest of that gemeente's breakdown, so a file with no other
    // row about the gemeente means the gemeente (a table of gemeenten); a wijk table of Oudewater
    // may hold the gemeente's row or the wijk's, and is left to the counts (or refused).
    (code) => {
      const gemeente = names.gemeenteOf(code) ?? "";
      if (gemeenten.has(gemeente)) return true;
      if (code !== gemeente && match.candidates.includes(gemeente)) return false;
      return levels.size === 0 || levels.has(names.levelOf(code) ?? "");
    },
    (code) => !match.byBareName.includes(code),
  ];
  for (const keep of steps) {
    if (candidates.length <= 1) break;
    const narrowed = candidates.filter(keep);
    if (narrowed.length > 0) candidates = narrowed;
  }
  return candidates.length === 1 ? { kind: "area", code: candidates[0] as string } : { ...match, candidates };
}

/** The decided rows as counts; totals over the soorten checked against the soorten, not added. */
function emit(rows: readonly Pending[], decided: ReadonlyMap<Pending, string>, shown: (value: string) => string, sink: FormatSink): void {
  const soortSums = new Map<string, { sum: number; rows: number }>();
  const cellOf = (area: string, row: Pending): string => `${area}|${row.month}|${row.granularity}`;
  for (const row of rows) {
    const area = decided.get(row);
    if (area === undefined || row.soort === TOTAL) continue;
    const key = cellOf(area, row);
    const entry = soortSums.get(key) ?? { sum: 0, rows: 0 };
    entry.sum += row.aantal ?? 0;
    entry.rows++;
    soortSums.set(key, entry);
    sink.count({ line: row.line, area, month: row.month, granularity: row.granularity, provisional: row.provisional, klasse: row.soort, aantal: row.aantal });
  }
  for (const row of rows) {
    const area = decided.get(row);
    if (area === undefined || row.soort !== TOTAL) continue;
    const soorten = soortSums.get(cellOf(area, row));
    if (!soorten) {
      sink.reject({
        ...rejection("bad-klasse", "maatschappelijke_klasse", `"Totaal misdrijven" without its soorten: a total alone cannot be divided over the INP categories — download the table with every soort misdrijf`),
        line: row.line,
      });
    } else if (row.aantal !== undefined && row.aantal > soorten.sum) {
      // CBS counts misdrijven of no listed soort in its total: they stay in the total, under no soort.
      sink.count({ line: row.line, area, month: row.month, granularity: row.granularity, provisional: row.provisional, klasse: UNASSIGNED_SOORT, aantal: row.aantal - soorten.sum });
      sink.notice("total-differs", row.line, `${area}: "Totaal misdrijven" is ${row.aantal}, its ${soorten.rows} soorten in the file add up to ${soorten.sum}; ${row.aantal - soorten.sum} counted as misdrijven niet naar soort verdeeld`);
    } else if (row.aantal !== undefined && row.aantal < soorten.sum) {
      sink.notice("total-differs", row.line, `${area}: "Totaal misdrijven" is ${row.aantal}, its ${soorten.rows} soorten in the file add up to ${soorten.sum}, more than the total; the soorten count`);
    }
  }
}
