import { execFileSync } from "node:child_process";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { readConfig } from "../../src/config/read-config.ts";
import { UserError } from "../../src/user-error.ts";
import { ROOT, cleanup, tempDir } from "../helpers.ts";

// A canary export: every column that could identify a person or carries free text holds a unique
// marker. After building every kind of report for every audience — public, gezag and intern, with
// PDFs — no marker may appear anywhere in the output: not in HTML, CSV, JSON, PDF text or XLSX.
const PERSONAL = ["Registratienummer", "Straat", "Huisnummer", "Postcode", "Plaats", "Naam verdachte", "Naam slachtoffer", "Geboortedatum", "Kenteken", "Omschrijving"];
const marker = (column: string, row: number): string => `CNRY${column.replace(/\W/g, "").toUpperCase()}${row}Q`;
/** Times to the minute in the export: only their part of the day (nacht, middag, …) may be shown. */
const TIMES = ["03:07", "17:43", "22:19", "09:51"];

let work: string;
let result: BuildResult;
let exportText: string;

beforeAll(async () => {
  work = await tempDir();
  const source = await readFile(path.join(ROOT, "tests/fixtures/mini/exports/bvh-export-2025-12.csv"), "utf8");
  const [header, ...lines] = source.replace(/^\uFEFF/, "").trim().split("\n");
  const fields = (header ?? "").split(";");
  const at = (name: string): number => fields.indexOf(name);
  // Three more registrations in the first week of december (incidenten, so the public selection of
  // misdrijven is as before), so that a weekly and a daily edition have incidents to list.
  const extra = ["05-12-2025;E38 Overlast ivm alcohol/drugs;BU05890201", "06-12-2025;E38 Overlast ivm alcohol/drugs;BU03350100", "07-12-2025;E10 Overlast;BU05890201"];
  const source_rows = [
    ...lines.map((line) => {
      const cells = line.split(";");
      const get = (name: string): string => cells[at(name)] ?? "";
      return [get("Pleegdatum"), get("Maatschappelijke klasse"), get("Buurtcode")];
    }),
    ...extra.map((line) => line.split(";")),
  ];
  const rows = source_rows.map(([pleegdatum, klasse, buurt], index) => {
    // The registratienummer is the key of revisions: a marker inside a plausible number. The time
    // is allow-listed but only its part of the day may be kept: a time to the minute must not
    // reach an output. The MO column holds a listed code or free text (a marker), which must not.
    const time = TIMES[index % TIMES.length] as string;
    const mo = index % 2 === 0 ? "WI03" : marker("MO", index);
    return [`PL0900-${marker("Registratienummer", index)}`, pleegdatum, time, klasse, buurt, mo, ...PERSONAL.slice(1).map((column) => marker(column, index))].join(";");
  });
  exportText = [["Registratienummer", "Pleegdatum", "Pleegtijd", "Maatschappelijke klasse", "Buurtcode", "MO-code", ...PERSONAL.slice(1)].join(";"), ...rows].join("\n") + "\n";
  await mkdir(path.join(work, "exports"), { recursive: true });
  await writeFile(path.join(work, "exports", "bvh-export-2025-12.csv"), exportText);
  await writeFile(
    path.join(work, "intern.json"),
    JSON.stringify({
      kind: "intern-overzicht",
      title: "Intern overzicht",
      description: "Alle misdrijven per buurt, voor de analisten.",
      audience: "intern",
      areaLevels: ["gemeente"],
      period: "month",
      sections: [
        { type: "category-table", id: "misdrijven", title: "Misdrijven", part: "J", depth: 3, columns: ["current", "previous"] },
        { type: "area-table", id: "buurten", title: "Buurten", childLevel: "buurt", category: "J", columns: ["current"] },
      ],
    }),
  );
  // The operational products: a week for the gezag, a day for internal use, with every new section.
  await writeFile(
    path.join(work, "week.json"),
    JSON.stringify({
      kind: "weekrapportage-test",
      title: "Weekrapportage",
      description: "De week tegen vorig jaar en het gemiddelde van vier weken, met de incidenten.",
      audience: "gezag",
      areaLevels: ["gemeente"],
      period: "week",
      sections: [
        { type: "day-table", id: "week", title: "De week", categories: ["J", "N", "fenomeen:drugsoverlast"], columns: ["days", "current", "previous", "average", "change-average"] },
        { type: "incident-list", id: "incidenten", title: "Incidenten", categories: ["J", "N"], areaDetail: "buurt" },
        { type: "mo-table", id: "mo", title: "Werkwijze", fenomenen: ["woninginbraak", "drugsoverlast"] },
      ],
    }),
  );
  await writeFile(
    path.join(work, "dag.json"),
    JSON.stringify({
      kind: "dagbeeld-test",
      title: "Dagbeeld",
      description: "De incidenten van de laatste drie dagen.",
      audience: "intern",
      areaLevels: ["gemeente"],
      period: "day",
      sections: [{ type: "incident-list", id: "incidenten", title: "Incidenten", categories: ["N", "fenomeen:high-impact-crime"], groupBy: "category", days: 3 }],
    }),
  );
  await writeFile(
    path.join(work, "veiligheidsbeeld.config.json"),
    JSON.stringify({
      title: "Canary",
      organisation: "Testeenheid",
      scope: { gemeenten: ["GM0335", "GM0589"] },
      paths: { exports: "exports", reference: path.join(ROOT, "data/reference"), realdata: path.join(ROOT, "data/realdata"), output: "dist" },
      reference: { basisteams: path.join(ROOT, "tests/fixtures/mini/basisteams.csv"), basisteamsIllustrative: true },
      voorlopig: [2025],
      reports: [
        { definition: "tabellenboek", periods: ["2025-12"] },
        { definition: "gebiedsscan", periods: ["2025"] },
        { definition: "halfjaarcijfers", periods: ["2025-H2"] },
        { definition: "intern.json", periods: ["2025-12"] },
        { definition: "week.json", periods: ["2025-w49"] },
        { definition: "dag.json", periods: ["2025-12-07"] },
      ],
    }),
  );
  const config = await readConfig(work);
  result = await build({ config, buildDate: "2026-01-10", log: recordingLog() });
}, 300_000);
afterAll(() => cleanup(work));

