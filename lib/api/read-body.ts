import { AppError } from "@/lib/errors";

const DEFAULT_MAX_JSON_BYTES = 1024 * 1024;

/** The largest JSON request body (TRACEWELL_MAX_JSON_BYTES, default 1 MB). */
export function maxJsonBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRACEWELL_MAX_JSON_BYTES;
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_JSON_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`TRACEWELL_MAX_JSON_BYTES must be a positive whole number of bytes, got "${raw}"`);
  }
  return value;
}

/**
 * The one reader of request bodies. It stops at `limit` bytes, whatever Content-Length says or
 * does not say (a chunked body has none), so a client cannot make the server hold more than the
 * limit: a declared length over the limit is refused before reading, and a body that grows past it
 * is abandoned at the first chunk that crosses it.
 *
 * Abandoned, not cancelled: in Node's server, cancelling the request stream destroys the socket,
 * and the client would never see the 413. Unread, the body stays in the kernel's buffers (TCP
 * backpressure stops the sender), and the error response carries `Connection: close`
 * (lib/api/handler.ts), so Node closes the socket once the answer is written.
 */
export async function readBodyLimited(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    throw tooLarge(limit);
  }
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than the ${limit}-byte limit`, { limit });
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Bytes → string, refusing invalid UTF-8 instead of silently replacing it with U+FFFD. */
export function decodeUtf8Strict(bytes: Uint8Array, what = "The body"): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new AppError("bad_request", `${what} is not valid UTF-8`);
  }
}
