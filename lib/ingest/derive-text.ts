import { AppError } from "@/lib/errors";
import { decodeText, type TextEncoding } from "@/lib/text/canonical";
import type { DetectedFormat } from "./detect";
import { extractDocx } from "./extract-docx";
import { extractHtml } from "./extract-html";
import { extractPdf } from "./extract-pdf";
import type { IngestLimits } from "./limits";
import type { Derived, Extraction } from "./types";
import { LIBRARY_VERSIONS, type ExtractionLibrary } from "./versions";

/** The canonicalization steps every recipe ends with (see lib/text/canonical.ts). */
export const CANONICAL_STEPS = "drop BOM → CRLF/CR→LF";

/** One file's bytes → its text (not yet canonical), metadata and extraction recipe, by format. */
export async function deriveText(bytes: Uint8Array, detected: DetectedFormat, limits: IngestLimits): Promise<Derived> {
  switch (detected.format) {
    case "text":
    case "markdown": {
      const { text, encoding } = decodeText(bytes);
      return {
        text,
        metadata: {},
        extraction: { method: "text", encoding, recipe: `decode(${encodingLabel(encoding)}) → ${CANONICAL_STEPS}` },
      };
    }
    case "html": {
      const { text, encoding, title, direction, ...metadata } = extractHtml(bytes, { xml: detected.extension === ".xhtml" });
      return {
        text,
        title,
        metadata: { ...metadata, direction },
        extraction: {
          ...library("htmlparser2"),
          method: "html",
          encoding,
          recipe:
            `decode(${encodingLabel(encoding)}) → htmlparser2 ${LIBRARY_VERSIONS.htmlparser2} readable text ` +
            `(scripts, styles and navigation dropped; blocks separated by a blank line) → CRLF/CR→LF`,
        },
      };
    }
    case "pdf": {
      const { text, pages, title, author, language } = await extractPdf(bytes, { maxPages: limits.maxPdfPages });
      return {
        text,
        title,
        metadata: { author, language },
        extraction: {
          ...library("pdfjs-dist"),
          method: "pdf",
          pages,
          recipe:
            `pdfjs-dist ${LIBRARY_VERSIONS["pdfjs-dist"]} getTextContent per page ` +
            `(items joined, end-of-line → LF, each page trimmed, pages separated by a blank line) → CRLF/CR→LF`,
        },
      };
    }
    case "docx": {
      const { text, title, author, language } = await extractDocx(bytes, limits);
      return {
        text,
        title,
        metadata: { author, language },
        extraction: {
          ...library("mammoth"),
          method: "docx",
          recipe: `mammoth ${LIBRARY_VERSIONS.mammoth} extractRawText (paragraphs separated by a blank line) → CRLF/CR→LF`,
        },
      };
    }
    case "zip":
      throw new AppError("unsupported_media_type", "nested zip archives are not expanded");
  }
}

function library(name: ExtractionLibrary): Pick<Extraction, "library" | "version"> {
  return { library: name, version: LIBRARY_VERSIONS[name] };
}

function encodingLabel(encoding: TextEncoding): string {
  return encoding === "utf-8-bom" ? "utf-8" : encoding;
}
