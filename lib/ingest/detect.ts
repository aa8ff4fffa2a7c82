import { AppError } from "@/lib/errors";

/**
 * The format of an upload: chosen by its extension, then checked against its first bytes, so a
 * renamed PDF or image is refused with a reason instead of being stored as "text".
 */

export type FileFormat = "text" | "markdown" | "html" | "pdf" | "docx" | "zip";

export interface DetectedFormat {
  format: FileFormat;
  /** Lower-cased, with the dot: ".md". */
  extension: string;
  mediaType: string;
}

const BY_EXTENSION: Record<string, { format: FileFormat; mediaType: string }> = {
  ".txt": { format: "text", mediaType: "text/plain" },
  ".text": { format: "text", mediaType: "text/plain" },
  ".md": { format: "markdown", mediaType: "text/markdown" },
  ".markdown": { format: "markdown", mediaType: "text/markdown" },
  ".html": { format: "html", mediaType: "text/html" },
  ".htm": { format: "html", mediaType: "text/html" },
  ".xhtml": { format: "html", mediaType: "application/xhtml+xml" },
  ".pdf": { format: "pdf", mediaType: "application/pdf" },
  ".docx": { format: "docx", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  ".zip": { format: "zip", mediaType: "application/zip" },
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** The last path segment; "/" and "\\" both separate (names may come from Windows clients). */
function baseName(filename: string): string {
  return filename.slice(Math.max(filename.lastIndexOf("/"), filename.lastIndexOf("\\")) + 1);
}

/** ".md" for "notes/Report.MD"; "" when the last path segment has no extension (or is a dotfile). */
export function fileExtension(filename: string): string {
  const base = baseName(filename);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

/** "Report" for "dir/Report.pdf". */
export function baseNameWithoutExtension(filename: string): string {
  const base = baseName(filename);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  magic.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06]; // PK\5\6: end of central directory, no entries
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .doc, .xls, .msg
const SIGNATURES: [readonly number[], string][] = [
  [PDF, "a PDF file"],
  [ZIP, "a zip archive (or a Word/Office document)"],
  [OLE, "an old-style Office document"],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG image"],
  [[0xff, 0xd8, 0xff], "a JPEG image"],
  [[0x47, 0x49, 0x46, 0x38], "a GIF image"],
  [[0x1f, 0x8b], "a gzip archive"],
];

/** Readers accept "%PDF-" anywhere in the first 1024 bytes (some writers prepend junk). */
function findPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF.length, 1024);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, PDF, i)) return true;
  return false;
}

export function detectFormat(filename: string, bytes: Uint8Array): DetectedFormat {
  const extension = fileExtension(filename);
  const known = BY_EXTENSION[extension];
  const supported = `supported: ${SUPPORTED_EXTENSIONS.join(", ")}`;
  if (!known) {
    const what = extension ? `unsupported file type ${extension}` : "unsupported file type (the name has no extension)";
    throw new AppError("unsupported_media_type", `${what} (${supported})`, { extension, supported: SUPPORTED_EXTENSIONS });
  }
  const detected = { ...known, extension };
  switch (known.format) {
    case "pdf":
      if (!findPdfHeader(bytes)) throw notA("a PDF", "%PDF-", bytes);
      return detected;
    case "docx":
      if (startsWith(bytes, OLE)) {
        throw new AppError("unsupported_media_type", "not a DOCX: this is an old Word .doc file — save it as .docx");
      }
      if (!startsWith(bytes, ZIP)) throw notA("a DOCX", "PK (a zip container)", bytes);
      return detected;
    case "zip":
      if (!startsWith(bytes, ZIP) && !startsWith(bytes, EMPTY_ZIP)) throw notA("a zip archive", "PK", bytes);
      return detected;
    default: {
      const binary = SIGNATURES.find(([magic]) => startsWith(bytes, magic));
      if (binary) {
        throw new AppError("unsupported_media_type", `looks like ${binary[1]}, not text`, { extension });
      }
      return detected;
    }
  }
}

function notA(what: string, magic: string, bytes: Uint8Array): AppError {
  const actually = SIGNATURES.find(([sig]) => startsWith(bytes, sig));
  const reason = actually ? `it looks like ${actually[1]}` : `it does not start with ${magic}`;
  return new AppError("unsupported_media_type", `not ${what} (${reason})`);
}
