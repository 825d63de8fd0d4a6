import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SitePage } from "../../src/reports/page.ts";
import { renderPage } from "../../src/site/render-page.ts";
import { renderSite } from "../../src/site/render-site.ts";
import { cleanup, tempDir, writeFiles } from "../helpers.ts";

const LAYOUT = '{% extends "frame.njk" %}{% block main %}<p>{{ p.count | nlNumber }} · {{ p.text }} · {{ p.day | nlDate }}</p>{% endblock %}\n';
const FRAME = "<!doctype html>\n<title>{{ p.title }}</title>\n{% if p.title %}\n{% block main %}{% endblock %}\n{% endif %}\n";
const page = { path: "a/b.html", layout: "page.njk", title: "T & t", count: 12345, text: "<b>vet</b>", day: "2026-02-10" };

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map(cleanup));
  dirs = [];
});

async function layouts(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  await writeFiles(dir, { "page.njk": LAYOUT, "frame.njk": FRAME, "assets/site.css": "" });
  return dir;
}

describe("renderPage", () => {
  it("renders a layout with the site's filters, autoescaped and with block whitespace trimmed", async () => {
    const html = renderPage("page.njk", page, { layoutsDir: await layouts() });
    expect(html).toBe("<!doctype html>\n<title>T &amp; t</title>\n<p>12.345 · &lt;b&gt;vet&lt;/b&gt; · 10 februari 2026</p>");
  });

  it("gives the same bytes as the Eleventy run of the site for the same layout and page data", async () => {
    const dir = await layouts();
    const out = await tempDir();
    dirs.push(out);
    await renderSite([page as unknown as SitePage], { layoutsDir: dir, outDir: out });
    expect(await readFile(path.join(out, "a/b.html"), "utf8")).toBe(renderPage("page.njk", page, { layoutsDir: dir }));
  });

  it("reads the tool's own layouts when no folder is given", () => {
    const html = renderPage("leveringen.njk", { title: "L", heading: "L", organisation: "Org", entries: [] });
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain("Org · 0 leveringen");
  });
});
