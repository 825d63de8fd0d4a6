import { SITE_LAYOUTS_DIR, siteEnvironment } from "./site-environment.ts";

export interface RenderPageOptions {
  /** Folder with the Nunjucks layouts; the tool's own when absent. */
  layoutsDir?: string;
}

/**
 * One page rendered from `layout` (a name relative to the layouts folder) with the site's Nunjucks
 * environment, the page data as `p` as in every layout. For the pages written outside the Eleventy
 * run: the record of provision (written last, over the files it hashes), the quality report of
 * `validate` and the delivery log of `deliver`. Pure apart from reading the layouts.
 */
export function renderPage(layout: string, page: object, options: RenderPageOptions = {}): string {
  return siteEnvironment(options.layoutsDir ?? SITE_LAYOUTS_DIR).render(layout, { p: page });
}
