import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { normalizeConfig } from "../../src/config/normalize-config.ts";
import { cleanup, ROOT, tempDir, writeFiles } from "../helpers.ts";

const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

interface SourceRow {
  maand: string;
  soort_code: string;
  soort: string;
  aantal: string;
}

/**
 * The real national monthly figures (data/realdata/misdrijven-nederland-maand.csv, CBS/Politie)
 * written as a CBS StatLine download writes them: labels with codes, "2023 januari", counts padded
 * with spaces, UTF-8 with BOM and CRLF. The area model ends at the eenheid, so the figures are
 * put on one gemeente (Utrecht): what is tested is the layout, the periods and the sums.
 */
function statlineCsv(rows: readonly SourceRow[], years: readonly string[]): string {
  const lines = ['"Soort misdrijf";"Regio\'s";"Perioden";"Geregistreerde misdrijven (aantal)"'];
  for (const row of rows) {
    const [year, month] = row.maand.split("-");
    if (!years.includes(year ?? "")) continue;
    const label = row.soort_code === "0.0.0" ? "Totaal misdrijven" : `${row.soort_code} ${row.soort}`;
    lines.push(`"${label}";"Utrecht (gemeente)";"${year} ${MONTHS[Number(month) - 1]}";"${row.aantal.padStart(8)}"`);
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

let work: string;
let source: SourceRow[];
let log: ReturnType<typeof recordingLog>;

beforeAll(async () => {
  work = await tempDir();
  source = parse(await readFile(path.join(ROOT, "data/realdata/misdrijven-nederland-maand.csv"), "utf8"), { columns: true }) as SourceRow[];
  await writeFiles(work, { "exports/statline-misdrijven-maand.csv": statlineCsv(source, ["2022", "2023"]) });
  const config = normalizeConfig(
    {
      scope: { gemeenten: ["GM0344"] },
      paths: { exports: "exports", reference: path.join(ROOT, "data/reference"), realdata: path.join(ROOT, "data/realdata"), output: "dist", cache: ".cache" },
      reference: { basisteamsIllustrative: true },
      reports: [{ definition: "tabellenboek", periods: ["2023-12"] }],
    },
    work,
  );
  log = recordingLog();
  await build({ config, buildDate: "2024-01-15", log, pdf: false });
});
afterAll(() => cleanup(work));

describe("a CBS StatLine monthly table, as downloaded", () => {
  it("builds the monthly tabellenboek with every month and soort equal to the source", async () => {
    const table = parse(await readFile(path.join(work, "dist/tabellenboek/2023-12/gm0344-utrecht-misdrijven.csv"), "utf8"), { delimiter: ";", bom: true }) as string[][];
    const header = table[0] ?? [];
    const column = (month: number): number => header.indexOf(`2023 ${["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"][month - 1]}`);
    const rowOf = (label: (cell: string) => boolean): string[] | undefined => table.find((row) => label(row[0] ?? ""));
    // The tabellenboek lists the soorten with registrations this year or last (CBS gives 0 for a few, e.g. zeden, nationally).
    const registered = new Set(source.filter((entry) => /^202[23]-/.test(entry.maand) && entry.aantal !== "0").map((entry) => entry.soort_code));
    let checked = 0;
    for (const row of source.filter((entry) => entry.maand.startsWith("2023-"))) {
      const month = Number(row.maand.slice(5));
      const shown = row.soort_code === "0.0.0" ? rowOf((cell) => cell === "Totaal misdrijven") : rowOf((cell) => cell.startsWith(`${row.soort_code} `));
      if (!registered.has(row.soort_code)) {
        expect(shown, row.soort_code).toBeUndefined();
        continue;
      }
      expect(shown, row.soort_code).toBeDefined();
      expect(shown?.[column(month)], `${row.soort_code} ${row.maand}`).toBe(row.aantal);
      checked++;
    }
    expect(checked).toBe(12 * registered.size);
    expect(registered.size).toBeGreaterThan(50);
  });

  it("shows what the total counts under no soort as a row of its own, so that the rows add up to the total", async () => {
    const table = parse(await readFile(path.join(work, "dist/tabellenboek/2023-12/gm0344-utrecht-misdrijven.csv"), "utf8"), { delimiter: ";", bom: true }) as string[][];
    const header = table[0] ?? [];
    const rest = table.find((row) => row[0] === "Niet naar soort verdeeld");
    expect(rest).toBeDefined();
    for (let column = 1; column <= 12; column++) {
      const month = String(column).padStart(2, "0");
      const total = Number(source.find((row) => row.maand === `2023-${month}` && row.soort_code === "0.0.0")?.aantal);
      const soorten = source.filter((row) => row.maand === `2023-${month}` && row.soort_code !== "0.0.0").reduce((sum, row) => sum + Number(row.aantal), 0);
      expect(Number(rest?.[column]), header[column]).toBe(total - soorten);
      const niv1 = table.filter((row) => /^\d /.test(row[0] ?? "")).reduce((sum, row) => sum + Number(row[column]), 0);
      expect(niv1 + Number(rest?.[column])).toBe(total);
    }
  });

  it("keeps the source's total: what it counts under no soort is said, not dropped", () => {
    expect(log.warnings.some((message) => message.includes('"Totaal misdrijven" row that differs from the sum of its soorten') && message.includes("counted as misdrijven niet naar soort verdeeld"))).toBe(true);
  });
});
