const FALLBACK = "/projects";

/**
 * Where to go after signing in. Only same-site paths are followed (an absolute URL keeps just its
 * path), so a crafted sign-in link cannot send the user to another site.
 */
export function safeCallbackUrl(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return FALLBACK;
  let path = value;
  if (!value.startsWith("/")) {
    try {
      const url = new URL(value);
      path = url.pathname + url.search + url.hash;
    } catch {
      return FALLBACK;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return FALLBACK;
  if (path.startsWith("/sign-in") || path.startsWith("/sign-out") || path.startsWith("/api/")) return FALLBACK;
  return path;
}
