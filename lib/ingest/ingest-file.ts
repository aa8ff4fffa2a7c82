import { AppError } from "@/lib/errors";
import { baseNameWithoutExtension, detectFormat, fileExtension, SUPPORTED_EXTENSIONS, type DetectedFormat } from "./detect";
import { deriveText } from "./derive-text";
import { failure, finishDocument } from "./finish-document";
import { ingestLimits, tooLarge, type IngestLimits } from "./limits";
import { readZip } from "./read-zip";
import type { IngestOk, IngestResult } from "./types";

export { ingestPastedText } from "./ingest-paste";
export type { Extraction, ExtractionMethod, IngestFailure, IngestMetadata, IngestOk, IngestResult } from "./types";

/**
 * An upload (name + bytes) → canonical text, hashes, metadata and profile, or a plain-language
 * refusal. Pure apart from reading the given bytes: nothing is stored here (lib/documents does).
 * A zip yields one result per entry; one bad file or entry never stops the others. Never throws
 * for a bad file: every refusal is an `{ ok: false }` result.
 */
export async function ingestFile({
  filename,
  bytes,
  limits,
}: {
  filename: string;
  bytes: Uint8Array;
  limits?: Partial<IngestLimits>;
}): Promise<IngestResult[]> {
  const lim = ingestLimits(limits);
  try {
    checkSize(bytes, lim);
    const detected = detectFormat(filename, bytes);
    if (detected.format === "zip") return await ingestZip(filename, bytes, lim);
    return [await ingestOne(filename, bytes, detected, lim)];
  } catch (err) {
    return [failure(filename, err)];
  }
}

async function ingestZip(zipName: string, bytes: Uint8Array, limits: IngestLimits): Promise<IngestResult[]> {
  const entries = await readZip(bytes, limits, { refuse: refuseEntry });
  if (entries.length === 0) {
    return [failure(zipName, new AppError("invalid_input", "zip archive contains no files"))];
  }
  const results: IngestResult[] = [];
  for (const entry of entries) {
    const filename = `${zipName}/${entry.name}`;
    if ("error" in entry) {
      results.push(failure(filename, entry.error));
      continue;
    }
    try {
      checkSize(entry.bytes, limits);
      results.push(await ingestOne(filename, entry.bytes, detectFormat(entry.name, entry.bytes), limits));
    } catch (err) {
      results.push(failure(filename, err));
    }
  }
  return results;
}

/** Entries refused by name alone, before spending the inflation budget on them. */
function refuseEntry(name: string): AppError | null {
  const extension = fileExtension(name);
  if (extension === ".zip") return new AppError("unsupported_media_type", "nested zip archives are not expanded");
  if (SUPPORTED_EXTENSIONS.includes(extension)) return null;
  try {
    detectFormat(name, new Uint8Array()); // throws the worded refusal for an unknown extension
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

function checkSize(bytes: Uint8Array, limits: IngestLimits): void {
  if (bytes.length > limits.maxFileBytes) throw tooLarge(bytes.length, limits);
  if (bytes.length === 0) throw new AppError("invalid_input", "file is empty");
}

async function ingestOne(filename: string, bytes: Uint8Array, detected: DetectedFormat, limits: IngestLimits): Promise<IngestOk> {
  return finishDocument({
    filename,
    derived: await deriveText(bytes, detected, limits),
    fallbackTitle: baseNameWithoutExtension(filename),
    original: { filename, mediaType: detected.mediaType, bytes },
    limits,
  });
}
