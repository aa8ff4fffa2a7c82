import { NextRequest } from "next/server";

/** The shape of every route handler export of app/api/v1. */
export type RouteHandler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Response | Promise<Response>;

export interface CallOptions<P> {
  path: string;
  method?: string;
  token?: string;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is, with the headers given. */
  body?: string;
  headers?: Record<string, string>;
  params?: P;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text of any other body, or null for an empty one. Typed loosely: tests assert its shape. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * Calls a route handler module's export directly, the way Next.js would: a NextRequest and a
 * `params` promise. Bearer tokens only: the session path needs a Next.js request context.
 */
export async function call<P = Record<string, never>>(handler: RouteHandler<P>, options: CallOptions<P>): Promise<ApiResult> {
  const headers = new Headers(options.headers);
  if (options.token !== undefined) headers.set("authorization", `Bearer ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new NextRequest(new URL(`/api/v1${options.path}`, "http://localhost:3000"), {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(options.params ?? ({} as P)) });
  if (/^text\/event-stream\b/i.test(res.headers.get("content-type") ?? "") && res.body) {
    // An event stream never ends by itself: its first bytes, then the client goes away.
    const reader = res.body.getReader();
    const first = await reader.read();
    await reader.cancel();
    return { status: res.status, headers: res.headers, body: new TextDecoder().decode(first.value) };
  }
  const text = await res.text();
  // Files (an export, an original) come back as text; everything else the API answers is JSON.
  const json = /[/+]json\b/i.test(res.headers.get("content-type") ?? "");
  return { status: res.status, headers: res.headers, body: text === "" ? null : json ? JSON.parse(text) : text };
}
