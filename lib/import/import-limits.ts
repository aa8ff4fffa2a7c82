import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/ingest/limits";

const DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/**
 * The largest import file (TRACEWELL_MAX_IMPORT_BYTES, default 100 MB). An import is read whole,
 * checked whole and written in one transaction, so this bounds its memory and how long that
 * transaction runs.
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
