import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { extractHtml } from "@/lib/ingest/extract-html";
import { htmlToText } from "@/lib/ingest/html-text";
import { fixture } from "./fixtures";

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
};

describe("the article fixture", () => {
  const page = extractHtml(fixture("article.html"));

  it("keeps the readable text as blank-line separated blocks", () => {
    expect(page.text).toBe(
      [
        "Clashes near the river crossing",
        "By Dana Whitlock, 4 March",
        "Local officials said more than 6,000\u00A0fighters of the Northern Front & allied groups had gathered — a figure the group denied. 😀",
        'The café owner described the night as "quiet"\nuntil 2 a.m.',
        "Figures",
        "between 2,500 and 8,500 displaced",
        "80 per cent of shops closed",
        "We will not withdraw, said a spokesman.",
        "Town\tReported\nEastbank\t1,200",
        "  raw   log\n    line two",
      ].join("\n\n"),
    );
  });

  it("decodes entities: &amp; &nbsp; (kept as U+00A0) &#x1F600; &eacute;", () => {
    expect(page.text).toContain("Front & allied");
    expect(page.text).toContain("6,000\u00A0fighters");
    expect(page.text).toContain("😀");
    expect(page.text).toContain("café");
    expect(page.text).not.toMatch(/&[a-z#0-9]+;/i);
  });

  it("drops scripts, styles, navigation chrome, hidden elements and forms", () => {
    for (const gone of ["tracking", "analytics", "font-family", "World", "Region", "home", "hidden draft", "decorative",
      "Enable JavaScript", "Subscribe", "Email", "Most read", "©"]) {
      expect(page.text).not.toContain(gone);
    }
  });

  it("reads the page's metadata", () => {
    expect(page).toMatchObject({
      title: "Clashes near the river crossing | The Valley Monitor",
      author: "Dana Whitlock",
      publisher: "The Valley Monitor",
      publishedOn: "2024-03-05", // article:published_time wins over <time>
      sourceUrl: "https://monitor.example/clashes", // canonical wins over og:url
      language: "en-GB",
      encoding: "utf-8",
    });
  });
});

describe("htmlToText rules", () => {
  it("collapses whitespace inside blocks and trims each block, but keeps <pre>", () => {
    const { text } = htmlToText("<p>  a \n\t b  </p><div>\n c<span> d </span>e </div><pre>\n  x\n   y  \n</pre>");
    expect(text).toBe("a b\n\nc d e\n\n  x\n   y  ");
  });

  it("turns <br> into a line break and keeps empty lines between <br><br>", () => {
    expect(htmlToText("<p>one<br>two<br><br>three<br></p>").text).toBe("one\ntwo\n\nthree");
  });

  it("makes list items and headings blocks of their own", () => {
    expect(htmlToText("<h2>Head</h2><ul><li>a</li><li>b <i>c</i></li></ul><ol><li>d</ol>").text).toBe("Head\n\na\n\nb c\n\nd");
  });

  it("writes a table as one block: a line per row, cells separated by a tab", () => {
    const { text } = htmlToText("<table><caption>Losses</caption><tr><th>A</th><th>B</th></tr><tr><td><p>1</p><p>2</p></td><td></td></tr></table>");
    expect(text).toBe("Losses\n\nA\tB\n1 2\t");
  });

  it("keeps header and footer inside an article, drops them outside", () => {
    const html = "<header>Site</header><article><header><h1>Headline</h1></header><p>Body</p><footer>Tags: x</footer></article><footer>Legal</footer>";
    expect(htmlToText(html).text).toBe("Headline\n\nBody\n\nTags: x");
  });

  it("drops role=navigation, aria-hidden, hidden, display:none", () => {
    const html = '<div role="navigation">n</div><p aria-hidden="true">a</p><p hidden>h</p><p style="color:red; display: none">d</p><p>kept</p>';
    expect(htmlToText(html).text).toBe("kept");
  });

  it("keeps a form that wraps the page's content (ASP.NET style)", () => {
    expect(htmlToText('<form id="aspnetForm"><h1>Title</h1><p>Body</p><input value="x"></form>').text).toBe("Title\n\nBody");
    expect(htmlToText("<p>Before</p><form>Search <input> <button>Go</button></form>").text).toBe("Before");
  });

  it("uses the <title> as the first block only when the page has no h1", () => {
    expect(htmlToText("<title>Doc title</title><p>Body</p>")).toMatchObject({ title: "Doc title", text: "Doc title\n\nBody" });
    expect(htmlToText("<title>Doc title</title><h1>Headline</h1><p>Body</p>")).toMatchObject({
      title: "Doc title",
      text: "Headline\n\nBody",
    });
    expect(htmlToText("<h1> First  heading </h1><h1>Second</h1>").title).toBe("First heading");
    expect(htmlToText("<svg><title>icon</title></svg><p>x</p>").title).toBeUndefined();
  });

  it("falls back to <time datetime> and og:url; ignores bad dates, non-http URLs and bad language tags", () => {
    const page = htmlToText(
      '<html lang="not a tag"><meta property="og:url" content="https://x.example/a"><link rel="canonical" href="/relative">' +
        '<p><time datetime="2023-11-30T10:00">then</time></p>',
    );
    expect(page).toMatchObject({ publishedOn: "2023-11-30", sourceUrl: "https://x.example/a" });
    expect(page.language).toBeUndefined();
    expect(htmlToText('<meta property="article:published_time" content="2023-02-30">').publishedOn).toBeUndefined();
  });

  it("reads dir on <html> as the direction", () => {
    expect(htmlToText('<html dir="rtl" lang="ar"><p>مرحبا</p></html>')).toMatchObject({ direction: "rtl", language: "ar" });
  });
});

describe("HTML encodings", () => {
  const utf16le = (s: string) => {
    const out = new Uint8Array(2 + s.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      out[3 + 2 * i] = s.charCodeAt(i) >> 8;
    }
    return out;
  };

  it("refuses a page declaring windows-1252 (415), naming the charset", () => {
    const err = refusal(() => extractHtml(fixture("windows-1252.html")));
    expect(err.status).toBe(415);
    expect(err.message).toBe("HTML declares charset windows-1252; only UTF-8 and UTF-16 are supported");
  });

  it("accepts a pure-ASCII page whatever charset it declares (the text is the same)", () => {
    const bytes = new TextEncoder().encode('<meta charset="iso-8859-1"><p>caf&eacute;</p>');
    expect(extractHtml(bytes).text).toBe("café");
  });

  it("decodes UTF-16 with a BOM; the BOM beats the declared charset, and is not text", () => {
    const page = extractHtml(utf16le('<meta charset="utf-8"><title>t</title><p>مُحَمَّد 👩‍👩‍👧</p>'));
    expect(page.encoding).toBe("utf-16le");
    expect(page.text).toBe("t\n\nمُحَمَّد 👩‍👩‍👧");
  });

  it("refuses invalid UTF-8 with the byte offset", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("<p>ab"), 0xc3, 0x28, 0x3c]);
    expect(refusal(() => extractHtml(bytes)).message).toBe("not valid UTF-8 at byte 5");
  });
});
