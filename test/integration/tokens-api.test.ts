import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashToken } from "@/lib/tokens/token-secret";
import { createUser } from "@/lib/users/create-user";
import { type CookieJar, signInOverHttp } from "../helpers/auth-http";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { PASSWORD, uniqueEmail } from "../helpers/users";
import { cli } from "../helpers/cli";

/**
 * /tokens through the real server: creating a token needs a signed-in session (a Next.js request
 * context that `call()` cannot give), so these requests go over HTTP with next-auth's cookie.
 */

const DAY = 86_400_000;

let server: RunningServer;
let jar: CookieJar;
let email: string;
let userId: string;

beforeAll(async () => {
  server = await startServer();
  await useDatabase({ name: "srv", url: server.databaseUrl });
  email = uniqueEmail("tokens");
  userId = (await createUser({ email, password: PASSWORD, via: "cli" })).id;
  jar = await signInOverHttp(server.url, { email, password: PASSWORD });
}, 120_000);
afterAll(async () => server?.stop());

async function api(method: string, url: string, { json, cookie, token }: { json?: unknown; cookie?: string; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (cookie) Object.assign(headers, { cookie, origin: server.url });
  if (token) headers.authorization = `Bearer ${token}`;
  if (json !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.url}/api/v1${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const session = (method: string, url: string, json?: unknown) => api(method, url, { json, cookie: jar.header() });

describe("POST /tokens with a session", () => {
  it("creates a 90-day write token by default; the secret appears only in the creation response", async () => {
    const before = Date.now();
    const created = await session("POST", "/tokens", { name: "CI" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "CI", scope: "write", revokedAt: null, prefix: created.body.token.slice(0, 9) });
    const expires = Date.parse(created.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 90 * DAY);
    expect(expires).toBeLessThanOrEqual(Date.now() + 90 * DAY);

    expect((await api("GET", "/me", { token: created.body.token })).body.id).toBe(userId);
    const readOnly = await session("POST", "/tokens", { name: "reader", scope: "read" });
    expect(readOnly.body.scope).toBe("read");
    expect((await api("POST", "/projects", { token: readOnly.body.token, json: { name: "nope" } })).status).toBe(403);

    const listed = await session("GET", "/tokens");
    expect(listed.status).toBe(200);
    for (const t of listed.body.tokens) {
      expect(Object.keys(t).sort()).toEqual(["createdAt", "expiresAt", "id", "name", "prefix", "revokedAt", "scope"]);
    }
    const raw = JSON.stringify(listed.body);
    expect(raw).not.toContain(created.body.token);
    expect(raw).not.toContain(hashToken(created.body.token));
  });

  it("creates a write token with the expiry asked for, which can write", async () => {
    const created = await session("POST", "/tokens", { name: "importer", scope: "write", expiresInDays: 365 });
    expect(created.status).toBe(201);
    expect(created.body.scope).toBe("write");
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(364 * DAY);
    expect((await api("POST", "/projects", { token: created.body.token, json: { name: "Written" } })).status).toBe(201);
  });

  it.each([
    [{ name: "x", expiresInDays: 0 }, "expiresInDays"],
    [{ name: "x", expiresInDays: 366 }, "expiresInDays"],
    [{ name: "x", expiresInDays: "30" }, "expiresInDays"],
    [{ name: "x", scope: "admin" }, "scope"],
  ])("answers 400 to %j and creates nothing", async (json, field) => {
    const count = await db().apiToken.count();
    const { status, body } = await session("POST", "/tokens", json);
    expect(status).toBe(400);
    expect(body.error.details.issues[0].path).toBe(field);
    expect(await db().apiToken.count()).toBe(count);
  });

  it("refuses a token, even a write token, with 403", async () => {
    const { body } = await session("POST", "/tokens", { name: "parent", scope: "write" });
    const minted = await api("POST", "/tokens", { token: body.token, json: { name: "child", scope: "write" } });
    expect(minted.status).toBe(403);
    expect(minted.body.error.message).toBe("tokens cannot create tokens; sign in or use the CLI");
  });
});

describe("DELETE /tokens/{id}", () => {
  it("revokes the caller's own token with a write token; someone else's is not found; a read token may not", async () => {
    const victim = (await session("POST", "/tokens", { name: "short-lived" })).body;
    const writer = (await session("POST", "/tokens", { name: "writer", scope: "write" })).body;
    const reader = (await session("POST", "/tokens", { name: "reader", scope: "read" })).body;

    const otherEmail = uniqueEmail("other");
    await createUser({ email: otherEmail, password: PASSWORD, via: "cli" });
    const otherJar = await signInOverHttp(server.url, { email: otherEmail, password: PASSWORD });
    const foreign = await api("DELETE", `/tokens/${victim.id}`, { cookie: otherJar.header() });
    expect(foreign.status).toBe(404);

    expect((await api("DELETE", `/tokens/${victim.id}`, { token: reader.token })).status).toBe(403);
    expect((await api("GET", "/me", { token: victim.token })).status).toBe(200);

    const revoked = await api("DELETE", `/tokens/${victim.id}`, { token: writer.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(revoked.body.token).toBeUndefined();
    expect((await api("GET", "/me", { token: victim.token })).status).toBe(401);
  });
});

describe("the tokens page", () => {
  it("offers scope and expiry, and lists each token's scope and expiry", async () => {
    await session("POST", "/tokens", { name: "page-writer", scope: "write", expiresInDays: 12 });
    const res = await fetch(`${server.url}/settings/tokens`, { headers: { cookie: jar.header() } });
    const html = await res.text();
    expect(res.status).toBe(200);
    // Attribute order is React's business: look ahead for each one within the tag.
    expect(html).toMatch(/<input(?=[^>]*type="radio")(?=[^>]*name="scope")(?=[^>]*value="read")(?=[^>]*checked)[^>]*>/);
    expect(html).toMatch(/<input(?=[^>]*name="expiresInDays")(?=[^>]*max="365")(?=[^>]*value="90")[^>]*>/);
    expect(html).toContain("Read and write");
    expect(html).toContain("Read only");
    expect(html).not.toContain("Never");
  });
});

describe("tracewell token create", () => {
  it("takes --scope and --expires-in-days and prints the token last", async () => {
    const { code, stdout, stderr } = await cli(["token", "create", "--email", email, "--name", "cli", "--scope", "write", "--expires-in-days", "30"]);
    expect(code, stderr).toBe(0);
    const secret = stdout.trim().split("\n").at(-1)!;
    const row = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(secret) } });
    expect(row.scope).toBe("write");
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / DAY)).toBe(30);
    expect(stderr).toContain("scope write");
  }, 60_000);

  it.each([
    [["--expires-in-days", "366"], /365/],
    [["--scope", "admin"], /read or write/],
  ])("refuses %j", async (flags, message) => {
    const { code, stderr } = await cli(["token", "create", "--email", email, ...flags]);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  }, 60_000);
});
