import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as documents from "@/app/api/v1/projects/[projectId]/documents/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { openApiDocument } from "@/lib/api/openapi";
import { sealPending } from "@/lib/audit/sealer";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { createEntity } from "@/lib/entities/create-entity";
import { runSuggestions } from "@/lib/suggestions/run-suggestions";
import { createToken } from "@/lib/tokens/create-token";
import { call, type RouteHandler } from "../helpers/api";
import { sql } from "../helpers/database";
import { makeUser, type TestUser } from "../helpers/users";

/**
 * Item 8: tokens carry a scope and an expiry. A `read` token is refused every non-safe method of
 * every route (checked once, in apiRoute); a token of any scope cannot mint tokens; expiry
 * defaults to 90 days and may not pass 365.
 */

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const DAY = 86_400_000;

let owner: TestUser;
let readToken: string;
let writeToken: string;
let ids: Record<string, string>;

beforeAll(async () => {
  // An instance admin, so the admin-only audit routes are reads it may make too.
  owner = await makeUser({ isAdmin: true });
  const other = await makeUser();
  readToken = (await createToken({ userId: owner.user.id, input: { name: "read", scope: "read" } })).secret;
  writeToken = (await createToken({ userId: owner.user.id, input: { name: "write", scope: "write" } })).secret;
  const spare = await createToken({ userId: owner.user.id, input: { name: "spare", scope: "write" } });
  const project = await createProject({ actorId: owner.user.id, input: { name: "Scopes" } });
  await addMember({ actorId: owner.user.id, projectId: project.id, input: { email: other.user.email, role: "viewer" } });
  // A real upload, so the document has an original to GET.
  const form = new FormData();
  form.append("file", new File(["Officials said 40 people left."], "report.txt", { type: "text/plain" }));
  const req = new NextRequest(new URL(`/api/v1/projects/${project.id}/documents`, "http://localhost:3000"), {
    method: "POST",
    headers: { authorization: `Bearer ${writeToken}` },
    body: form,
  });
  const uploaded = await (await documents.POST(req, { params: Promise.resolve({ projectId: project.id }) })).json();
  const documentId = uploaded.results[0].document.id as string;
  const label = await db().label.findFirstOrThrow({ where: { projectId: project.id, name: "Claim" } });
  const annotations = await import("@/app/api/v1/documents/[documentId]/annotations/route");
  const annotation = await call(annotations.POST, {
    path: `/documents/${documentId}/annotations`,
    token: writeToken,
    json: { label: "Claim", start: 0, end: 9 },
    params: { documentId },
  });
  expect(annotation.status).toBe(201);
  // An entity whose alias the text holds, and the suggestion it gives (issue 15 routes).
  const entity = await createEntity({ actorId: owner.user.id, projectId: project.id, input: { name: "Officials", aliases: ["officials"] } });
  await runSuggestions({ actorId: owner.user.id, projectId: project.id, documentId });
  const suggestion = await db().suggestion.findFirstOrThrow({ where: { documentId, entityId: entity.id } });
  await sealPending(); // so the audit log has a checkpoint and events to read
  ids = {
    projectId: project.id,
    documentId,
    annotationId: annotation.body.id,
    labelId: label.id,
    userId: other.user.id,
    tokenId: spare.token.id,
    entityId: entity.id,
    suggestionId: suggestion.id,
  };
});

/** Plausible bodies, so that without the scope check these writes would go through. */
const BODIES: Record<string, unknown> = {
  "post /projects": { name: "Another" },
  "patch /projects/{projectId}": { name: "Renamed" },
  "post /projects/{projectId}/labels": { name: "Casualty", kind: "figure" },
  "patch /labels/{labelId}": { name: "Assertion" },
  "post /projects/{projectId}/members": { email: "nobody@example.com", role: "viewer" },
  "patch /projects/{projectId}/members/{userId}": { role: "reviewer" },
  "post /projects/{projectId}/documents": { title: "Pasted", text: "Some text." },
  "patch /documents/{documentId}": { title: "Retitled" },
  "post /documents/{documentId}/annotations": { label: "Claim", start: 10, end: 14 },
  "patch /annotations/{annotationId}": { version: 1, status: "accepted" },
  "delete /annotations/{annotationId}": { version: 1 },
  "post /annotations/{annotationId}/restore": { version: 1 },
  "post /tokens": { name: "minted", scope: "write" },
  "post /projects/{projectId}/entities": { name: "Council", aliases: ["the council"] },
  "patch /entities/{entityId}": { aliases: ["officials", "the officials"] },
  "post /entities/{entityId}/merge": { from: ["another"] },
  "post /annotations/{annotationId}/review": { decision: "accept", version: 1 },
  "post /documents/{documentId}/request-changes": { comment: "Tag the figure" },
  "post /documents/{documentId}/sign-off": { annotationSetHash: "0".repeat(64) },
  "put /documents/{documentId}/assignees": { annotators: [], reviewer: null },
};
const QUERIES: Record<string, string> = {
  "get /projects/{projectId}/export": "?format=jsonl",
  "get /audit/proof/inclusion": "?seq=1&treeSize=2",
  "get /audit/proof/consistency": "?from=1&to=2",
};

interface Operation {
  method: string;
  path: string;
  handler: RouteHandler<Record<string, string>>;
  params: Record<string, string>;
  url: string;
}

