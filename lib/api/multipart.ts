import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/ingest/limits";
import { assertSafeInput, stringProblem } from "./hostile-input";

/** Multipart framing allowed per file on top of the file itself, when judging sizes. */
export const PART_OVERHEAD = 64 * 1024;

/** Whether the request body is multipart/form-data. */
export function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\b/i.test(req.headers.get("content-type") ?? "");
}

export interface MultipartLimits {
  /** Bytes kept of one file; the rest of a longer file is skipped unread into memory. */
  maxFileBytes: number;
  /** Files in the request (any field); one more is a 413 at once. */
  maxFiles: number;
  /** The whole body, framing included; crossing it is a 413 at once. */
  maxTotalBytes: number;
  /** The setting named in the total-size refusal. */
  totalSetting: string;
}

export interface ReceivedFile {
  filename: string;
  bytes: Uint8Array;
  /** The file was longer than `maxFileBytes`: `bytes` holds only its first `maxFileBytes`. */
  truncated: boolean;
}

const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 100;

/**
 * Streams a multipart/form-data body through busboy, enforcing every limit while reading, so the
 * memory held is bounded by the limits, never by what the client sends. Returns the files of
 * `fileField` in order and the text fields (checked like any other input string).
 *
 * On a limit the body is abandoned, not cancelled: cancelling would destroy the socket before the
 * 413 is written; the error response closes the connection instead (lib/api/handler.ts).
 */
export async function readMultipart(
  req: Request,
  { fileField = "file", limits }: { fileField?: string; limits: MultipartLimits },
): Promise<{ files: ReceivedFile[]; fields: Record<string, string> }> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limits.maxTotalBytes) throw totalTooLarge(limits);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": req.headers.get("content-type") ?? "" },
      defParamCharset: "utf8",
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    });
  } catch {
    throw new AppError("bad_request", "Could not read the multipart body (Content-Type needs a boundary)");
  }
  const files: ReceivedFile[] = [];
  const fields: Record<string, string> = {};
  let failure: AppError | null = null;
  const fail = (err: AppError) => (failure ??= err);

  parser.on("file", (name, stream, info) => {
    if (name !== fileField) return void stream.resume();
    const problem = stringProblem(info.filename ?? "");
    if (problem) fail(new AppError("bad_request", "A file name contains a NUL character or a lone surrogate"));
    const file: ReceivedFile = { filename: info.filename || "unnamed", bytes: new Uint8Array(), truncated: false };
    files.push(file);
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("limit", () => (file.truncated = true));
    stream.on("end", () => (file.bytes = Buffer.concat(chunks)));
  });
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) fail(new AppError("payload_too_large", `The form field \`${name}\` is longer than ${formatBytes(MAX_FIELD_BYTES)}`));
    fields[name] = value;
  });
  parser.on("filesLimit", () =>
    fail(new AppError("payload_too_large", `Too many files in one request (the limit is ${limits.maxFiles})`, { limit: limits.maxFiles })),
  );
  parser.on("fieldsLimit", () => fail(new AppError("payload_too_large", `Too many form fields (the limit is ${MAX_FIELDS})`)));
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  finished.catch(() => {}); // observed below; never an unhandled rejection

  const reader = req.body?.getReader();
  let total = 0;
  try {
    while (reader) {
      if (failure) throw failure;
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxTotalBytes) throw totalTooLarge(limits);
      if (!parser.write(value)) await Promise.race([new Promise((resolve) => parser.once("drain", resolve)), finished]);
    }
    parser.end();
    await finished;
  } catch (err) {
    reader?.releaseLock();
    parser.destroy();
    if (err instanceof AppError) throw err;
    throw new AppError("bad_request", `Could not read the multipart body: ${(err as Error).message}`);
  }
  if (failure) throw failure;
  assertSafeInput(fields, "A form field");
  return { files, fields };
}

function totalTooLarge(limits: MultipartLimits): AppError {
  return new AppError(
    "payload_too_large",
    `The request body is larger than the ${formatBytes(limits.maxTotalBytes)} limit (${limits.totalSetting})`,
    { limit: limits.maxTotalBytes },
  );
}
