import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/users/create-user";
import { CookieJar, meStatus, signInOverHttp } from "../helpers/auth-http";
import { sql, useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { PASSWORD, uniqueEmail } from "../helpers/users";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
  await useDatabase({ name: "srv", url: server.databaseUrl });
}, 120_000);
afterAll(async () => server?.stop());

async function account() {
  const email = uniqueEmail("sessions");
  const user = await createUser({ email, password: PASSWORD, via: "cli" });
  return { email, user };
}

/** A write from our own page: cookie, Origin and JSON. */
function sameOrigin(jar: CookieJar, method: string, path: string, json?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: jar.header(), origin: server.url, ...(json ? { "content-type": "application/json" } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
}

async function signOut(jar: CookieJar) {
  const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.take(csrf);
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${server.url}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  await res.body?.cancel();
}

describe("server-side sessions", () => {
  it("sign-out ends the session: a copy of the cookie stops working", async () => {
    const { email } = await account();
    const jar = await signInOverHttp(server.url, { email, password: PASSWORD });
    const copied = jar.header();
    expect(await meStatus(server.url, copied)).toBe(200);
    await signOut(jar);
    expect(await meStatus(server.url, copied)).toBe(401);
  });

  it("signing out everywhere ends every session of the user, and no one else's", async () => {
    const { email, user } = await account();
    const other = await account();
    const laptop = await signInOverHttp(server.url, { email, password: PASSWORD });
    const phone = await signInOverHttp(server.url, { email, password: PASSWORD });
    const bystander = await signInOverHttp(server.url, { email: other.email, password: PASSWORD });
    const res = await sameOrigin(laptop, "DELETE", "/api/v1/me/sessions");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: 2 });
    expect(await meStatus(server.url, laptop)).toBe(401);
    expect(await meStatus(server.url, phone)).toBe(401);
    expect(await meStatus(server.url, bystander)).toBe(200);
    const events = await sql(server.databaseUrl, `SELECT "action", "actorId" FROM "AuditEvent" WHERE "subjectId" = $1 AND "action" = 'user.sessions_ended'`, [user.id]);
    expect(events).toEqual([{ action: "user.sessions_ended", actorId: user.id }]);
  });

  it("changing the password ends every session; the new password signs in, the old one not", async () => {
    const { email, user } = await account();
    const a = await signInOverHttp(server.url, { email, password: PASSWORD });
    const b = await signInOverHttp(server.url, { email, password: PASSWORD });
    const newPassword = "a much better passphrase";
    const wrong = await sameOrigin(a, "POST", "/api/v1/me/password", { currentPassword: "not my password", newPassword });
    expect(wrong.status).toBe(422);
    expect(await meStatus(server.url, a)).toBe(200);

    const res = await sameOrigin(a, "POST", "/api/v1/me/password", { currentPassword: PASSWORD, newPassword });
    expect(res.status).toBe(204);
    expect(await meStatus(server.url, a)).toBe(401);
    expect(await meStatus(server.url, b)).toBe(401);
    await expect(signInOverHttp(server.url, { email, password: PASSWORD })).rejects.toThrow(/sign-in failed/);
    expect(await meStatus(server.url, await signInOverHttp(server.url, { email, password: newPassword }))).toBe(200);
    const events = await sql(server.databaseUrl, `SELECT "action", "data" FROM "AuditEvent" WHERE "subjectId" = $1 AND "action" = 'user.password_changed'`, [user.id]);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(newPassword);
  });

  it("a session idle for longer than the idle timeout is over", async () => {
    const { email, user } = await account();
    const jar = await signInOverHttp(server.url, { email, password: PASSWORD });
    expect(await meStatus(server.url, jar)).toBe(200);
    await sql(server.databaseUrl, `UPDATE "Session" SET "lastSeenAt" = now() - interval '25 hours' WHERE "userId" = $1`, [user.id]);
    expect(await meStatus(server.url, jar)).toBe(401);
  });

  it("a session past its lifetime is over, however active", async () => {
    const { email, user } = await account();
    const jar = await signInOverHttp(server.url, { email, password: PASSWORD });
    await sql(server.databaseUrl, `UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = $1`, [user.id]);
    expect(await meStatus(server.url, jar)).toBe(401);
  });

  it("a session lives 7 days by default and records when it was last seen", async () => {
    const { email, user } = await account();
    await signInOverHttp(server.url, { email, password: PASSWORD });
    const [row] = await sql<{ hours: number }>(
      server.databaseUrl,
      `SELECT extract(epoch from ("expiresAt" - "createdAt")) / 3600 AS hours FROM "Session" WHERE "userId" = $1`,
      [user.id],
    );
    expect(Number(row!.hours)).toBeCloseTo(168, 3);
  });

  it("the session cookie itself no longer claims 30 days", async () => {
    const { email } = await account();
    const jar = new CookieJar();
    const csrf = await fetch(`${server.url}/api/auth/csrf`);
    jar.take(csrf);
    const { csrfToken } = await csrf.json();
    const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))!;
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]!);
    expect(expires - Date.now()).toBeLessThanOrEqual(168 * 3600_000 + 60_000);
  });
});

describe("the account page", () => {
  it("offers a password change and sign-out-everywhere to a signed-in user, and is linked from the header", async () => {
    const { email } = await account();
    const jar = await signInOverHttp(server.url, { email, password: PASSWORD });
    const res = await fetch(`${server.url}/settings/account`, { headers: { cookie: jar.header() } });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of ["Change password", 'name="currentPassword"', 'name="newPassword"', "Sign out everywhere", 'href="/settings/account"']) {
      expect(html).toContain(text);
    }
    expect(server.output()).not.toContain("JWT_SESSION_ERROR");
  });
});
