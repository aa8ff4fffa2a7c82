import { NextResponse, type NextRequest } from "next/server";
import { requestPrincipal } from "./session";
import { assertSameOrigin } from "./same-origin";
import { gatePrincipal } from "@/lib/auth/gate";
import type { Principal } from "@/lib/auth/principal";
import { AppError, toErrorBody } from "@/lib/errors";
import { assertSafeInput } from "./hostile-input";
import { decodeUtf8Strict, maxJsonBytes, readBodyLimited } from "./read-body";

export function errorResponse(err: unknown): NextResponse {
  const { status, body } = toErrorBody(err);
  if (status >= 500) console.error(err);
  const headers: Record<string, string> = {};
  const retryAfter = (body.error.details as { retryAfter?: number } | undefined)?.retryAfter;
  if (status === 429 && retryAfter) headers["Retry-After"] = String(retryAfter);
  return NextResponse.json(body, { status, headers });
}

/**
 * The request body as JSON; only `application/json` is accepted, which also stops form-post CSRF.
 * Read through the limited reader (TRACEWELL_MAX_JSON_BYTES), decoded strictly (invalid UTF-8 is a
 * 400, never silently replaced), and refused whole if any string in it could not be stored as sent.
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const text = decodeUtf8Strict(await readBodyLimited(req, maxJsonBytes()), "The JSON body");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // A RangeError here is a nesting deep enough to exhaust the parser: still the client's fault.
    const deep = err instanceof RangeError;
    throw new AppError("bad_request", deep ? "The body is nested too deeply" : "The body is not valid JSON");
  }
  assertSafeInput(value);
  return value;
}

/** As readJson, but a request without a body (no Content-Type, no bytes) is `{}`: actions whose fields are all optional. */
export async function readOptionalJson(req: Request): Promise<unknown> {
  if (!req.headers.get("content-type") && (req.headers.get("content-length") ?? "0") === "0") return {};
  return readJson(req);
}

export function searchParams(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams.entries());
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** JSON bodies up to this many UTF-16 units are sent uncompressed. */
const SMALL_JSON = 8 * 1024;

/**
 * A handler's body as JSON. A small one is marked `no-transform`, which Next's compression
 * honours: gzip costs more CPU per request than it saves on a few hundred bytes (an annotation).
 * Large answers (a document's annotations) are still compressed. `no-store`: answers depend on
 * the caller and their rights at that moment.
 */
function jsonResponse(result: unknown, status: number): NextResponse {
  const text = JSON.stringify(result);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (text.length <= SMALL_JSON) headers["cache-control"] = "no-store, no-transform";
  return new NextResponse(text, { status, headers });
}

interface Args<P> {
  req: NextRequest;
  params: P;
  principal: Principal;
}

/**
 * Wraps an API route: resolves the caller (bearer token or session), runs the handler, and turns
 * any thrown error into the documented JSON error. A handler returns a body (sent as JSON with
 * `status`) or a ready Response.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (args: Args<P>) => Promise<unknown>,
  { status = 200 }: { status?: number } = {},
) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const principal = await requestPrincipal(req.headers);
      if (principal.via === "session" && !SAFE_METHODS.has(req.method)) assertSameOrigin(req);
      // The one place token scopes are enforced: every API route comes through here.
      if (!SAFE_METHODS.has(req.method)) gatePrincipal(principal, "write");
      const params = await ctx.params;
      // Path and query strings reach SQL too: refuse NUL and lone surrogates before any handler.
      assertSafeInput(params, "A path parameter");
      assertSafeInput(Object.fromEntries(req.nextUrl.searchParams), "A query parameter");
      const result = await handler({ req, params, principal });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return jsonResponse(result, status);
    } catch (err) {
      const response = errorResponse(err);
      // The body may be unread (refused before reading, or abandoned at a limit). Closing the
      // connection after the answer is what stops the client sending it; kept alive, Node would
      // read and discard the rest, however long it is.
      if (!SAFE_METHODS.has(req.method)) response.headers.set("Connection", "close");
      return response;
    }
  };
}
