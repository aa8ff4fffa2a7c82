import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { signInOverHttp, type CookieJar } from "../helpers/auth-http";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { PASSWORD, uniqueEmail } from "../helpers/users";

/** A cookie-authenticated write, the kind assertSameOrigin guards. */
function createProject(server: RunningServer, jar: CookieJar, headers: Record<string, string>) {
  return fetch(`${server.url}/api/v1/projects`, {
    method: "POST",
    headers: { cookie: jar.header(), "content-type": "application/json", ...headers },
    body: JSON.stringify({ name: `P ${Math.random()}` }),
  });
}

async function signedIn(server: RunningServer): Promise<CookieJar> {
  await useDatabase({ name: "srv", url: server.databaseUrl });
  const email = uniqueEmail("origin");
  await createUser({ email, password: PASSWORD, via: "cli" });
  return signInOverHttp(server.url, { email, password: PASSWORD });
}

describe("without TRACEWELL_TRUST_PROXY", () => {
  let server: RunningServer;
  let jar: CookieJar;
  beforeAll(async () => {
    server = await startServer();
    jar = await signedIn(server);
  }, 120_000);
  afterAll(async () => server?.stop());

  it("accepts a write from our own origin", async () => {
    const res = await createProject(server, jar, { origin: server.url });
    expect(res.status).toBe(201);
  });

  it("refuses another origin even when X-Forwarded-Host claims to be it, and writes nothing", async () => {
    const before = await db().project.count();
    const res = await createProject(server, jar, { origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(await db().project.count(), "the cross-origin write must not happen").toBe(before);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  it.each(["http://[", "not a url", "https://"])("answers a malformed Origin %j with 403, not 500", async (origin) => {
    const res = await createProject(server, jar, { origin });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });
});

describe("with TRACEWELL_TRUST_PROXY=1", () => {
  let server: RunningServer;
  let jar: CookieJar;
  beforeAll(async () => {
    server = await startServer({ env: { TRACEWELL_TRUST_PROXY: "1" } });
    jar = await signedIn(server);
  }, 120_000);
  afterAll(async () => server?.stop());

  it("takes the public host from X-Forwarded-Host, as the proxy states it", async () => {
    const res = await createProject(server, jar, { origin: "https://tracewell.example", "x-forwarded-host": "tracewell.example" });
    expect(res.status).toBe(201);
    const other = await createProject(server, jar, { origin: "https://evil.example", "x-forwarded-host": "tracewell.example" });
    expect(other.status).toBe(403);
  });
});
