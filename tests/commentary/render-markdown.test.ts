import { describe, expect, it } from "vitest";
import { isSafeLink, renderMarkdown } from "../../src/commentary/render-markdown.ts";

describe("renderMarkdown", () => {
  it("renders paragraphs, emphasis, lists and links", () => {
    const html = renderMarkdown("Woninginbraak nam **toe**.\n\n- eerst\n- dan\n\n[Tabellenboek](../../tabellenboek/2025-12/index.html) en [CBS](https://www.cbs.nl/)");
    expect(html).toContain("<strong>toe</strong>");
    expect(html).toContain("<li>eerst</li>");
    expect(html).toContain('<a href="../../tabellenboek/2025-12/index.html">Tabellenboek</a>');
    expect(html).toContain('<a href="https://www.cbs.nl/">CBS</a>');
  });

  it("shows raw HTML as text: no script, event handler or iframe can enter", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\nTekst <img src=x onerror="alert(2)"> en <iframe src="https://evil.example"></iframe>\n\n<a href="javascript:alert(3)">klik</a>\n\n<!-- commentaar -->',
    );
    expect(html).not.toMatch(/<script|<img|<iframe|<a |<!--/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=");
  });

  it("leaves links to anything but http(s) or a relative path as plain text", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "mailto:a@b.nl", "//evil.example/x"]) {
      const html = renderMarkdown(`[klik](${url}) en <${url}>`);
      expect(html, url).not.toContain("<a ");
    }
    expect(renderMarkdown("[x](java\tscript:alert(1))")).not.toContain("<a ");
    expect(renderMarkdown("[x](&#106;avascript:alert(1))")).not.toContain("<a ");
  });

  it("escapes a link title and text, so no attribute can be added", () => {
    const html = renderMarkdown('[a"b](https://x.nl/ "t\\" onmouseover=\\"alert(1)")');
    // The quote inside the title is escaped: the tag has exactly the attributes href and title.
    expect(html).toMatch(/<a href="https:\/\/x\.nl\/" title="t&quot; onmouseover=&quot;alert\(1\)">a&quot;b<\/a>/);
  });

  it("does not load images", () => {
    const html = renderMarkdown("![kaart](https://tracker.example/pixel.png)");
    expect(html).not.toContain("<img");
  });

  it("moves the highest heading to the requested level and the others with it", () => {
    const html = renderMarkdown("## Beeld\n\ntekst\n\n### Detail\n\n#### Dieper", { topHeading: 3 });
    expect(html).toContain("<h3>Beeld</h3>");
    expect(html).toContain("<h4>Detail</h4>");
    expect(html).toContain("<h5>Dieper</h5>");
    expect(renderMarkdown("# A\n\n###### B", { topHeading: 3 })).toContain("<h6>B</h6>");
  });
});

describe("isSafeLink", () => {
  it("allows http(s) and relative links only", () => {
    expect(isSafeLink("https://www.politie.nl/")).toBe(true);
    expect(isSafeLink("http://example.nl/a?b#c")).toBe(true);
    expect(isSafeLink("../index.html")).toBe(true);
    expect(isSafeLink("#kerncijfers")).toBe(true);
    expect(isSafeLink("pagina.html?x=a:b")).toBe(true);
    expect(isSafeLink("javascript:alert(1)")).toBe(false);
    expect(isSafeLink("https:evil")).toBe(false);
    expect(isSafeLink("//evil.example")).toBe(false);
  });
});
