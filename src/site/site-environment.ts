import path from "node:path";
import nunjucks from "nunjucks";
import { FILTERS } from "./filters.ts";
import { tableView } from "./table-view.ts";
import { TOOL_ROOT } from "../tool-root.ts";

/** The tool's own layouts; a project may name its own copy in `paths.layouts`. */
export const SITE_LAYOUTS_DIR = path.join(TOOL_ROOT, "layouts");

/**
 * The Nunjucks environment every page is rendered with: the layouts in `layoutsDir` (includes are
 * named relative to it), autoescaping, block whitespace trimmed, and the site's filters. Eleventy
 * renders the site with one of these (src/site/render-site.ts) and `renderPage` the pages written
 * outside the Eleventy run, so a page is the same whichever writes it. A new one per call: Eleventy
 * adds its own filters to the environment it is handed.
 */
export function siteEnvironment(layoutsDir: string): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(layoutsDir), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  for (const [name, filter] of Object.entries(FILTERS)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  env.addFilter("tableView", tableView);
  return env;
}
