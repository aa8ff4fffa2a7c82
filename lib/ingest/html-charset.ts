import { AppError } from "@/lib/errors";

/**
 * Only UTF-8 and UTF-16 (with a BOM) are decoded. A page that declares another charset is
 * refused with that charset named — unless its bytes are pure ASCII, which every such charset
 * decodes to the same text. A BOM wins over any declaration, as in browsers.
 */

const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"]);

/** Browsers look for the declaration in the first 1024 bytes; pages often put it later. */
const PRESCAN_BYTES = 64 * 1024;

const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;
const XML_ENCODING = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)/i;

export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, PRESCAN_BYTES));
  const match = XML_ENCODING.exec(head) ?? META_CHARSET.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

function hasBom(bytes: Uint8Array): boolean {
  const [a, b, c] = bytes;
  return (a === 0xef && b === 0xbb && c === 0xbf) || (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
}

export function checkHtmlCharset(bytes: Uint8Array): void {
  if (hasBom(bytes)) return;
  const charset = declaredCharset(bytes);
  if (!charset || UTF8_LABELS.has(charset)) return;
  if (bytes.every((b) => b < 0x80)) return;
  throw new AppError(
    "unsupported_media_type",
    `HTML declares charset ${charset}; only UTF-8 and UTF-16 are supported`,
    { charset },
  );
}
