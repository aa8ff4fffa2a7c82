import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { createUser } from "@/lib/users/create-user";
import { signInOverHttp, postCredentials, type CookieJar } from "../helpers/auth-http";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { PASSWORD, uniqueEmail } from "../helpers/users";

// Each of these lands on another site in some browser, directly or after one decoding step:
// browsers drop tab/CR/LF from URLs and read `\` as `/`, so `/%09/x` can become `//x`.
const OFF_SITE = [
  "//evil.example/",
  "/\\evil.example/",
  "/%09/evil.example/",
  "/\t/evil.example/",
  "/%2F/evil.example/",
  "/%2f%2fevil.example/",
  "/%5Cevil.example/",
  "/%250D/evil.example/",
  "\t//evil.example/",
  " //evil.example/",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,hi",
];

describe("safeCallbackUrl", () => {
  it.each(OFF_SITE)("sends %j to /", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/");
  });

  it("keeps same-site paths with their query and fragment", () => {
    expect(safeCallbackUrl("/settings/tokens")).toBe("/settings/tokens");
    expect(safeCallbackUrl("/projects/p1/documents?q=a%20b#x")).toBe("/projects/p1/documents?q=a%20b#x");
  });

  it("sends a missing or sign-in/sign-out/API target to /", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl("")).toBe("/");
    expect(safeCallbackUrl("/sign-in")).toBe("/");
    expect(safeCallbackUrl("/api/auth/signout")).toBe("/");
  });
});

describe("on the real server", () => {
  let server: RunningServer;
  let jar: CookieJar;
  const email = uniqueEmail("redirect");

  beforeAll(async () => {
    server = await startServer();
    await useDatabase({ name: "srv", url: server.databaseUrl });
    await createUser({ email, password: PASSWORD, via: "cli" });
    jar = await signInOverHttp(server.url, { email, password: PASSWORD });
  }, 120_000);
  afterAll(async () => server?.stop());

  // The sign-in page sends a signed-in visitor straight on to the callbackUrl.
  it.each(OFF_SITE)("the sign-in page never redirects off-site for %j", async (raw) => {
    const res = await fetch(`${server.url}/sign-in?callbackUrl=${encodeURIComponent(raw)}`, {
      redirect: "manual",
      headers: { cookie: jar.header() },
    });
    await res.body?.cancel();
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(400);
    const target = new URL(res.headers.get("location")!, server.url);
    expect(target.origin).toBe(server.url);
    expect(target.pathname).toBe("/");
  });

  it("the sign-in page follows a same-site callbackUrl", async () => {
    const res = await fetch(`${server.url}/sign-in?callbackUrl=%2Fsettings%2Ftokens`, { redirect: "manual", headers: { cookie: jar.header() } });
    await res.body?.cancel();
    expect(new URL(res.headers.get("location")!, server.url).href).toBe(`${server.url}/settings/tokens`);
  });

  it.each(OFF_SITE)("next-auth's credentials callback answers / for %j", async (raw) => {
    const attempt = await postCredentials(server.url, { email, password: PASSWORD, callbackUrl: raw });
    expect(attempt.status).toBe(200);
    expect(attempt.body.url).toBe(`${server.url}/`);
  });

  it("next-auth's credentials callback keeps a same-site path", async () => {
    const attempt = await postCredentials(server.url, { email, password: PASSWORD, callbackUrl: "/settings/tokens?x=1" });
    expect(attempt.body.url).toBe(`${server.url}/settings/tokens?x=1`);
  });
});
