import { PART_OVERHEAD, formFiles } from "@/lib/api/multipart";
import { AppError } from "@/lib/errors";
import { ingestLimits } from "@/lib/ingest/limits";

/**
 * The `file` parts of a multipart request. A request that cannot fit the limits is refused from
 * its Content-Length before the body is read.
 */
export async function readUploadedFiles(req: Request): Promise<{ filename: string; bytes: Uint8Array }[]> {
  const limits = ingestLimits();
  const declared = Number(req.headers.get("content-length") ?? 0);
  const ceiling = limits.maxFilesPerUpload * (limits.maxFileBytes + PART_OVERHEAD);
  if (declared > ceiling) {
    throw new AppError("payload_too_large", `The upload is larger than ${limits.maxFilesPerUpload} files of ${limits.maxFileBytes} bytes`);
  }
  const files = await formFiles(req);
  if (files.length === 0) throw new AppError("bad_request", "Send the files in `file` fields of a multipart/form-data body");
  return Promise.all(files.map(async (file) => ({ filename: file.name || "unnamed", bytes: new Uint8Array(await file.arrayBuffer()) })));
}
