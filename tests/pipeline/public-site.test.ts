import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/pipeline/build.ts";
import { recordingLog } from "../../src/log.ts";
import { readConfig } from "../../src/config/read-config.ts";
import { withBrowser } from "../../src/pdf/browser.ts";
import { ROOT, cleanup, tempDir } from "../helpers.ts";

// Builds the public halfjaarcijfers of the demo (H1 and H2 2025) once and checks the site as
// communications staff would publish it.
let outDir: string;
let site: string;

beforeAll(async () => {
  outDir = await tempDir();
  site = path.join(outDir, "halfjaarcijfers");
  const config = await readConfig(ROOT);
  await build({ config: { ...config, paths: { ...config.paths, output: outDir } }, buildDate: "2026-02-10", reports: ["halfjaarcijfers"], pdf: false, log: recordingLog() });
}, 300_000);
afterAll(() => cleanup(outDir));

async function htmlFiles(): Promise<string[]> {
  const entries = await readdir(site, { recursive: true });
  return entries.filter((entry) => entry.endsWith(".html")).map((entry) => path.join(site, entry)).sort();
}

describe("the public halfjaarcijfers site", () => {
  it("has a page per demo gemeente for H1 and H2 2025, an index, archive, accessibility statement, open-data page, 404 and sitemap", async () => {
    const files = (await htmlFiles()).map((file) => path.relative(site, file));
    for (const edition of ["2025-h1", "2025-h2"]) {
      expect(files.filter((file) => file.startsWith(`${edition}/gm`))).toHaveLength(26);
      expect(files).toContain(`${edition}/index.html`);
    }
    expect(files).toEqual(expect.arrayContaining(["index.html", "archief.html", "toegankelijkheid.html", "open-data.html", "404.html"]));
    const sitemap = await readFile(path.join(site, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("<loc>https://www.example.nl/halfjaarcijfers/2025-h2/gm0344-utrecht.html</loc>");
    expect(sitemap).not.toContain("404.html");
    expect(sitemap.match(/<url>/g)).toHaveLength(files.length - 1);
  });

  it("shows the full year only in the H2 edition", async () => {
    const h1 = await readFile(path.join(site, "2025-h1/gm0344-utrecht.html"), "utf8");
    const h2 = await readFile(path.join(site, "2025-h2/gm0344-utrecht.html"), "utf8");
    expect(h1).not.toContain('id="tabel-jaar"');
    expect(h2).toContain('id="tabel-jaar"');
  });

  it("gives every gemeente page and the home page a map, and every gemeente page key figures, sentences, trends per soort and Nederland", async () => {
    const gemeenten = (await htmlFiles()).filter((file) => /\/gm\d{4}/.test(file));
    expect(gemeenten).toHaveLength(52);
    for (const file of gemeenten) {
      const html = await readFile(file, "utf8");
      expect(html, file).toMatch(/<svg[^>]+id="grafiek-kaart"/);
      expect(html, file).toContain('<dl class="key-figures">');
      expect(html.match(/<div class="key-figure">/g)?.length, file).toBeGreaterThanOrEqual(3);
      expect((/<ul class="headline-sentences">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "").match(/<li>/g)?.length ?? 0, file).toBeGreaterThanOrEqual(1);
      expect(html.match(/<figure class="panel"/g)?.length, file).toBeGreaterThanOrEqual(2);
      expect(html, file).toContain('id="nederland"');
      // The own gemeente is outlined (ink on a white halo).
      expect(html, file).toMatch(/<path d="[^"]+" fill="none" stroke="#1b1b1f" stroke-width="1.8"/);
    }
    const home = await readFile(path.join(site, "index.html"), "utf8");
    expect(home).toMatch(/<svg[^>]+id="grafiek-kaart"/);
    expect(home).toContain("De cijfers bij deze kaart");
    expect(home).toContain('<dl class="key-figures">');
    expect(home).toContain('<ul class="headline-sentences">');
    expect(home).toContain('<figure class="panel"');
    expect(home).toContain('id="nederland"');
  });

  it("draws hidden figures on the map as geheim and never writes their value into a card or sentence", async () => {
    // Renswoude's first half year is mostly x: its soorten show as x and are named in no sentence.
    const html = await readFile(path.join(site, "2025-h1/gm0339-renswoude.html"), "utf8");
    const sentences = /<ul class="headline-sentences">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
    expect(sentences).toContain("geheim (x)");
    expect(sentences).not.toMatch(/woninginbraken|mishandelingen|vernielingen/i);
  });

  it("has a favicon, a robots.txt naming the sitemap, and CBS symbols: no \"–\" for a percentage that would mean nothing", async () => {
    await expect(stat(path.join(site, "assets/favicon.svg"))).resolves.toBeTruthy();
    expect(await readFile(path.join(site, "robots.txt"), "utf8")).toContain("Sitemap: https://www.example.nl/halfjaarcijfers/sitemap.xml");
    for (const file of await htmlFiles()) {
      const html = await readFile(file, "utf8");
      expect(html, file).toContain('rel="icon"');
      expect(html, file).not.toMatch(/<td[^>]*>–<\/td>/);
    }
    const statement = await readFile(path.join(site, "toegankelijkheid.html"), "utf8");
    for (const heading of ["Nalevingsstatus", "Maatregelen die we hebben genomen", "Uitleg over de nalevingsstatus", "Handhavingsprocedure"]) expect(statement).toContain(heading);
    expect(statement).toContain("Datum van deze verklaring</dt><dd>10 februari 2026");
  });

  it("is self-contained: a CSP that forbids inline script and other origins on every page, no inline script, only local resources", async () => {
    for (const file of await htmlFiles()) {
      const html = await readFile(file, "utf8");
      expect(html, file).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'`);
      expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, file).not.toMatch(/<(?:script|img|link|source|iframe)[^>]+(?:src|href)="(?:https?:)?\/\//);
      expect(html, file).not.toMatch(/\sstyle="/);
    }
    const css = await readFile(path.join(site, "assets/site.css"), "utf8");
    expect(css).not.toMatch(/url\((["']?)(https?:)?\/\//);
    await expect(stat(path.join(site, "assets/fonts/source-sans-3-latin-400-normal.woff2"))).resolves.toBeTruthy();
  });

  it("has no broken internal link or anchor", async () => {
    const broken: string[] = [];
    const idsOf = new Map<string, Set<string>>();
    const ids = async (file: string): Promise<Set<string>> => {
      if (!idsOf.has(file)) idsOf.set(file, new Set([...(await readFile(file, "utf8")).matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] as string)));
      return idsOf.get(file) as Set<string>;
    };
    for (const file of await htmlFiles()) {
      if (file.endsWith("404.html")) continue; // its links are absolute paths on the live site
      const html = await readFile(file, "utf8");
      for (const [, target] of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        if (!target || /^(https?:|mailto:)/.test(target)) continue;
        const [file2, anchor] = target.split("#");
        const resolved = file2 ? path.resolve(path.dirname(file), file2) : file;
        if (!resolved.startsWith(site)) broken.push(`${path.relative(site, file)} → ${target} (outside the site)`);
        else if (!(await stat(resolved).catch(() => undefined))) broken.push(`${path.relative(site, file)} → ${target}`);
        else if (anchor && resolved.endsWith(".html") && !(await ids(resolved)).has(anchor)) broken.push(`${path.relative(site, file)} → ${target} (no #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("keeps each gemeente page under 100 kB transferred without fonts (HTML, CSS and scripts)", async () => {
    const assets = (await stat(path.join(site, "assets/site.css"))).size + (await stat(path.join(site, "assets/tables.js"))).size;
    for (const file of (await htmlFiles()).filter((name) => /\/gm\d{4}/.test(name))) {
      const total = (await stat(file)).size + assets;
      expect(total, file).toBeLessThan(100 * 1024);
    }
  });

  it("publishes open data per edition: a documented CSV and DCAT-AP-NL metadata", async () => {
    const rows = parse(await readFile(path.join(site, "2025-h2/halfjaarcijfers-2025-h2.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "gemeentecode",
      "gemeente",
      "periode_begin",
      "periode_eind",
      "soort_code",
      "soort",
      "aantal",
      "aantal_vorig_jaar",
      "verschil",
      "verschil_procent",
      "betekenis",
      "per_1000_inwoners",
      "per_1000_inwoners_regio",
      "voorlopig",
    ]);
    const utrechtYear = rows.filter((row) => row.gemeentecode === "GM0344" && row.periode_begin === "2025-01" && row.periode_eind === "2025-12");
    expect(utrechtYear.map((row) => row.soort_code)).toContain("1.1.1");
    // Beside it the same rows for Dutch Excel: BOM, ";" and a decimal comma.
    const excel = await readFile(path.join(site, "2025-h2/halfjaarcijfers-2025-h2-excel.csv"), "utf8");
    expect(excel.startsWith("\uFEFFgemeentecode;gemeente;periode_begin")).toBe(true);
    const excelRows = parse(excel, { columns: true, delimiter: ";", bom: true }) as Record<string, string>[];
    expect(excelRows).toHaveLength(rows.length);
    const rate = excelRows.find((row) => row.gemeentecode === "GM0344" && row.soort_code === "0.0.0" && row.periode_begin === "2025-07")?.per_1000_inwoners;
    expect(rate).toMatch(/^\d+,\d\d$/);
    const metadata = JSON.parse(await readFile(path.join(site, "2025-h2/halfjaarcijfers-2025-h2.jsonld"), "utf8"));
    expect(metadata["@type"]).toBe("dcat:Dataset");
    expect(metadata["dct:license"]).toEqual({ "@id": "http://creativecommons.org/licenses/by/4.0/" });
    expect(metadata["dct:temporal"]["dcat:startDate"]["@value"]).toBe("2025-07-01");
    expect(metadata["dct:temporal"]["dcat:endDate"]["@value"]).toBe("2025-12-31");
    expect(metadata["dcat:distribution"]["dcat:downloadURL"]["@id"]).toBe("https://www.example.nl/halfjaarcijfers/2025-h2/halfjaarcijfers-2025-h2.csv");
  });

  it("passes axe-core (WCAG 2.1 A and AA) in Chromium on the index pages and several gemeente pages, at desktop and phone width", async () => {
    const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
    const pages = ["index.html", "2025-h2/index.html", "archief.html", "toegankelijkheid.html", "open-data.html", "2025-h2/gm0344-utrecht.html", "2025-h1/gm0339-renswoude.html", "2025-h2/gm1961-vijfheerenlanden.html"];
    const violations = await withBrowser(async (browser) => {
      const found: string[] = [];
      const page = await browser.newPage();
      await page.setBypassCSP(true); // to inject axe; the site's own CSP is tested above
      for (const width of [1280, 390]) {
        await page.setViewport({ width, height: 900 });
        for (const name of pages) {
          await page.goto(pathToFileURL(path.join(site, name)).href, { waitUntil: "load" });
          await page.addScriptTag({ path: axePath });
          const result = (await page.evaluate(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))",
          )) as string[];
          found.push(...result.map((violation) => `${name} @${width}px: ${violation}`));
        }
      }
      // The harness itself must be able to fail: a page with an image without text alternative.
      await page.setContent('<!doctype html><html lang="nl"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>');
      await page.addScriptTag({ path: axePath });
      const control = (await page.evaluate("axe.run(document).then(r => r.violations.map(v => v.id))")) as string[];
      return { found, control };
    });
    expect(violations.control).toContain("image-alt");
    expect(violations.found).toEqual([]);
  });
});
