import { AppError } from "@/lib/errors";
import { maxImportBytes, tooLargeImport } from "@/lib/import/import-limits";
import type { ImportFile } from "@/lib/import/types";
import { ingestLimits } from "@/lib/ingest/limits";
import { PART_OVERHEAD, isMultipart, readMultipart } from "./multipart";
import { readBodyLimited } from "./read-body";

const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * The most one upload request may carry, all parts together (TRACEWELL_MAX_UPLOAD_BYTES): every
 * file of a request is held in memory until it is stored, so this bounds that memory. Default
 * 100 MB, or one largest file when TRACEWELL_MAX_FILE_BYTES is set higher than that.
 */
export function maxUploadBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRACEWELL_MAX_UPLOAD_BYTES;
  if (raw === undefined || raw.trim() === "") {
    return Math.max(DEFAULT_MAX_UPLOAD_BYTES, ingestLimits({}, env).maxFileBytes + PART_OVERHEAD);
  }
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`TRACEWELL_MAX_UPLOAD_BYTES must be a positive whole number of bytes, got "${raw}"`);
  }
  return value;
}

/**
 * The `file` parts of a document upload, streamed under the limits. A file over
 * TRACEWELL_MAX_FILE_BYTES does not stop the others: it keeps one byte past the limit (the rest is
 * never held), so ingestion refuses it as that file's own error result while the other files of
 * the upload go on. Too many files, or a request over TRACEWELL_MAX_UPLOAD_BYTES, is a 413 at once.
 */
export async function readUploadedFiles(req: Request): Promise<{ filename: string; bytes: Uint8Array }[]> {
  const limits = ingestLimits();
  const { files } = await readMultipart(req, {
    limits: {
      maxFileBytes: limits.maxFileBytes + 1,
      maxFiles: limits.maxFilesPerUpload,
      maxTotalBytes: maxUploadBytes(),
      totalSetting: "TRACEWELL_MAX_UPLOAD_BYTES",
    },
  });
  if (files.length === 0) throw new AppError("bad_request", "Send the files in `file` fields of a multipart/form-data body");
  return files.map(({ filename, bytes }) => ({ filename, bytes }));
}

/**
 * The file of an import request: the one `file` field of a multipart/form-data body, or the raw
 * body (named by `?filename=`). Read under the limit: reading stops at the first byte past it.
 */
export async function readImportUpload(req: Request, fallbackName: string): Promise<ImportFile> {
  const limit = maxImportBytes();
  if (!isMultipart(req)) {
    let bytes: Uint8Array;
    try {
      bytes = await readBodyLimited(req, limit);
    } catch (err) {
      if (err instanceof AppError && err.code === "payload_too_large") throw tooLargeImport(limit + 1, limit);
      throw err;
    }
    if (bytes.length === 0) throw new AppError("bad_request", "Send the file as the request body, or in a `file` field of a multipart/form-data body");
    return { filename: fallbackName, bytes };
  }
  const { files } = await readMultipart(req, {
    // Two files, so that a second one is the clear "exactly one file" below rather than a 413.
    limits: { maxFileBytes: limit, maxFiles: 2, maxTotalBytes: limit + 2 * PART_OVERHEAD, totalSetting: "TRACEWELL_MAX_IMPORT_BYTES" },
  });
  if (files.length !== 1) throw new AppError("bad_request", "Send exactly one file, in a `file` field");
  const file = files[0]!;
  if (file.truncated) throw tooLargeImport(limit + 1, limit);
  return { filename: file.filename || fallbackName, bytes: file.bytes };
}
