import { renderMarkdown } from "../../commentary/render-markdown.ts";
import type { ReportContext } from "../context.ts";
import type { CommentarySpec } from "../definition.ts";
import type { TextSection } from "../page.ts";

/**
 * The analyst's beschouwing of the area, from data/commentary/<jaar>/<areacode>.md, rendered
 * without raw HTML; undefined (the section is left out, not left empty) when there is none.
 */
export function commentarySection(spec: CommentarySpec, area: string, ctx: ReportContext): TextSection | undefined {
  const commentary = ctx.commentary?.get(area);
  if (!commentary) return undefined;
  // The section heading is an h2, so the analyst's highest heading becomes an h3.
  return { type: "text", id: spec.id, title: spec.title, html: renderMarkdown(commentary.markdown, { topHeading: 3 }), source: commentary.file };
}
