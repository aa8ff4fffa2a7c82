import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { errorResponse } from "./handler";
import { readBodyLimited } from "./read-body";
import { AppError } from "@/lib/errors";
import { assertSignInAllowed } from "@/lib/users/sign-in";
import { authOptions } from "./auth-options";
import { clientAddress } from "@/lib/auth/client-address";

/** Sign-in, sign-out and the other next-auth posts are a few form fields: 16 KB is plenty. */
export const AUTH_BODY_LIMIT = 16 * 1024;

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * In front of next-auth: every POST body is read through the limited reader before next-auth
 * parses it (next-auth itself would read any size), and a throttled sign-in is answered 429 with
 * Retry-After here, because next-auth turns every authorize() failure into a 401.
 */
export async function authRoute(req: NextRequest, ctx: Ctx): Promise<Response> {
  let request = req;
  if (req.method === "POST") {
    try {
      const bytes = await readBodyLimited(req, AUTH_BODY_LIMIT);
      const { nextauth = [] } = await ctx.params;
      if (nextauth[0] === "callback" && nextauth[1] === "credentials") await checkThrottle(req, bytes);
      const headers = new Headers(req.headers);
      headers.delete("transfer-encoding");
      headers.delete("content-length");
      request = new NextRequest(req.url, { method: req.method, headers, body: bytes.byteLength ? new Uint8Array(bytes) : undefined });
    } catch (err) {
      return refusal(req, err);
    }
  }
  // Built per request so the secret is read at run time, not while `next build` imports the route.
  return NextAuth(authOptions())(request, ctx);
}

async function checkThrottle(req: NextRequest, bytes: Uint8Array): Promise<void> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return;
  const email = new URLSearchParams(new TextDecoder().decode(bytes)).get("email") ?? "";
  await assertSignInAllowed({ email, ip: clientAddress(req.headers) });
}

function refusal(req: NextRequest, err: unknown): Response {
  const response = errorResponse(err);
  // The unread rest of a refused body would otherwise be read and discarded on a kept-alive socket.
  response.headers.set("Connection", "close");
  if (!(err instanceof AppError) || err.code !== "too_many_requests") return response;
  // next-auth's client (signIn with redirect: false) reads the form's message from `url`'s error.
  const url = new URL("/api/auth/error", process.env.NEXTAUTH_URL || req.nextUrl.origin);
  url.searchParams.set("error", err.message);
  const { error } = toBody(err);
  return Response.json({ error, url: url.href }, { status: 429, headers: response.headers });
}

function toBody(err: AppError) {
  return { error: { code: err.code, message: err.message, details: err.details } };
}
