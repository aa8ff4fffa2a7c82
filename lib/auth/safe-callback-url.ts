const FALLBACK = "/";
const DUMMY_ORIGIN = "http://tracewell.invalid";

/**
 * Where to go after signing in: a same-origin path, else `/`. Judged the way a browser would
 * read it, after every layer of percent-encoding is undone: browsers drop tab, CR and LF
 * anywhere in a URL and read `\` as `/`, so `/%09/x`, `/\x` and `/%2F/x` can all become the
 * protocol-relative `//x`. Only a raw value starting with exactly one `/` is considered at all,
 * which rules out absolute URLs, `javascript:` and the like.
 */
export function safeCallbackUrl(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/")) return FALLBACK;
  const decoded = fullyDecoded(value);
  if (decoded === null) return FALLBACK;
  // Other control characters have no business in a path and are stripped or mangled unevenly.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded)) return FALLBACK;
  const browserView = decoded.replace(/[\t\r\n]/g, "").replace(/\\/g, "/");
  if (!browserView.startsWith("/") || browserView.startsWith("//")) return FALLBACK;
  for (const candidate of [value, decoded, browserView]) {
    if (new URL(candidate, DUMMY_ORIGIN).origin !== DUMMY_ORIGIN) return FALLBACK;
  }
  const url = new URL(value, DUMMY_ORIGIN);
  const path = url.pathname + url.search + url.hash;
  // Back to sign-in or into the API would be a loop or a JSON page, not a destination.
  if (/^\/(sign-in|sign-out|api)(\/|$|\?|#)/.test(path)) return FALLBACK;
  return path;
}

/** Percent-decodes until nothing changes (`%252F` → `%2F` → `/`); null when the encoding is broken. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/**
 * The same rule for next-auth's `callbacks.redirect`, which is handed absolute URLs of our own
 * origin (sign-out sends the current page) as well as whatever a client put in `callbackUrl`.
 */
export function safeRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = new URL(baseUrl);
  let path = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      if (absolute.origin !== base.origin) return `${base.origin}${FALLBACK}`;
      path = absolute.pathname + absolute.search + absolute.hash;
    } catch {
      return `${base.origin}${FALLBACK}`;
    }
  }
  return `${base.origin}${safeCallbackUrl(path)}`;
}
