import { Parser } from "htmlparser2";

/**
 * The readable text of an HTML page, as blocks separated by a blank line.
 *
 * Blocks are headings, paragraphs, list items, blockquotes, `pre` (whitespace kept) and tables
 * (one line per row, cells separated by a tab). Inside other blocks, whitespace runs collapse to
 * one space as HTML renders them and each block is trimmed; `<br>` is a line break. Scripts,
 * styles, forms controls, hidden elements and navigation chrome (nav, aside, and header/footer
 * outside an article) are dropped. Entities are decoded; U+00A0 from `&nbsp;` is kept as it is.
 */

export interface HtmlText {
  /** Blocks joined by "\n\n"; not yet canonicalized. */
  text: string;
  title?: string;
  author?: string;
  publisher?: string;
  publishedOn?: string;
  sourceUrl?: string;
  language?: string;
  direction?: "ltr" | "rtl";
}

const BLOCK = new Set([
  "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "ul",
]);
const ALWAYS_SKIP = new Set([
  "head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
  "button", "input", "select", "option", "datalist", "textarea", "nav", "aside",
]);
/** Site chrome, unless inside the article itself (where header holds the headline). */
const CHROME = new Set(["header", "footer"]);
const CHROME_ROLES = new Set(["banner", "contentinfo"]);
const SKIP_ROLES = new Set(["navigation", "search", "complementary"]);
/** A form holding any of these is page content (ASP.NET wraps whole pages in one). */
const CONTENT_IN_FORM = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "article", "main", "section", "li", "table", "blockquote"]);

const HTML_SPACE = /[ \t\n\r\f]+/g;
const collapse = (s: string) => s.replace(HTML_SPACE, " ").replace(/^ | $/g, "");
const MAX_TITLE = 500;

type Part = { kind: "text"; s: string } | { kind: "raw"; s: string } | { kind: "br" } | { kind: "cell" };

