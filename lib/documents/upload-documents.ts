import type { Document } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ingestFile, ingestPastedText, type UploadBudget } from "@/lib/ingest/ingest-file";
import { ingestLimits } from "@/lib/ingest/limits";
import { ZPasteDocument } from "./schemas";
import { storeDocument } from "./store-document";

export interface UploadResult {
  filename: string;
  status: "created" | "duplicate" | "error";
  document?: Document;
  error?: AppError;
}

/**
 * Ingests and stores each file on its own: one bad file (or one bad entry of a zip) becomes an
 * error result and never stops the others. Authorization is the caller's (document.create).
 *
 * Files are ingested one after another, so one request holds at most one extraction worker and a
 * heavy upload cannot crowd the pool. Zip entries count against the request's file limit and
 * its inflated-bytes limit together with the other files (UploadBudget).
 */
export async function uploadDocuments({
  actorId,
  projectId,
  files,
  onResult,
}: {
  actorId: string;
  projectId: string;
  files: { filename: string; bytes: Uint8Array }[];
  onResult?: (result: UploadResult) => void;
}): Promise<UploadResult[]> {
  const limits = ingestLimits();
  if (files.length === 0) throw new AppError("bad_request", "Send at least one file in a `file` field");
  if (files.length > limits.maxFilesPerUpload) {
    throw new AppError("payload_too_large", `At most ${limits.maxFilesPerUpload} files per upload (got ${files.length})`);
  }
  const results: UploadResult[] = [];
  const push = (result: UploadResult) => {
    results.push(result);
    onResult?.(result);
  };
  const budget: UploadBudget = { documents: files.length, extractedBytes: 0 };
  for (const file of files) {
    for (const ingested of await ingestFile({ filename: file.filename, bytes: file.bytes, limits, budget })) {
      if (!ingested.ok) {
        push({ filename: ingested.filename, status: "error", error: ingested.error });
        continue;
      }
      try {
        const stored = await storeDocument({ actorId, projectId, ingested });
        push({ filename: ingested.filename, ...stored });
      } catch (err) {
        // Earlier files of this request may be committed already: an unforeseen failure must stay
        // this file's result, never turn the whole request into a 500.
        push({ filename: ingested.filename, status: "error", error: storeFailure(ingested.filename, err) });
      }
    }
  }
  return results;
}

function storeFailure(filename: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  console.error(`[tracewell] storing ${JSON.stringify(filename)} failed:`, err);
  return new AppError("internal", "could not store this file (the server log has the details); the other files are not affected");
}

/** A text pasted into the app (or POSTed as JSON): canonicalized and stored like an upload. */
export async function createPastedDocument({ actorId, projectId, input }: { actorId: string; projectId: string; input: unknown }) {
  const { title, text, metadata } = ZPasteDocument.parse(input);
  const ingested = ingestPastedText({ title, text, limits: ingestLimits() });
  if (!ingested.ok) throw ingested.error;
  return storeDocument({ actorId, projectId, ingested, metadata: { ...metadata, title } });
}
