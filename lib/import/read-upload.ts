import { PART_OVERHEAD, isMultipart, readMultipart } from "@/lib/api/multipart";
import { readBodyLimited } from "@/lib/api/read-body";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/ingest/limits";
import type { ImportFile } from "./types";

const DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/**
 * The largest import file (TRACEWELL_MAX_IMPORT_BYTES, default 100 MB). An import is read whole,
 * checked whole and written in one transaction, so this bounds its memory and how long it holds
 * the audit chain lock.
 */
export function maxImportBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRACEWELL_MAX_IMPORT_BYTES;
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_IMPORT_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`TRACEWELL_MAX_IMPORT_BYTES must be a positive whole number, got "${raw}"`);
  return value;
}

/** `size` is what was seen before reading stopped: the file is at least that large. */
export function tooLargeImport(size: number, limit = maxImportBytes()): AppError {
  return new AppError("payload_too_large", `The import file is larger than the ${formatBytes(limit)} limit (TRACEWELL_MAX_IMPORT_BYTES)`, { size, limit });
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
