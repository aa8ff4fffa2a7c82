import { NextResponse, type NextRequest } from "next/server";
import { requestPrincipal } from "@/lib/auth/session";
import type { Principal } from "@/lib/auth/principal";
import { AppError, toErrorBody } from "@/lib/errors";

const MAX_JSON_BYTES = 1_000_000;

export function errorResponse(err: unknown): NextResponse {
  const { status, body } = toErrorBody(err);
  if (status >= 500) console.error(err);
  const headers: Record<string, string> = {};
  const retryAfter = (body.error.details as { retryAfter?: number } | undefined)?.retryAfter;
  if (status === 429 && retryAfter) headers["Retry-After"] = String(retryAfter);
  return NextResponse.json(body, { status, headers });
}

/** The request body as JSON; only `application/json` is accepted, which also stops form-post CSRF. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_JSON_BYTES) throw new AppError("payload_too_large", `JSON bodies are limited to ${MAX_JSON_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text, "utf8") > MAX_JSON_BYTES) throw new AppError("payload_too_large", `JSON bodies are limited to ${MAX_JSON_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
}

export function searchParams(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams.entries());
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from our own pages. JSON bodies already need a CORS
 * preflight, but a cross-site HTML form can post multipart, and SameSite=Lax is the only other
 * guard: refuse requests the browser marks cross-site, or whose Origin is another host.
 */
export function assertSameOrigin(req: NextRequest): void {
  if (req.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site requests cannot use your session; use an access token");
  }
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin && host && (origin === "null" || new URL(origin).host !== host)) {
    throw new AppError("forbidden", "Cross-origin requests cannot use your session; use an access token");
  }
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
      const result = await handler({ req, params: await ctx.params, principal });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return NextResponse.json(result, { status });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
