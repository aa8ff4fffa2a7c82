import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The response headers every answer carries, set once where the HTTP server hands requests to
 * Next.js (lib/cli/serve.ts), so that no page, route or error page can forget them.
 *
 * Scripts run only with this response's nonce ('strict-dynamic' lets those scripts load Next's
 * chunks): an injected <script> or inline handler has no nonce and does not run. Next.js reads the
 * nonce from the *request's* Content-Security-Policy header and puts it on the scripts it renders,
 * which is why the policy is set on the request too (a client's own header is overwritten).
 * Styles may be inline: React and ProseMirror set style attributes, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code (source maps, fast refresh); production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "X-Content-Type-Options": "nosniff",
  // Links to sources leave the app: they learn nothing of the project or document they came from.
  "Referrer-Policy": "same-origin",
  // For browsers that predate frame-ancestors.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
});

export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

/** Sets the headers on the response, and the policy on the request for Next.js to find the nonce. */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, { dev = false }: { dev?: boolean } = {}): void {
  const policy = contentSecurityPolicy(newNonce(), { dev });
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) res.setHeader(name, value);
}