async function textOf(file: string): Promise<string> {
  if (file.endsWith(".pdf")) return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  if (file.endsWith(".xlsx")) {
    // Every sheet name, cell value, comment and the document properties of the workbook.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const parts: unknown[] = [workbook.creator, workbook.title, workbook.subject, workbook.keywords, workbook.description];
    workbook.eachSheet((sheet) => {
      parts.push(sheet.name);
      sheet.eachRow((row) => row.eachCell((cell) => parts.push(cell.value, cell.note)));
    });
    return JSON.stringify(parts);
  }
  if (file.endsWith(".woff2") || file.endsWith(".woff")) return "";
  return readFile(file, "utf8");
}

describe("the canary export", () => {
  it("carries a marker in every personal column, free text in the MO column and times to the minute (so the test can fail)", () => {
    for (const column of PERSONAL) expect(exportText).toContain(marker(column, 0));
    expect(exportText).toContain(marker("MO", 1));
    for (const time of TIMES) expect(exportText).toContain(time);
  });

  it("lists the week's incidents by day, part of the day, klasse and buurt", async () => {
    const html = await readFile(path.join(work, "dist/weekrapportage-test/2025-w49/gm0589-oudewater.html"), "utf8");
    expect(html).toContain("week 49, 1 t/m 7 december 2025");
    expect(html).toMatch(/Vrijdag 5 december 2025/);
    expect(html).toMatch(/(nacht|ochtend|middag|avond) · E38 /);
    const csv = await readFile(path.join(work, "dist/weekrapportage-test/2025-w49/gm0589-oudewater-incidenten.csv"), "utf8");
    expect(csv).toContain("E38");
  });

  it("builds every audience: public, gezag and intern, with PDFs", () => {
    const kinds = result.editions.map((edition) => edition.kind).sort();
    expect(kinds).toEqual(["dagbeeld-test", "gebiedsscan", "halfjaarcijfers", "intern-overzicht", "tabellenboek", "weekrapportage-test"]);
    expect(result.pdfs).toBeGreaterThan(0);
  });

  it("lets no marker reach any file under dist/ — HTML, CSV, JSON, PDF text or XLSX", async () => {
    const dist = path.join(work, "dist");
    const entries = await readdir(dist, { recursive: true, withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
    const kinds = new Set(files.map((file) => path.extname(file)));
    for (const ext of [".html", ".csv", ".json", ".pdf", ".xlsx"]) expect(kinds).toContain(ext);
    let scanned = 0;
    for (const file of files) {
      const text = await textOf(file);
      expect(text, file).not.toMatch(/CNRY[A-Z]+\d+Q/);
      for (const time of TIMES) expect(text, `${file} holds a time to the minute`).not.toContain(time);
      scanned++;
    }
    expect(scanned).toBeGreaterThan(20);
  });

  it("marks the intern edition for internal use, on the page and in the PDF", async () => {
    const html = await readFile(path.join(work, "dist/intern-overzicht/2025-12/gm0589-oudewater.html"), "utf8");
    expect(html).toContain("Intern — uitsluitend voor gebruik binnen de politie");
    const pdf = execFileSync("pdftotext", [path.join(work, "dist/intern-overzicht/2025-12/gm0589-oudewater.pdf"), "-"], { encoding: "utf8" });
    expect(pdf).toContain("Intern — uitsluitend voor gebruik binnen de politie");
  });

  it("refuses a public definition with an incident list before anything is read or written, naming the rule", async () => {
    await writeFile(
      path.join(work, "openbaar.json"),
      JSON.stringify({
        kind: "openbare-incidenten",
        title: "Incidenten",
        description: "Een openbare lijst van incidenten (mag niet).",
        audience: "public",
        areaLevels: ["gemeente"],
        period: "month",
        sections: [{ type: "incident-list", id: "incidenten", title: "Incidenten", categories: ["J"] }],
      }),
    );
    const config = JSON.parse(await readFile(path.join(work, "veiligheidsbeeld.config.json"), "utf8")) as { reports: unknown[] };
    const folder = path.join(work, "openbaar");
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "veiligheidsbeeld.config.json"), JSON.stringify({ ...config, reports: [{ definition: "../openbaar.json", periods: ["2025-12"] }] }));
    const error = await readConfig(folder).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("a public report cannot have an incident-list section (rule: nothing that identifies a single incident in public output");
  });
});
