import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";
import { formatBytes, tooLarge, type IngestLimits } from "./limits";

/**
 * Reading zip archives from memory, safely. Nothing is written to disk, but entry names become
 * document filenames, so unsafe paths are refused; and every byte is counted *while inflating*,
 * because an archive's own size fields can lie.
 */

export type ZipLimits = Pick<IngestLimits, "maxFileBytes" | "maxZipEntries" | "maxZipTotalBytes" | "maxZipRatio" | "zipRatioFloorBytes">;

export type ZipEntry = { name: string; bytes: Uint8Array } | { name: string; error: AppError };

export interface ReadZipOptions {
  /** Refuses an entry before inflating it (e.g. an unsupported type); the rest go on. */
  refuse?: (name: string) => AppError | null;
  /**
   * The upload this archive is part of: how many of its files (entries that are not skipped) still
   * fit, and how many bytes may still be inflated; beyond either, the whole archive is refused.
   */
  upload?: UploadShare;
  /** Receives the bytes inflated, refused archive or not, so the upload's budget counts them. */
  counter?: { inflated: number };
}

export interface UploadShare {
  /** Documents this archive may still add to the upload. */
  filesLeft: number;
  maxFilesPerUpload: number;
  bytesLeft: number;
  maxUploadExtractedBytes: number;
}

const JUNK_FILES = new Set(["thumbs.db", "desktop.ini"]);

/** Directories, macOS resource forks, dotfiles and OS litter: not documents, silently skipped. */
export function isSkippedZipEntry(name: string): boolean {
  if (name.endsWith("/") || name.startsWith("__MACOSX/")) return true;
  const segments = name.split("/");
  return segments.some((s) => s.startsWith(".") && s !== "." && s !== "..") || JUNK_FILES.has(segments.at(-1)!.toLowerCase());
}

export function isUnsafeZipPath(name: string): boolean {
  return (
    name.includes("\\") ||
    name.includes("\0") ||
    name.startsWith("/") ||
    /^[A-Za-z]:/.test(name) ||
    name.split("/").includes("..")
  );
}

/**
 * The files of an uploaded archive, in archive order. Throws (the whole archive is refused) for an
 * unreadable archive, an unsafe path in any entry, too many entries (for the archive, or for the
 * upload it is part of), or inflation beyond the archive's, the upload's or the ratio limits; a
 * single entry that cannot be used becomes `{ name, error }`.
 */
export async function readZip(bytes: Uint8Array, limits: ZipLimits, options: ReadZipOptions = {}): Promise<ZipEntry[]> {
  return withZip(bytes, limits, async (zip, entries) => {
    const unsafe = entries.find((e) => isUnsafeZipPath(e.name));
    if (unsafe) {
      throw new AppError("invalid_input", `unsafe path in zip: ${unsafe.name}`, { entry: unsafe.name });
    }
    if (options.upload) checkFileShare(entries.filter((e) => !isSkippedZipEntry(e.name)).length, options.upload);
    const budget: Budget = { total: 0, upload: options.upload };
    const result: ZipEntry[] = [];
    try {
      for (const { entry, name } of entries) {
        if (isSkippedZipEntry(name)) continue;
        const refused = options.refuse?.(name) ?? entryProblem(entry);
        if (refused) {
          result.push({ name, error: refused });
          continue;
        }
        const inflated = await inflateEntry(zip, entry, limits, budget);
        result.push(inflated instanceof AppError ? { name, error: inflated } : { name, bytes: inflated });
      }
    } finally {
      if (options.counter) options.counter.inflated += budget.total;
    }
    return result;
  });
}

/** Entries beyond the upload's file limit would each be a result: refuse the archive as a whole. */
function checkFileShare(files: number, upload: UploadShare): void {
  if (files <= upload.filesLeft) return;
  const room =
    upload.filesLeft < upload.maxFilesPerUpload ? `, but only ${Math.max(upload.filesLeft, 0)} more fit in this upload` : "";
  throw new AppError(
    "payload_too_large",
    `the zip holds ${files} files${room}; one upload may hold at most ${upload.maxFilesPerUpload} documents (zip entries count one by one)`,
    { files, filesLeft: upload.filesLeft, limit: upload.maxFilesPerUpload },
  );
}

interface Budget {
  total: number;
  upload?: UploadShare;
}

/**
 * For zip-based formats (DOCX): inflates every entry under the same limits — so the parser that
 * reads the container next cannot be bombed — and keeps the bytes of the entries asked for.
 */
