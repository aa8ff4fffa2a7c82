import type { Document } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ingestFile, ingestPastedText } from "@/lib/ingest/ingest-file";
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
  for (const file of files) {
    for (const ingested of await ingestFile({ filename: file.filename, bytes: file.bytes, limits })) {
      if (!ingested.ok) {
        push({ filename: ingested.filename, status: "error", error: ingested.error });
        continue;
      }
      try {
        const stored = await storeDocument({ actorId, projectId, ingested });
        push({ filename: ingested.filename, ...stored });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        push({ filename: ingested.filename, status: "error", error: err });
      }
    }
  }
  return results;
}

/** A text pasted into the app (or POSTed as JSON): canonicalized and stored like an upload. */
export async function createPastedDocument({ actorId, projectId, input }: { actorId: string; projectId: string; input: unknown }) {
  const { title, text, metadata } = ZPasteDocument.parse(input);
  const ingested = ingestPastedText({ title, text, limits: ingestLimits() });
  if (!ingested.ok) throw ingested.error;
  return storeDocument({ actorId, projectId, ingested, metadata: { ...metadata, title } });
}
