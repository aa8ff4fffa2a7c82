import { AppError } from "@/lib/errors";
import { trustProxy } from "@/lib/auth/settings";

/**
 * Cookie-authenticated writes must come from our own pages. JSON bodies already need a CORS
 * preflight, but a cross-site HTML form can post multipart, and SameSite=Lax is the only other
 * guard: refuse requests the browser marks cross-site, or whose Origin is another host. The host
 * is the Host header, or X-Forwarded-Host only behind a trusted proxy (a client can send either
 * header, but only a proxy we trust may restate the public host).
 */
export function assertSameOrigin(req: Request): void {
  if (req.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site requests cannot use your session; use an access token");
  }
  const origin = req.headers.get("origin");
  const forwarded = trustProxy() ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || req.headers.get("host");
  if (!origin || !host) return;
  if (origin === "null" || originHost(origin) !== host.toLowerCase()) {
    throw new AppError("forbidden", "Cross-origin requests cannot use your session; use an access token");
  }
}

/** The host of an Origin header, or null when it is not a URL (a forged or broken header). */
function originHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.host ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}