export async function inspectZip(
  bytes: Uint8Array,
  limits: ZipLimits,
  keep: (name: string) => boolean,
): Promise<{ names: string[]; kept: Map<string, Uint8Array> }> {
  return withZip(bytes, limits, async (zip, entries) => {
    const budget: Budget = { total: 0 };
    const kept = new Map<string, Uint8Array>();
    for (const { entry, name } of entries) {
      if (name.endsWith("/") || entryProblem(entry)) continue;
      const inflated = await inflateEntry(zip, entry, limits, budget);
      if (inflated instanceof AppError) throw inflated;
      if (keep(name)) kept.set(name, inflated);
    }
    return { names: entries.map((e) => e.name), kept };
  });
}

interface NamedEntry {
  entry: Entry;
  name: string;
}

async function withZip<T>(
  bytes: Uint8Array,
  limits: ZipLimits,
  work: (zip: ZipFile, entries: NamedEntry[]) => Promise<T>,
): Promise<T> {
  let zip: ZipFile;
  try {
    // decodeStrings: false — yauzl would reject unsafe names with its own wording; we want ours.
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
  } catch (err) {
    throw unreadable(err);
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new AppError(
        "payload_too_large",
        `zip has ${zip.entryCount} entries; the limit is ${limits.maxZipEntries}`,
        { entries: zip.entryCount, limit: limits.maxZipEntries },
      );
    }
    const entries: NamedEntry[] = [];
    try {
      for await (const entry of zip.eachEntry()) {
        // With decodeStrings off, fileNameRaw holds the bytes; decode as yauzl would (UTF-8 flag,
        // Info-ZIP Unicode path, else CP437), keeping backslashes so that they can be refused.
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
        entries.push({ entry, name });
      }
    } catch (err) {
      throw unreadable(err);
    }
    return await work(zip, entries);
  } finally {
    zip.close();
  }
}

function unreadable(err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError("invalid_input", `could not read the zip archive: ${reason}`);
}

/** A reason not to inflate an entry at all, known from its header. */
function entryProblem(entry: Entry): AppError | null {
  if ((entry.externalFileAttributes >>> 16 & 0o170000) === 0o120000) {
    return new AppError("unsupported_media_type", "symbolic links in a zip are not followed");
  }
  if (entry.isEncrypted()) return new AppError("invalid_input", "entry is encrypted (password-protected zip)");
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return new AppError("unsupported_media_type", `entry uses an unsupported compression method (${entry.compressionMethod})`);
  }
  return null;
}

/**
 * Inflates one entry, counting as it goes. Returns the bytes, or an AppError for a problem of this
 * entry alone; throws for problems that condemn the archive (total size, compression ratio).
 */
async function inflateEntry(
  zip: ZipFile,
  entry: Entry,
  limits: ZipLimits,
  budget: Budget,
): Promise<Uint8Array | AppError> {
  const compressed = Math.max(entry.compressedSize, 1);
  const chunks: Buffer[] = [];
  let size = 0;
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (err) {
    return corrupt(err);
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      budget.total += chunk.length;
      if (budget.total > limits.maxZipTotalBytes) {
        throw new AppError("payload_too_large", `zip expands beyond the ${formatBytes(limits.maxZipTotalBytes)} limit`, {
          limit: limits.maxZipTotalBytes,
        });
      }
      if (budget.upload && budget.total > budget.upload.bytesLeft) throw uploadBytesExceeded(budget.upload);
      if (size > limits.zipRatioFloorBytes && size > compressed * limits.maxZipRatio) {
        throw new AppError("invalid_input", "suspicious compression ratio (zip bomb?)", {
          compressedBytes: entry.compressedSize,
          inflatedSoFar: size,
          limit: limits.maxZipRatio,
        });
      }
      if (size > limits.maxFileBytes) return tooLarge(size, limits);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    return corrupt(err);
  } finally {
    stream.destroy();
  }
  const joined = Buffer.concat(chunks, size);
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
}

export function uploadBytesExceeded(upload: Pick<UploadShare, "maxUploadExtractedBytes">): AppError {
  const limit = upload.maxUploadExtractedBytes;
  return new AppError("payload_too_large", `the zips of this upload expand beyond the ${formatBytes(limit)} limit for one upload`, { limit });
}

function corrupt(err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError("invalid_input", `corrupt zip entry: ${reason}`);
}
