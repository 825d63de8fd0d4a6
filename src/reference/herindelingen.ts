import { UserError } from "../user-error.ts";

/** A row of gemeente-herindelingen.csv. */
export interface HerindelingRow {
  oude_code: string;
  oude_naam: string;
  nieuwe_code: string;
  nieuwe_naam: string;
  datum: string;
}

/** A gemeente that was merged into another (new or existing) gemeente on `datum`. */
export interface Herindeling {
  oudeCode: string;
  oudeNaam: string;
  nieuweCode: string;
  nieuweNaam: string;
  /** "jjjj-mm-dd". */
  datum: string;
}

const CODE = /^GM\d{4}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Gemeentelijke herindelingen: historic gemeentecodes and the gemeente they were merged into,
 * followed through later mergers to a gemeente of the current indeling (Molenwaard → Molenlanden,
 * so Graafstroom → Molenwaard → Molenlanden). Only whole mergers: a gemeente that was split over
 * several others cannot be folded into one and is not in the table.
 */
export class Herindelingen {
  readonly #current = new Map<string, string>();
  readonly rows: readonly Herindeling[];

  /**
   * Checks the table and resolves every chain. `isCurrent(code)` tells a gemeente of the current
   * indeling; `file` names the table in messages (`file:line`).
   */
  constructor(rows: readonly HerindelingRow[], isCurrent: (code: string) => boolean, file = "gemeente-herindelingen.csv") {
    const next = new Map<string, { row: Herindeling; line: number }>();
    const problem = (line: number, message: string): never => {
      throw new UserError(`${file}:${line}: ${message}`, {
        hint: "Each row names a historic gemeentecode (oude_code), the gemeente it was merged into (nieuwe_code) and the date (jjjj-mm-dd); see data/reference/README.md.",
      });
    };
    const parsed = rows.map((raw, index): Herindeling => {
      const line = index + 2;
      const row: Herindeling = {
        oudeCode: raw.oude_code.trim().toUpperCase(),
        oudeNaam: raw.oude_naam.trim(),
        nieuweCode: raw.nieuwe_code.trim().toUpperCase(),
        nieuweNaam: raw.nieuwe_naam.trim(),
        datum: raw.datum.trim(),
      };
      if (!CODE.test(row.oudeCode)) problem(line, `oude_code "${row.oudeCode}" is not a gemeentecode (GM + 4 digits)`);
      if (!CODE.test(row.nieuweCode)) problem(line, `nieuwe_code "${row.nieuweCode}" is not a gemeentecode (GM + 4 digits)`);
      if (!DATE.test(row.datum)) problem(line, `datum "${row.datum}" is not a date (jjjj-mm-dd)`);
      if (row.oudeCode === row.nieuweCode) problem(line, `${row.oudeCode} is merged into itself`);
      if (isCurrent(row.oudeCode)) problem(line, `${row.oudeCode} is a gemeente of the current indeling; only historic codes can be folded`);
      if (next.has(row.oudeCode)) problem(line, `${row.oudeCode} appears twice (also on line ${next.get(row.oudeCode)?.line})`);
      next.set(row.oudeCode, { row, line });
      return row;
    });
    for (const { row, line } of next.values()) {
      const seen = new Set([row.oudeCode]);
      let code = row.nieuweCode;
      while (!isCurrent(code)) {
        const step = next.get(code);
        if (!step) problem(line, `${row.oudeCode} → ${code}: ${code} is neither a current gemeente nor merged further in this table`);
        if (seen.has(code)) problem(line, `${row.oudeCode}: the mergers form a cycle through ${code}`);
        seen.add(code);
        code = step?.row.nieuweCode ?? code;
      }
      this.#current.set(row.oudeCode, code);
    }
    this.rows = parsed;
  }

  /** The current gemeentecode a historic one was merged into (through later mergers), or undefined. */
  currentOf(code: string): string | undefined {
    return this.#current.get(code);
  }
}
