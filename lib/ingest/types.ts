import type { AppError } from "@/lib/errors";
import type { TextEncoding } from "@/lib/text/canonical";
import type { TextDirection, TextProfile } from "@/lib/text/profile";
import type { PageSpan } from "./extract-pdf";
import type { ExtractionLibrary } from "./versions";

export type ExtractionMethod = "text" | "html" | "pdf" | "docx" | "paste" | "import";

/** How the canonical text was derived from the original — stored so it can be explained later. */
export interface Extraction {
  method: ExtractionMethod;
  library?: ExtractionLibrary;
  version?: string;
  /** The encoding the bytes were decoded from (text and HTML). */
  encoding?: TextEncoding;
  /** PDF only: where each page's text lies, in code points of the canonical text. */
  pages?: PageSpan[];
  recipe: string;
}

export interface IngestMetadata {
  author?: string;
  publisher?: string;
  /** YYYY-MM-DD. */
  publishedOn?: string;
  /** An http(s) URL. */
  sourceUrl?: string;
  /** A BCP 47 language tag as the source declares it. */
  language?: string;
  direction: TextDirection;
}

export interface IngestOk {
  ok: true;
  /** As uploaded; "archive.zip/dir/a.txt" for a zip entry. */
  filename: string;
  /** Canonical text (ARCHITECTURE.md, the text contract). */
  text: string;
  /** sha256 hex of the canonical text's UTF-8 bytes. */
  sha256: string;
  /** Length of the canonical text in code points. */
  length: number;
  /** From the file's own metadata, else the filename without its extension. */
  title: string;
  metadata: IngestMetadata;
  profile: TextProfile;
  extraction: Extraction;
  original: { filename: string; mediaType: string; sha256: string; size: number; bytes: Uint8Array };
}

export interface IngestFailure {
  ok: false;
  filename: string;
  error: AppError;
}

export type IngestResult = IngestOk | IngestFailure;

/** What a format's extractor hands to `finishDocument`: text not yet canonical, partial metadata. */
export interface Derived {
  text: string;
  title?: string;
  metadata: Omit<IngestMetadata, "direction"> & { direction?: TextDirection };
  extraction: Extraction;
}
