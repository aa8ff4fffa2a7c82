import { AppError } from "@/lib/errors";

/** Upload limits. File-level ones come from the environment; all can be overridden per call. */
export interface IngestLimits {
  /** One uploaded file, and one entry inflated from a zip (TRACEWELL_MAX_FILE_BYTES). */
  maxFileBytes: number;
  /** Canonical text length in code points (TRACEWELL_MAX_TEXT_CODE_POINTS). */
  maxTextCodePoints: number;
  /** Files in one upload request (TRACEWELL_MAX_FILES_PER_UPLOAD); enforced by `checkFileCount`. */
  maxFilesPerUpload: number;
  /** Entries in one zip archive, directories included. */
  maxZipEntries: number;
  /** Bytes inflated from one zip archive, all entries together. */
  maxZipTotalBytes: number;
  /** Inflated ÷ compressed bytes of one zip entry, measured while inflating. */
  maxZipRatio: number;
  /** Entries inflating to less than this are never suspicious: 10 KB of spaces compresses 300:1. */
  zipRatioFloorBytes: number;
  /** Bytes inflated from all the zips of one upload request together (TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES). */
  maxUploadExtractedBytes: number;
  /** Pages of one PDF, checked before any page is read (TRACEWELL_MAX_PDF_PAGES). */
  maxPdfPages: number;
  /** Wall-clock time one file's extraction may take in a worker (TRACEWELL_EXTRACT_TIMEOUT_S, in seconds). */
  extractTimeoutMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxFileBytes: 20 * MB,
  maxTextCodePoints: 5_000_000,
  maxFilesPerUpload: 200,
  maxZipEntries: 2000,
  maxZipTotalBytes: 500 * MB,
  maxZipRatio: 200,
  zipRatioFloorBytes: 1 * MB,
  maxUploadExtractedBytes: 500 * MB,
  maxPdfPages: 2000,
  extractTimeoutMs: 60_000,
});

type Env = Record<string, string | undefined>;

export function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

/** Seconds, fractions allowed ("0.5"), as milliseconds. */
function positiveSeconds(env: Env, name: string, fallbackMs: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallbackMs;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return Math.max(1, Math.round(value * 1000));
}

/** The limits in force: defaults, then the environment, then `overrides`. */
export function ingestLimits(overrides: Partial<IngestLimits> = {}, env: Env = process.env): IngestLimits {
  return {
    ...DEFAULT_LIMITS,
    maxFileBytes: positiveInteger(env, "TRACEWELL_MAX_FILE_BYTES", DEFAULT_LIMITS.maxFileBytes),
    maxTextCodePoints: positiveInteger(env, "TRACEWELL_MAX_TEXT_CODE_POINTS", DEFAULT_LIMITS.maxTextCodePoints),
    maxFilesPerUpload: positiveInteger(env, "TRACEWELL_MAX_FILES_PER_UPLOAD", DEFAULT_LIMITS.maxFilesPerUpload),
    maxUploadExtractedBytes: positiveInteger(env, "TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES", DEFAULT_LIMITS.maxUploadExtractedBytes),
    maxPdfPages: positiveInteger(env, "TRACEWELL_MAX_PDF_PAGES", DEFAULT_LIMITS.maxPdfPages),
    extractTimeoutMs: positiveSeconds(env, "TRACEWELL_EXTRACT_TIMEOUT_S", DEFAULT_LIMITS.extractTimeoutMs),
    ...overrides,
  };
}

/** "60 s", "0.5 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** "20 MB", "1.5 KB", "300 bytes" — binary units, as the defaults are. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${trimNumber(bytes / MB)} MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`;
  return bytes === 1 ? "1 byte" : `${bytes} bytes`;
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
}

export function tooLarge(size: number, limits: Pick<IngestLimits, "maxFileBytes">): AppError {
  return new AppError("payload_too_large", `larger than the ${formatBytes(limits.maxFileBytes)} limit`, {
    size,
    limit: limits.maxFileBytes,
  });
}

/** For the upload route: refuse a request carrying more files than allowed, before reading them. */
export function checkFileCount(count: number, limits: Pick<IngestLimits, "maxFilesPerUpload">): void {
  if (count > limits.maxFilesPerUpload) {
    throw new AppError(
      "payload_too_large",
      `too many files in one upload (${count}; the limit is ${limits.maxFilesPerUpload})`,
      { count, limit: limits.maxFilesPerUpload },
    );
  }
}
