import type { IncomingMessage } from "node:http";
import { trustProxy } from "./settings";

/**
 * The client's address as throttling sees it. `tracewell serve` overwrites X-Forwarded-For with
 * the socket's address unless a proxy is trusted (see `normalizeForwardedHeaders`); behind a
 * trusted proxy the last entry is the one that proxy appended, while earlier entries are
 * whatever the client chose to send.
 */
export function clientAddress(headers: Headers | Record<string, unknown> | undefined): string | null {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  const last = value.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return last || null;
}

/**
 * Called by `tracewell serve` on every request before Next.js sees it: unless TRACEWELL_TRUST_PROXY=1,
 * the forwarded headers are replaced by what the socket and the Host header actually say, so a
 * client cannot pick its throttling address or the host the same-origin check compares with.
 */
export function normalizeForwardedHeaders(req: IncomingMessage): void {
  if (trustProxy()) return;
  req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  if (req.headers.host) req.headers["x-forwarded-host"] = req.headers.host;
  else delete req.headers["x-forwarded-host"];
}
