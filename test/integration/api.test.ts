import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import * as health from "@/app/api/v1/health/route";
import * as me from "@/app/api/v1/me/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as labels from "@/app/api/v1/projects/[projectId]/labels/route";
import * as project from "@/app/api/v1/projects/[projectId]/route";
import * as projects from "@/app/api/v1/projects/route";
import { db } from "@/lib/db/client";
import { createToken } from "@/lib/tokens/create-token";
import { revokeToken } from "@/lib/tokens/revoke-token";
import { generateTokenSecret, hashToken } from "@/lib/tokens/token-secret";
import { call } from "../helpers/api";
import { makeUserWithToken, type TestUser } from "../helpers/users";

const API_DIR = path.resolve(fileURLToPath(import.meta.url), "../../../app/api/v1");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

function expectUnauthenticated(result: { status: number; body: unknown }) {
  expect(result.status).toBe(401);
  expect(result.body).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
}

let alice: TestUser & { token: string };
let bob: TestUser & { token: string };

beforeAll(async () => {
  [alice, bob] = await Promise.all([makeUserWithToken({ name: "Alice" }), makeUserWithToken({ name: "Bob" })]);
});

describe("GET /health", () => {
  it("reports the database up, without credentials", async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "up" });
  });
});

describe("bearer tokens", () => {
  it("authenticate /me as the token's user", async () => {
    const { status, body } = await call(me.GET, { path: "/me", token: alice.token });
    expect(status).toBe(200);
    expect(body).toEqual({
      id: alice.user.id,
      email: alice.user.email,
      name: "Alice",
      isAdmin: alice.user.isAdmin,
      createdAt: alice.user.createdAt.toISOString(),
      authenticatedVia: "token",
    });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2/);
  });

  it("accept any case of the scheme and surrounding whitespace", async () => {
    const res = await call(me.GET, { path: "/me", headers: { authorization: `bearer   ${alice.token}  ` } });
    expect(res.status).toBe(200);
  });

  it.each([
    ["an unknown token", () => generateTokenSecret()],
    ["a token without the tw_ prefix", () => "ghp_" + generateTokenSecret().slice(3)],
    ["the token's hash instead of the token", () => hashToken(alice.token)],
    ["a truncated token", () => alice.token.slice(0, -1)],
  ])("refuse %s with 401", async (_, secret) => {
    expectUnauthenticated(await call(me.GET, { path: "/me", token: secret() }));
  });

  it("stop working once revoked", async () => {
    const { token: created, secret } = await createToken({ userId: alice.user.id, input: { name: "to revoke" } });
    expect((await call(me.GET, { path: "/me", token: secret })).status).toBe(200);
    await revokeToken({ userId: alice.user.id, tokenId: created.id });
    expectUnauthenticated(await call(me.GET, { path: "/me", token: secret }));
  });

  it("stop working once expired", async () => {
    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    const expired = await createToken({ userId: alice.user.id, input: { name: "expired", expiresInDays: 1 }, now: longAgo });
    expect(expired.token.expiresAt.getTime()).toBeLessThan(Date.now());
    expectUnauthenticated(await call(me.GET, { path: "/me", token: expired.secret }));

    const current = await createToken({ userId: alice.user.id, input: { name: "current", expiresInDays: 1 } });
    expect((await call(me.GET, { path: "/me", token: current.secret })).status).toBe(200);
  });

  it.each([
    ["another scheme", (t: string) => `Basic ${t}`],
    ["a bare scheme", () => "Bearer"],
    ["two credentials", (t: string) => `Bearer ${t} ${t}`],
    ["no scheme", (t: string) => t],
  ])("refuse a malformed Authorization header (%s) with 401", async (_, header) => {
    const result = await call(me.GET, { path: "/me", headers: { authorization: header(alice.token) } });
    expectUnauthenticated(result);
    expect(result.body.error.message).toMatch(/Bearer/);
  });
});

describe("POST /projects", () => {
  it("creates a project owned by the caller", async () => {
    const { status, body } = await call(projects.POST, { path: "/projects", token: alice.token, json: { name: "  Field notes  " } });
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: "Field notes", description: "", role: "owner", memberCount: 1, documentCount: 0 });
    expect(typeof body.id).toBe("string");
    const got = await call(project.GET, { path: `/projects/${body.id}`, token: alice.token, params: { projectId: body.id } });
    expect(got.status).toBe(200);
    expect(got.body.labels.map((l: { name: string }) => l.name)).toEqual(["Claim", "Entity", "Figure"]);
    const listed = await call(labels.GET, { path: `/projects/${body.id}/labels`, token: alice.token, params: { projectId: body.id } });
    expect(listed.body).toEqual({ labels: got.body.labels.map((l: object) => ({ ...l, annotationCount: 0 })), nextCursor: null });
  });

  it("answers 400 to a body that is not JSON", async () => {
    const { status, body } = await call(projects.POST, {
      path: "/projects",
      token: alice.token,
      body: "{name: 'not json'",
      headers: { "content-type": "application/json" },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
  });

  it.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }],
    ["no content type", {}],
  ])("answers 415 to %s", async (_, headers) => {
    const { status, body } = await call(projects.POST, {
      path: "/projects",
      token: alice.token,
      body: JSON.stringify({ name: "x" }),
      headers,
    });
    expect(status).toBe(415);
    expect(body.error.code).toBe("unsupported_media_type");
  });

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["a blank name", { name: "   " }, "name"],
    ["no name", { description: "x" }, "name"],
    ["a non-string description", { name: "ok", description: 5 }, "description"],
  ])("answers 400 with the issues to %s", async (_, json, field) => {
    const before = await db().project.count();
    const { status, body } = await call(projects.POST, { path: "/projects", token: alice.token, json });
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await db().project.count()).toBe(before);
  });

  it("answers 413 to an oversized body", async () => {
    const { status, body } = await call(projects.POST, {
      path: "/projects",
      token: alice.token,
      json: { name: "big", description: "x".repeat(1_100_000) },
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe("payload_too_large");
  });

  it("answers 401 before looking at the body", async () => {
    expectUnauthenticated(await call(projects.POST, { path: "/projects", token: generateTokenSecret(), body: "garbage" }));
  });
});

