import { cp, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { TOOL_ROOT } from "../tool-root.ts";
import type { SitePage } from "../reports/page.ts";
import { siteEnvironment } from "./site-environment.ts";

export interface RenderSiteOptions {
  /** Folder with the Nunjucks layouts and `assets/`. */
  layoutsDir: string;
  /** Folder the site is written to. */
  outDir: string;
  /** Folders (relative to outDir, "" for outDir itself) that each get a copy of the assets: every self-contained site. */
  assetRoots?: readonly string[];
  /** Called as each page is rendered, for progress output. */
  onProgress?: (done: number, total: number) => void;
}

const FONT_FILES = ["400-normal", "400-italic", "600-normal", "700-normal"].map((variant) => `source-sans-3-latin-${variant}.woff2`);

/**
 * Writes every page with Eleventy and Nunjucks (the environment of src/site/site-environment.ts):
 * one virtual template paginates over the page data, each page naming its own layout. Assets (CSS, self-hosted fonts) are copied beside the pages.
 * Returns the paths written, relative to `outDir`.
 */
export async function renderSite(pages: readonly SitePage[], options: RenderSiteOptions): Promise<string[]> {
  const eleventy = new Eleventy(options.layoutsDir, options.outDir, {
    quietMode: true,
    configPath: false,
    config(config) {
      // Eleventy prints a warning when a filter takes a good share of the build time; the build
      // reports through its own log, so its benchmark group stays quiet.
      (config as unknown as { benchmarks?: { config?: { setIsVerbose(verbose: boolean): void } } }).benchmarks?.config?.setIsVerbose(false);
      config.setTemplateFormats(["njk"]);
      config.setIncludesDirectory(".");
      config.setUseGitIgnore(false);
      // The layouts are includes only; pages come from data, through the virtual template below.
      // Eleventy takes ignore globs relative to the working folder, which need not be the tool's.
      config.ignores.add(`${path.relative(process.cwd(), options.layoutsDir).split(path.sep).join("/") || "."}/**/*`);
      // The environment (options and filters) that renderPage uses too, for the pages written outside this run.
      config.setLibrary("njk", siteEnvironment(options.layoutsDir));
      let rendered = 0;
      // A transform runs once per page written: the one hook Eleventy offers to count them.
      if (options.onProgress) config.addTransform("progress", (content: unknown) => (options.onProgress?.(++rendered, pages.length), content));
      config.addGlobalData("sitePages", pages);
      config.addTemplate("veiligheidsbeeld-pages.njk", "{% include p.layout %}", {
        pagination: { data: "sitePages", size: 1, alias: "p" },
        // A function, not the template "{{ p.path }}": Eleventy would compile that anew for every page.
        permalink: (data: { p: SitePage }) => data.p.path,
        eleventyExcludeFromCollections: true,
      });
    },
  });
  eleventy.disableLogger();
  await eleventy.write();
  await copyAssets(options);
  return pages.map((page) => page.path);
}

async function copyAssets(options: RenderSiteOptions): Promise<void> {
  const require = createRequire(path.join(TOOL_ROOT, "package.json"));
  const fontDir = path.join(path.dirname(require.resolve("@fontsource/source-sans-3/package.json")), "files");
  for (const root of options.assetRoots ?? [""]) {
    const assets = path.join(options.outDir, root, "assets");
    await mkdir(path.join(assets, "fonts"), { recursive: true });
    await cp(path.join(options.layoutsDir, "assets"), assets, { recursive: true });
    await Promise.all(FONT_FILES.map((file) => cp(path.join(fontDir, file), path.join(assets, "fonts", file))));
  }
}
