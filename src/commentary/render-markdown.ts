import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

/**
 * Markdown without raw HTML: `<script>`, `<img onerror=…>` and every other tag is shown as text,
 * never passed through. Links may point only to http(s) addresses or relative paths (no
 * `javascript:`, `data:`, `file:`, `mailto:` or protocol-relative `//host`); a link that may not is
 * left as plain text. Images are off: a beschouwing has no business loading pictures from elsewhere.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: true, quotes: "“”‘’" });
markdown.disable(["image"]);
markdown.validateLink = isSafeLink;

/** http(s) addresses and relative paths ("../tabellenboek/…", "#kerncijfers"). */
export function isSafeLink(url: string): boolean {
  const trimmed = url.trim();
  if (/^https?:\/\/[^\s/]/i.test(trimmed)) return true;
  if (trimmed.startsWith("//") || trimmed.startsWith("\\")) return false;
  // Anything with a scheme ("javascript:", "data:", "vbscript:", "mailto:") before the first / ? or #.
  return !/^[^/?#]*:/.test(trimmed);
}

export interface RenderOptions {
  /**
   * The level the text's highest heading gets, so that the analyst's headings fit under the
   * section's own (an h2): with 3, "# Kop" and "## Kop" alike become h3 when they are the highest
   * in the text, and the levels below follow. Levels stop at h6. Absent: levels stay as written.
   */
  topHeading?: number;
}

/** The HTML of a markdown text, safe to put into a page as is (see above). Pure. */
export function renderMarkdown(text: string, options: RenderOptions = {}): string {
  const tokens = markdown.parse(text, {});
  const levels = tokens.filter((token) => token.type === "heading_open").map((token) => Number(token.tag.slice(1)));
  if (options.topHeading !== undefined && levels.length > 0) {
    const offset = options.topHeading - Math.min(...levels);
    for (const token of tokens) shiftHeading(token, offset);
  }
  return markdown.renderer.render(tokens, markdown.options, {});
}

function shiftHeading(token: Token, offset: number): void {
  if (token.type !== "heading_open" && token.type !== "heading_close") return;
  const level = Math.max(1, Math.min(6, Number(token.tag.slice(1)) + offset));
  token.tag = `h${level}`;
}