/** Every operation of the OpenAPI document, bound to its route module and real ids. */
async function operations(): Promise<Operation[]> {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
  const result: Operation[] = [];
  for (const [apiPath, ops] of Object.entries(doc.paths)) {
    const file = path.join(API_DIR, apiPath.replace(/\{([^}]+)\}/g, "[$1]"), "route.ts");
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, RouteHandler<Record<string, string>>>;
    const names = [...apiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const params = Object.fromEntries(names.map((name) => [name, ids[name]!]));
    const url = apiPath.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name]!);
    for (const method of Object.keys(ops)) {
      result.push({ method: method.toUpperCase(), path: apiPath, handler: mod[method.toUpperCase()]!, params, url });
    }
  }
  return result;
}

/** A fingerprint of every table's content: any insert, update or delete changes it. */
async function fingerprint(): Promise<Record<string, string | null>> {
  const url = process.env.DATABASE_URL!;
  const tables = await sql<{ name: string }>(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const out: Record<string, string | null> = {};
  for (const { name } of tables) {
    const [row] = await sql<{ h: string | null }>(url, `SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS h FROM "${name}" t`);
    out[name] = row!.h;
  }
  return out;
}

describe("a read token", () => {
  it("gets 403 on every write of every route in the OpenAPI document, and nothing is written", async () => {
    const writes = (await operations()).filter((op) => !["GET", "HEAD", "OPTIONS"].includes(op.method));
    expect(writes.length).toBeGreaterThanOrEqual(15);
    const before = await fingerprint();
    for (const op of writes) {
      const key = `${op.method.toLowerCase()} ${op.path}`;
      const res = await call(op.handler, { path: op.url, method: op.method, token: readToken, json: BODIES[key] ?? {}, params: op.params });
      expect(res.status, key).toBe(403);
      expect(res.body.error.code, key).toBe("forbidden");
      expect(res.body.error.message, key).toMatch(/read-only/);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("gets 2xx on every read of every route in the OpenAPI document", async () => {
    const reads = (await operations()).filter((op) => op.method === "GET");
    expect(reads.length).toBeGreaterThanOrEqual(12);
    for (const op of reads) {
      const key = `get ${op.path}`;
      const res = await op.handler(
        new NextRequest(new URL(`/api/v1${op.url}${QUERIES[key] ?? ""}`, "http://localhost:3000"), { headers: { authorization: `Bearer ${readToken}` } }),
        { params: Promise.resolve(op.params) },
      );
      expect(res.status, key).toBeGreaterThanOrEqual(200);
      expect(res.status, key).toBeLessThan(300);
      // An event stream does not end by itself: its client goes away instead.
      if (res.headers.get("content-type")?.startsWith("text/event-stream")) await res.body?.cancel();
      else await res.arrayBuffer();
    }
  });

  it("is what a write token is not: the same write goes through with scope write", async () => {
    const projects = await import("@/app/api/v1/projects/route");
    expect((await call(projects.POST, { path: "/projects", token: readToken, json: { name: "R" } })).status).toBe(403);
    expect((await call(projects.POST, { path: "/projects", token: writeToken, json: { name: "W" } })).status).toBe(201);
  });
});

describe("tokens cannot create tokens", () => {
  // A read token is stopped earlier, by the scope check, with its own message.
  it.each([
    ["a write token", () => writeToken, "tokens cannot create tokens; sign in or use the CLI"],
    ["a read token", () => readToken, "This access token is read-only; use a token with scope write"],
  ])("POST /tokens with %s is 403 and creates nothing", async (_, token, message) => {
    const count = await db().apiToken.count();
    const res = await call(tokens.POST, { path: "/tokens", token: token(), json: { name: "minted", scope: "write", expiresInDays: 365 } });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({ code: "forbidden", message });
    expect(await db().apiToken.count()).toBe(count);
  });
});

describe("expiry and scope at creation", () => {
  const now = new Date("2026-12-03T12:00:00.000Z");

  it("defaults to 90 days and scope write (the tokens page preselects read)", async () => {
    const { token } = await createToken({ userId: owner.user.id, input: { name: "defaults" }, now });
    expect(token.expiresAt?.toISOString()).toBe(new Date(now.getTime() + 90 * DAY).toISOString());
    expect(token.scope).toBe("write");
  });

  it("accepts 1 and 365 days", async () => {
    for (const days of [1, 365]) {
      const { token } = await createToken({ userId: owner.user.id, input: { name: `d${days}`, expiresInDays: days }, now });
      expect(token.expiresAt?.getTime()).toBe(now.getTime() + days * DAY);
    }
  });

  it.each([0, 366, 3650, 1.5, -1])("refuses expiresInDays %s, writing nothing", async (days) => {
    const count = await db().apiToken.count();
    await expect(createToken({ userId: owner.user.id, input: { name: "bad", expiresInDays: days } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["expiresInDays"] })],
    });
    expect(await db().apiToken.count()).toBe(count);
  });

  it("refuses a scope other than read or write", async () => {
    await expect(createToken({ userId: owner.user.id, input: { name: "admin", scope: "admin" } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["scope"] })],
    });
  });

  it("records scope and expiry in the token.created audit event", async () => {
    const { token } = await createToken({ userId: owner.user.id, input: { name: "audited", scope: "write", expiresInDays: 7 }, now });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "token.created", subjectId: token.id } });
    expect(event.data).toMatchObject({ scope: "write", expiresAt: new Date(now.getTime() + 7 * DAY).toISOString() });
  });
});
