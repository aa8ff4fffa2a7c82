import { presentDocumentSummary } from "./presenters";
import { toErrorBody } from "@/lib/errors";
import type { UploadResult } from "@/lib/documents/upload-documents";

/**
 * The body of a multipart upload: always `results`, one per file (or zip entry). When nothing
 * could be stored it is also an error response — the first failure's status and the usual
 * `error` object — so a single refused file answers like any other refused request.
 */
export function presentUploadResults(results: UploadResult[]) {
  const shown = results.map((result) => ({
    filename: result.filename,
    status: result.status,
    ...(result.document ? { document: presentDocumentSummary(result.document) } : {}),
    ...(result.error ? { error: toErrorBody(result.error).body.error } : {}),
  }));
  const failures = results.filter((result) => result.status === "error");
  if (failures.length > 0 && failures.length === results.length) {
    const first = toErrorBody(failures[0]!.error);
    const message =
      results.length === 1 ? `${results[0]!.filename}: ${first.body.error.message}` : `None of the ${results.length} files could be stored`;
    return { status: first.status, body: { error: { ...first.body.error, message }, results: shown } };
  }
  return { status: results.some((r) => r.status === "created") ? 201 : 200, body: { results: shown } };
}
