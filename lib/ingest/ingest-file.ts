import { AppError } from "@/lib/errors";
import { baseNameWithoutExtension, detectFormat, type DetectedFormat } from "./detect";
import { deriveText } from "./derive-text";
import { failure, finishDocument } from "./finish-document";
import { ingestLimits, tooLarge, type IngestLimits } from "./limits";
import { extractPool } from "./pool/extract-pool";
import { fromWire } from "./pool/tasks";
import { uploadBytesExceeded } from "./read-zip";
import { storableName } from "./storable-string";
import type { Derived, IngestOk, IngestResult } from "./types";

export { ingestPastedText } from "./ingest-paste";
export type { Extraction, ExtractionMethod, IngestFailure, IngestMetadata, IngestOk, IngestResult } from "./types";

/**
 * What one upload request has used so far, shared by its files: every uploaded file is one
 * document until a zip replaces itself by its entries, and the zips' inflated bytes add up.
 */
export interface UploadBudget {
  documents: number;
  extractedBytes: number;
}

/**
 * An upload (name + bytes) → canonical text, hashes, metadata and profile, or a plain-language
 * refusal. Pure apart from reading the given bytes: nothing is stored here (lib/documents does).
 * A zip yields one result per entry; one bad file or entry never stops the others. Never throws
 * for a bad file: every refusal is an `{ ok: false }` result.
 *
 * HTML, PDF and DOCX extraction and zip reading run in the extraction pool (pool/extract-pool.ts),
 * under the page and time limits; plain text is decoded here, which costs next to nothing.
 */
export async function ingestFile({
  filename: rawName,
  bytes,
  limits,
  budget = { documents: 1, extractedBytes: 0 },
}: {
  filename: string;
  bytes: Uint8Array;
  limits?: Partial<IngestLimits>;
  /** The request's budget, when this file is one of several; counts this file already. */
  budget?: UploadBudget;
}): Promise<IngestResult[]> {
  const filename = storableName(rawName);
  const lim = ingestLimits(limits);
  try {
    checkSize(bytes, lim);
    const detected = detectFormat(filename, bytes);
    if (detected.format === "zip") return await ingestZip(filename, bytes, lim, budget);
    return [await ingestOne(filename, bytes, detected, lim)];
  } catch (err) {
    return [failure(filename, err)];
  }
}

async function ingestZip(zipName: string, bytes: Uint8Array, limits: IngestLimits, budget: UploadBudget): Promise<IngestResult[]> {
  const bytesLeft = limits.maxUploadExtractedBytes - budget.extractedBytes;
  if (bytesLeft <= 0) throw uploadBytesExceeded(limits);
  const upload = {
    filesLeft: limits.maxFilesPerUpload - (budget.documents - 1),
    maxFilesPerUpload: limits.maxFilesPerUpload,
    bytesLeft,
    maxUploadExtractedBytes: limits.maxUploadExtractedBytes,
  };
  const outcome = await extractPool().run({ kind: "zip", bytes, limits, upload }, { timeoutMs: limits.extractTimeoutMs });
  budget.extractedBytes += outcome.inflated;
  if (outcome.refused) throw fromWire(outcome.refused);
  const entries = outcome.entries!;
  if (entries.length === 0) {
    return [failure(zipName, new AppError("invalid_input", "zip archive contains no files"))];
  }
  budget.documents += entries.length - 1;
  const results: IngestResult[] = [];
  for (const entry of entries) {
    const filename = `${zipName}/${entry.name}`;
    if ("error" in entry) {
      results.push(failure(filename, fromWire(entry.error)));
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

function checkSize(bytes: Uint8Array, limits: IngestLimits): void {
  if (bytes.length > limits.maxFileBytes) throw tooLarge(bytes.length, limits);
  if (bytes.length === 0) throw new AppError("invalid_input", "file is empty");
}

async function derive(bytes: Uint8Array, detected: DetectedFormat, limits: IngestLimits): Promise<Derived> {
  if (detected.format === "text" || detected.format === "markdown") return deriveText(bytes, detected, limits);
  return extractPool().run({ kind: "derive", bytes, detected, limits }, { timeoutMs: limits.extractTimeoutMs });
}

async function ingestOne(filename: string, bytes: Uint8Array, detected: DetectedFormat, limits: IngestLimits): Promise<IngestOk> {
  return finishDocument({
    filename,
    derived: await derive(bytes, detected, limits),
    fallbackTitle: baseNameWithoutExtension(filename),
    original: { filename, mediaType: detected.mediaType, bytes },
    limits,
  });
}