export function htmlToText(html: string, options: { xml?: boolean } = {}): HtmlText {
  const result: Omit<HtmlText, "text"> = {};
  const blocks: string[] = [];
  const stack: string[] = [];
  let parts: Part[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let cellDepth = 0;
  let articleDepth = 0;
  let title: string | null = null;
  let titleText: string | null = null;
  let h1Title: string | undefined;
  let h1Text: string | null = null;
  let sawH1 = false;
  let rowCells = 0;
  let form: { blocks: number; content: boolean } | null = null;
  let publishedTime: string | undefined;
  let timeDatetime: string | undefined;
  let canonical: string | undefined;
  let ogUrl: string | undefined;

  const flush = () => {
    const block = renderBlock(parts);
    parts = [];
    if (block !== null) blocks.push(block);
  };
  const boundary = () => {
    if (cellDepth > 0) parts.push({ kind: "text", s: " " });
    else flush();
  };

  const shouldSkip = (name: string, attribs: Record<string, string>) => {
    if (ALWAYS_SKIP.has(name)) return true;
    if ("hidden" in attribs || attribs["aria-hidden"]?.trim().toLowerCase() === "true") return true;
    const role = attribs.role?.trim().toLowerCase() ?? "";
    if (SKIP_ROLES.has(role)) return true;
    if ((CHROME.has(name) || CHROME_ROLES.has(role)) && articleDepth === 0) return true;
    return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(attribs.style ?? "");
  };

  const readMeta = (name: string, attribs: Record<string, string>) => {
    if (name === "html") {
      const lang = attribs.lang?.trim() || attribs["xml:lang"]?.trim();
      if (lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) result.language = lang;
    }
    if ((name === "html" || name === "body") && !result.direction) {
      const dir = attribs.dir?.trim().toLowerCase();
      if (dir === "rtl" || dir === "ltr") result.direction = dir;
    }
    if (name === "meta") {
      const key = (attribs.name ?? attribs.property ?? "").trim().toLowerCase();
      const content = collapse(attribs.content ?? "");
      if (!content) return;
      if (key === "author") result.author ??= content;
      else if (key === "og:site_name") result.publisher ??= content;
      else if (key === "article:published_time") publishedTime ??= content;
      else if (key === "og:url") ogUrl ??= content;
    }
    if (name === "link" && /(?:^|\s)canonical(?:\s|$)/i.test(attribs.rel ?? "")) canonical ??= attribs.href?.trim();
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        stack.push(name);
        readMeta(name, attribs);
        if (name === "title" && title === null && !stack.includes("svg")) titleText = "";
        if (skipDepth > 0 || shouldSkip(name, attribs)) {
          skipDepth++;
          return;
        }
        if (name === "time" && attribs.datetime) timeDatetime ??= attribs.datetime.trim();
        if (name === "article" || name === "main") articleDepth++;
        if (form && CONTENT_IN_FORM.has(name)) form.content = true;
        if (name === "h1") {
          sawH1 = true;
          if (h1Text === null) h1Text = "";
        }
        if (name === "form" && !form) {
          flush();
          form = { blocks: blocks.length, content: false };
        }
        if (name === "br") parts.push(cellDepth > 0 ? { kind: "text", s: " " } : { kind: "br" });
        else if (name === "tr") rowCells = 0;
        else if (name === "td" || name === "th") {
          if (cellDepth === 0 && rowCells++ > 0) parts.push({ kind: "cell" });
          cellDepth++;
        } else if (name === "pre") {
          boundary();
          preDepth++;
        } else if (BLOCK.has(name)) boundary();
      },
      ontext(data) {
        if (titleText !== null && stack.at(-1) === "title") titleText += data;
        if (skipDepth > 0) return;
        if (h1Text !== null && h1Title === undefined && stack.includes("h1")) h1Text += data;
        parts.push(preDepth > 0 ? { kind: "raw", s: data } : { kind: "text", s: data });
      },
      onclosetag(name) {
        stack.pop();
        if (name === "title" && titleText !== null && title === null) title = collapse(titleText);
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (name === "article" || name === "main") articleDepth--;
        if (name === "h1" && h1Text !== null) h1Title ??= collapse(h1Text);
        if (name === "td" || name === "th") cellDepth = Math.max(0, cellDepth - 1);
        else if (name === "tr") {
          if (cellDepth === 0) parts.push({ kind: "br" });
          rowCells = 0;
        } else if (name === "pre") {
          flush();
          preDepth = Math.max(0, preDepth - 1);
        } else if (BLOCK.has(name)) boundary();
        if (name === "form" && form) {
          flush();
          if (!form.content) blocks.length = form.blocks;
          form = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: !options.xml, lowerCaseAttributeNames: !options.xml, recognizeSelfClosing: !!options.xml },
  );
  parser.write(html);
  parser.end();
  flush();

  const pageTitle = title || h1Title;
  // The <title> opens the text only when the page has no h1 of its own to play that part.
  if (title && !sawH1) blocks.unshift(title);
  const text = blocks.join("\n\n");
  const published = isoDate(publishedTime) ?? isoDate(timeDatetime);
  const sourceUrl = [canonical, ogUrl].find((url) => url && /^https?:\/\/\S+$/i.test(url));
  return {
    ...result,
    text,
    title: pageTitle ? truncate(pageTitle, MAX_TITLE) : undefined,
    publishedOn: published,
    sourceUrl,
  };
}

function renderBlock(parts: Part[]): string | null {
  if (parts.length === 0) return null;
  if (parts.some((p) => p.kind === "raw")) {
    // Pre-formatted: as written, minus the newline right after <pre> (HTML drops it too) and
    // trailing line breaks (the block separator stands for them).
    const raw = parts.map((p) => (p.kind === "br" ? "\n" : p.kind === "cell" ? "\t" : p.s)).join("");
    const text = raw.replace(/^\r?\n/, "").replace(/[\r\n]+$/, "");
    return /^\s*$/.test(text) ? null : text;
  }
  const lines: string[] = [];
  let cells: string[] = [];
  let cell = "";
  for (const part of parts) {
    if (part.kind === "text") cell += part.s;
    else if (part.kind === "cell") {
      cells.push(collapse(cell));
      cell = "";
    } else if (part.kind === "br") {
      cells.push(collapse(cell));
      lines.push(cells.join("\t"));
      cells = [];
      cell = "";
    }
  }
  cells.push(collapse(cell));
  lines.push(cells.join("\t"));
  while (lines.length > 0 && /^\s*$/.test(lines[0]!)) lines.shift();
  while (lines.length > 0 && /^\s*$/.test(lines.at(-1)!)) lines.pop();
  return lines.length === 0 ? null : lines.join("\n");
}

/** YYYY-MM-DD from an ISO 8601 date or date-time; undefined unless it is a real calendar date. */
function isoDate(value: string | undefined): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value ?? "");
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
}

function truncate(s: string, max: number): string {
  const cps = Array.from(s);
  return cps.length <= max ? s : cps.slice(0, max - 1).join("") + "…";
}
