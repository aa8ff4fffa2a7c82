import { createRequire } from "node:module";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { canonicalize } from "@/lib/text/canonical";
import { codePointLength } from "@/lib/text/code-points";

/**
 * PDF → text with pdfjs-dist (Mozilla's PDF.js), page by page. Each page's text items are joined
 * in content-stream order (PDF.js already orders them and inserts the spaces it infers); an item
 * flagged `hasEOL` ends a line; items on a visibly different line without that flag start a new
 * line; a clear horizontal gap between items becomes one space. Each page is canonicalized and
 * trimmed, and pages are joined by a blank line ("\n\n"), an empty page included, so page k always
 * sits between the (k-1)th and kth separators.
 */

export interface PageSpan {
  /** 1-based page number. */
  page: number;
  /** Code-point offsets `[start, end)` of the page's text in the canonical text. */
  start: number;
  end: number;
}

export interface ExtractedPdf {
  /** Already canonical. */
  text: string;
  pages: PageSpan[];
  title?: string;
  author?: string;
  language?: string;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let loading: Promise<PdfJs> | null = null;

/**
 * Node has no web workers, so PDF.js runs its "worker" on the main thread. Importing the worker
 * module ourselves and publishing it as `globalThis.pdfjsWorker` (which PDF.js checks first) keeps
 * it from resolving `./pdf.worker.mjs` relative to itself — a path bundlers break.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return loading;
}

/** Character maps for CJK and other CID fonts; found beside the package when it is installed. */
function resourceDirs(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    return { cMapUrl: path.join(root, "cmaps") + path.sep, standardFontDataUrl: path.join(root, "standard_fonts") + path.sep };
  } catch {
    return {};
  }
}

interface Item {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
  height: number;
}

/** `maxPages` is checked before any page is read: a 20,000-page file costs nothing to refuse. */
export async function extractPdf(bytes: Uint8Array, { maxPages = Infinity }: { maxPages?: number } = {}): Promise<ExtractedPdf> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // PDF.js may transfer (detach) the buffer it is given; the caller still needs the original.
    // A copy as a plain Uint8Array: PDF.js refuses a Node Buffer, whose slice() is no copy either.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...resourceDirs(),
    cMapPacked: true,
  });
  try {
    const pdf = await task.promise.catch((err: unknown) => {
      throw pdfError(err);
    });
    if (pdf.numPages > maxPages) {
      throw new AppError("payload_too_large", `PDF has ${pdf.numPages} pages; the limit is ${maxPages}`, {
        pages: pdf.numPages,
        limit: maxPages,
      });
    }
    const pageTexts: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pageTexts.push(canonicalize(joinItems(content.items.filter((i) => "str" in i) as Item[])).trim());
      page.cleanup();
    }
    if (!pageTexts.some((t) => t.length > 0)) {
      throw new AppError("invalid_input", "PDF has no text layer (scanned images?) — run OCR first", { pages: pdf.numPages });
    }
    const pages: PageSpan[] = [];
    let offset = 0;
    pageTexts.forEach((pageText, i) => {
      const end = offset + codePointLength(pageText);
      pages.push({ page: i + 1, start: offset, end });
      offset = end + 2;
    });
    const info = await pdf.getMetadata().then((m) => m.info as Record<string, unknown>, () => ({}) as Record<string, unknown>);
    return {
      text: pageTexts.join("\n\n"),
      pages,
      title: infoString(info.Title),
      author: infoString(info.Author),
      language: infoString(info.Language),
    };
  } catch (err) {
    throw err instanceof AppError ? err : pdfError(err);
  } finally {
    await task.destroy();
  }
}

function infoString(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const s = value.replace(/\s+/g, " ").trim();
  return s || undefined;
}

function pdfError(err: unknown): AppError {
  const name = (err as { name?: string } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === "PasswordException") {
    return new AppError("invalid_input", "PDF is encrypted with a password — remove the password and upload it again");
  }
  return new AppError("invalid_input", `could not read the PDF: ${message}`);
}

/** The text of one page from PDF.js text items (see the module comment for the rules). */
export function joinItems(items: Item[]): string {
  let out = "";
  let prev: Item | null = null;
  for (const item of items) {
    if (prev && !prev.hasEOL && item.str) {
      const size = Math.max(prev.height, item.height, 1);
      const dy = Math.abs(item.transform[5]! - prev.transform[5]!);
      if (dy > size * 0.5 && prev.height > 0 && item.height > 0) {
        if (!out.endsWith("\n")) out += "\n";
      } else {
        const gap = item.transform[4]! - (prev.transform[4]! + prev.width);
        if (gap > size * 0.15 && !/\s$/.test(out) && !/^\s/.test(item.str)) out += " ";
      }
    }
    // Some fonts map glyphs to U+0000, which no text column can store.
    out += item.str.replaceAll("\0", "");
    if (item.hasEOL) out += "\n";
    if (item.str || item.hasEOL) prev = item;
  }
  return out;
}
