import { decodeText, type TextEncoding } from "@/lib/text/canonical";
import { checkHtmlCharset } from "./html-charset";
import { htmlToText, type HtmlText } from "./html-text";

export interface ExtractedHtml extends HtmlText {
  encoding: TextEncoding;
}

/** An HTML file's bytes → its readable text and page metadata (see html-text.ts for the rules). */
export function extractHtml(bytes: Uint8Array, options: { xml?: boolean } = {}): ExtractedHtml {
  checkHtmlCharset(bytes);
  const { text, encoding } = decodeText(bytes);
  // decodeText keeps the BOM as U+FEFF; here it is not page text.
  const html = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { ...htmlToText(html, options), encoding };
}
