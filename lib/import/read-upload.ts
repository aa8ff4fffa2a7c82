import { PART_OVERHEAD, formFiles, isMultipart } from "@/lib/api/multipart";
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

export function tooLargeImport(size: number, limit = maxImportBytes()): AppError {
  return new AppError("payload_too_large", `The import file is larger than the ${formatBytes(limit)} limit (TRACEWELL_MAX_IMPORT_BYTES)`, { size, limit });
}

async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) throw tooLargeImport(size, limit);
      parts.push(chunk);
    }
  }
  return Buffer.concat(parts, size);
}

/**
 * The file of an import request: the one `file` field of a multipart/form-data body, or the raw
 * body (named by `?filename=`). Refused from Content-Length before reading when too large.
 */
export async function readImportUpload(req: Request, fallbackName: string): Promise<ImportFile> {
  const limit = maxImportBytes();
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit + PART_OVERHEAD) throw tooLargeImport(declared, limit);
  if (!isMultipart(req)) {
    const bytes = await readBody(req, limit);
    if (bytes.length === 0) throw new AppError("bad_request", "Send the file as the request body, or in a `file` field of a multipart/form-data body");
    return { filename: fallbackName, bytes };
  }
  const files = await formFiles(req);
  if (files.length !== 1) throw new AppError("bad_request", "Send exactly one file, in a `file` field");
  const file = files[0]!;
  if (file.size > limit) throw tooLargeImport(file.size, limit);
  return { filename: file.name || fallbackName, bytes: new Uint8Array(await file.arrayBuffer()) };
}
