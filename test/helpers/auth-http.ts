/**
 * Signing in to a real server the way the sign-in form does (next-auth's CSRF token, then the
 * credentials callback), keeping cookies by hand: Node's fetch has no cookie jar.
 */

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of a response; an emptied or expired cookie is dropped. */
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export const SESSION_COOKIE = "next-auth.session-token";

export interface CredentialsAttempt {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  jar: CookieJar;
}

/** POST /api/auth/callback/credentials with a fresh CSRF token; `headers` are added to both requests. */
export async function postCredentials(
  baseUrl: string,
  { email, password, callbackUrl = "/projects", headers = {} }: { email: string; password: string; callbackUrl?: string; headers?: Record<string, string> },
): Promise<CredentialsAttempt> {
  const jar = new CookieJar();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl, json: "true" }),
  });
  jar.take(res);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: res.status, headers: res.headers, body, jar };
}

/** Signs in and returns the cookie jar holding the session cookie; throws when sign-in fails. */
export async function signInOverHttp(baseUrl: string, credentials: { email: string; password: string; headers?: Record<string, string> }): Promise<CookieJar> {
  const attempt = await postCredentials(baseUrl, credentials);
  if (!attempt.jar.get(SESSION_COOKIE)) {
    throw new Error(`sign-in failed: ${attempt.status} ${JSON.stringify(attempt.body)}`);
  }
  return attempt.jar;
}

/** GET /api/v1/me with the jar's cookies: 200 while the session is valid, 401 after. */
export async function meStatus(baseUrl: string, jar: CookieJar | string): Promise<number> {
  const cookie = typeof jar === "string" ? jar : jar.header();
  const res = await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie } });
  await res.body?.cancel();
  return res.status;
}
