/** One code of the modus operandi code list. */
export interface ModusOperandiRow {
  code: string;
  omschrijving: string;
  /** The fenomeen the code describes a way of committing (e.g. "woninginbraak"). */
  fenomeen: string;
  /** "ja" when the code is not from a public list but made up for illustration. */
  illustratief: string;
}

/**
 * The modus operandi code list: how a fenomeen was committed, as a code (WI01 "Cilinder
 * getrokken"), never as the free text of a registration. An export's MO column is read only
 * through this list: a value that is not one of its codes is not kept.
 */
export class ModusOperandi {
  readonly #rows: Map<string, ModusOperandiRow>;
  /** True when any code is illustrative (no public code list exists for it). */
  readonly illustrative: boolean;

  constructor(rows: readonly ModusOperandiRow[]) {
    this.#rows = new Map(rows.map((row) => [row.code.trim().toUpperCase(), { ...row, code: row.code.trim().toUpperCase() }]));
    this.illustrative = rows.some((row) => row.illustratief.trim().toLowerCase() === "ja");
  }

  codes(): ReadonlySet<string> {
    return new Set(this.#rows.keys());
  }

  get(code: string): ModusOperandiRow | undefined {
    return this.#rows.get(code);
  }

  /** The codes of one fenomeen, in the list's order. */
  codesOf(fenomeen: string): string[] {
    return [...this.#rows.values()].filter((row) => row.fenomeen === fenomeen).map((row) => row.code);
  }
}
