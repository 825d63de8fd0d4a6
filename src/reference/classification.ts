/**
 * The INP classification of BVH maatschappelijke klassen (niv1 → niv2 → niv3 → klasse), merged with
 * the CBS/politie "soort misdrijf" code list, which uses the same codes as INP niv3 for crimes but is
 * newer (it knows klassen such as F90 Cybercrime that INP 2013 does not).
 */

/** J: misdrijf (crime); N: incident or overlast; O: service/other (an empty flag in INP). */
export type MisdrijfFlag = "J" | "N" | "O";

export interface Klasse {
  code: string;
  naam: string;
  niv1: string;
  niv2: string;
  niv3: string;
  misdrijf: MisdrijfFlag;
  /** CBS soort misdrijf code this klasse is counted under, if any. */
  soort?: string;
  /**
   * The pseudo-klasse of misdrijven a table counts in its "Totaal misdrijven" but under none of
   * its soorten (CBS: the total is more than the sum of the soorten). It counts in the total of
   * misdrijven and of the soorten, in no INP node and no soort.
   */
  unassigned?: true;
}

/** The code of the pseudo-klasse of misdrijven not assigned to a soort (no export value parses to it). */
export const UNASSIGNED_SOORT = "0.0.0-rest";

/** A node of the INP tree (niv1, niv2 or niv3) with its Dutch name. */
export interface ClassNode {
  code: string;
  naam: string;
  level: 1 | 2 | 3;
}

export interface InpRow {
  niv1_code: string;
  niv1: string;
  niv2_code: string;
  niv2: string;
  niv3_code: string;
  niv3: string;
  maatschappelijke_klasse_code: string;
  maatschappelijke_klasse: string;
  misdrijf: string;
}

export interface SoortRow {
  code: string;
  omschrijving: string;
  maatschappelijke_klassen: string;
}

export interface Soort {
  code: string;
  naam: string;
  klassen: string[];
}

const SOORT_CODE = /^\d+\.\d+\.\d+$/;

export class Classification {
  readonly #klassen = new Map<string, Klasse>();
  readonly #nodes = new Map<string, ClassNode>();
  readonly #soorten = new Map<string, Soort>();

  constructor(inp: readonly InpRow[], soorten: readonly SoortRow[]) {
    for (const row of inp) {
      this.#node(row.niv1_code, row.niv1, 1);
      this.#node(row.niv2_code, row.niv2, 2);
      this.#node(row.niv3_code, row.niv3, 3);
      const flag = row.misdrijf.trim();
      this.#klassen.set(row.maatschappelijke_klasse_code, {
        code: row.maatschappelijke_klasse_code,
        naam: sentenceCase(row.maatschappelijke_klasse),
        niv1: row.niv1_code,
        niv2: row.niv2_code,
        niv3: row.niv3_code,
        misdrijf: flag === "J" || flag === "N" ? flag : "O",
      });
    }
    for (const row of soorten) {
      const klassen: string[] = [];
      for (const part of row.maatschappelijke_klassen.split("|")) {
        const text = part.trim();
        if (!text) continue;
        const space = text.indexOf(" ");
        const code = space < 0 ? text : text.slice(0, space);
        const naam = space < 0 ? code : text.slice(space + 1);
        klassen.push(code);
        const known = this.#klassen.get(code);
        if (known) {
          known.soort = row.code;
          known.naam = naam; // the CBS list spells names in sentence case
        } else {
          const [niv1, niv2] = treeCodesOf(row.code);
          this.#klassen.set(code, { code, naam, niv1, niv2, niv3: row.code, misdrijf: "J", soort: row.code });
        }
      }
      this.#soorten.set(row.code, { code: row.code, naam: row.omschrijving, klassen });
      if (row.code !== "0.0.0") this.#node(row.code, row.omschrijving, 3);
    }
  }

  #node(code: string, naam: string, level: 1 | 2 | 3): void {
    if (!this.#nodes.has(code)) this.#nodes.set(code, { code, naam, level });
  }

  /**
   * The klasse for a code as found in an export. A soort code (e.g. "1.2.3", as aggregated exports
   * carry) stands for a pseudo-klasse of that soort, so aggregated and incident-level inputs share
   * one cube.
   */
  klasse(code: string): Klasse | undefined {
    const known = this.#klassen.get(code);
    if (known) return known;
    if (code === UNASSIGNED_SOORT) {
      const pseudo: Klasse = { code, naam: "Misdrijven niet naar soort verdeeld", niv1: "", niv2: "", niv3: "", misdrijf: "J", unassigned: true };
      this.#klassen.set(code, pseudo);
      return pseudo;
    }
    if (SOORT_CODE.test(code) && this.#soorten.has(code) && code !== "0.0.0") {
      const [niv1, niv2] = treeCodesOf(code);
      const pseudo: Klasse = { code, naam: this.#soorten.get(code)?.naam ?? code, niv1, niv2, niv3: code, misdrijf: "J", soort: code };
      this.#klassen.set(code, pseudo);
      return pseudo;
    }
    return undefined;
  }

  /** All known klasse codes, sorted. */
  klasseCodes(): string[] {
    return [...this.#klassen.keys()].sort();
  }

  /** The INP node (niv1/niv2/niv3) for a code such as "1", "1.1" or "1.1.1". */
  node(code: string): ClassNode | undefined {
    return this.#nodes.get(code);
  }

  /** Dutch name of an INP node or soort, falling back to the code. */
  nameOf(code: string): string {
    return this.#nodes.get(code)?.naam ?? this.#soorten.get(code)?.naam ?? code;
  }

  soort(code: string): Soort | undefined {
    return this.#soorten.get(code);
  }

  soorten(): Soort[] {
    return [...this.#soorten.values()];
  }
}

/** "1.2.3" → ["1", "1.2"]. */
function treeCodesOf(niv3: string): [string, string] {
  const [a = "", b = ""] = niv3.split(".");
  return [a, `${a}.${b}`];
}

/** "GEKWAL. DIEFSTAL IN/UIT WONING" → "Gekwal. diefstal in/uit woning". */
function sentenceCase(text: string): string {
  const trimmed = text.trim();
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  const lower = trimmed.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