describe("GET /projects", () => {
  let carol: TestUser & { token: string };
  const names: string[] = [];

  beforeAll(async () => {
    carol = await makeUserWithToken();
    for (let i = 0; i < 7; i++) {
      const res = await call(projects.POST, { path: "/projects", token: carol.token, json: { name: `Carol ${i}` } });
      names.push(res.body.name);
    }
    await call(projects.POST, { path: "/projects", token: bob.token, json: { name: "Bob's secret" } });
  });

  it("lists only the caller's projects, as { projects, nextCursor }", async () => {
    const { status, body } = await call(projects.GET, { path: "/projects", token: carol.token });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["nextCursor", "projects"]);
    expect(body.nextCursor).toBeNull();
    expect(body.projects.map((p: { name: string }) => p.name).sort()).toEqual([...names].sort());
    for (const p of body.projects) expect(p).toMatchObject({ role: "owner", memberCount: 1, documentCount: 0 });
  });

  it("pages with limit and cursor, newest first, without duplicates or gaps", async () => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await call(projects.GET, { path: `/projects${query}`, token: carol.token });
      expect(res.status).toBe(200);
      pageSizes.push(res.body.projects.length);
      seen.push(...res.body.projects.map((p: { name: string }) => p.name));
      cursor = res.body.nextCursor;
    } while (cursor && pageSizes.length < 10);
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...names].sort());
    // The pages, concatenated, are the one-page listing: same order, nothing skipped or repeated.
    const whole = await call(projects.GET, { path: "/projects?limit=50", token: carol.token });
    expect(seen).toEqual(whole.body.projects.map((p: { name: string }) => p.name));
  });

  it("returns an exact last page with nextCursor null", async () => {
    const first = await call(projects.GET, { path: "/projects?limit=4", token: carol.token });
    const second = await call(projects.GET, { path: `/projects?limit=4&cursor=${first.body.nextCursor}`, token: carol.token });
    expect(second.body.projects).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    const all = await call(projects.GET, { path: "/projects?limit=7", token: carol.token });
    expect(all.body.projects).toHaveLength(7);
    expect(all.body.nextCursor).toBeNull();
  });

  it.each(["0", "-1", "abc", "201", "1.5"])("answers 400 to limit=%s", async (limit) => {
    const { status, body } = await call(projects.GET, { path: `/projects?limit=${limit}`, token: carol.token });
    expect(status).toBe(400);
    expect(body.error.details.issues[0].path).toBe("limit");
  });

  it("answers 401 without valid credentials", async () => {
    expectUnauthenticated(await call(projects.GET, { path: "/projects", token: "tw_nope" }));
  });
});

// /tokens (creation needs a session): test/integration/tokens-api.test.ts.

describe("GET /openapi.json", () => {
  /** Every route.ts under app/api/v1 as an OpenAPI path, with the HTTP methods it exports. */
  function routeFiles(dir = API_DIR): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return routeFiles(full);
      return entry.name === "route.ts" ? [full] : [];
    });
  }

  function openApiPath(file: string): string {
    const relative = path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/");
    return `/${relative}`.replace(/\[([^\]]+)\]/g, "{$1}");
  }

  it("is an OpenAPI 3.1 document describing every route and method under app/api/v1", async () => {
    const res = await openapi.GET();
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);

    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(9);
    const fromFiles: Record<string, string[]> = {};
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      fromFiles[openApiPath(file)] = HTTP_METHODS.filter((m) => typeof mod[m] === "function").map((m) => m.toLowerCase()).sort();
    }
    const fromDoc: Record<string, string[]> = Object.fromEntries(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).map(([p, ops]) => [p, Object.keys(ops).sort()]),
    );
    expect(fromDoc).toEqual(fromFiles);
  });

  it("documents the JSON error shape and bearer authentication", async () => {
    const doc = await (await openapi.GET()).json();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const unauthorized = doc.paths["/me"].get.responses["401"];
    expect(JSON.stringify(unauthorized)).toContain("unauthenticated");
    expect(doc.paths["/projects"].post.requestBody.content["application/json"].schema.properties.name).toBeDefined();
  });
});
