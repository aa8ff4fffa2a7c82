import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { call, type RouteHandler } from "../helpers/api";
import { CALLERS, LABEL, auditEventCount, makeWorld, type Caller, type World } from "../helpers/authorization-world";
import { PASSWORD, makeUser } from "../helpers/users";

/**
 * Every route of app/api/v1 × every kind of caller, expected statuses written out by hand from
 * the documented policy (ARCHITECTURE.md, README), NOT derived from lib/auth: a change of policy
 * must change this table too. Columns:
 *
 *   owner reviewer annotator viewer │ outsider (owner of another project) │ admin (instance admin,
 *   in no project) │ anonymous (no Authorization) │ bad token
 *
 * Callers outside the project must get 404 with nothing but the error (never 403, never data);
 * every refused call must write nothing (no audit event: every write records one in its transaction).
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const API = path.join(ROOT, "app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

interface Request {
  path: string;
  params?: Record<string, string>;
  json?: unknown;
  body?: string;
}

interface Row {
  method: string;
  route: string;
  /** Several rows may cover one route and method (own vs another's annotation …). */
  variant?: string;
  expected: string;
  request: (caller: Caller, w: World) => Promise<Request> | Request;
}

const P = (w: World) => ({ projectId: w.projectId });
const jsonl = (text: string) =>
  [
    JSON.stringify({ type: "document", title: "Imported", text, annotations: [] }),
    JSON.stringify({ type: "end", documents: 1, annotations: 0 }),
  ].join("\n");

// prettier-ignore
const TABLE: Row[] = [
  //                                                                             O   R   A   V   out adm anon bad
  { method: "GET", route: "health", expected:                                   "200 200 200 200 200 200 200 200", request: () => ({ path: "/health" }) },
  { method: "GET", route: "openapi.json", expected:                             "200 200 200 200 200 200 200 200", request: () => ({ path: "/openapi.json" }) },
  { method: "GET", route: "me", expected:                                       "200 200 200 200 200 200 401 401", request: () => ({ path: "/me" }) },
  { method: "POST", route: "me/password", expected:                             "204 204 204 204 204 204 401 401",
    request: () => ({ path: "/me/password", json: { currentPassword: PASSWORD, newPassword: "a different horse battery staple" } }) },
  { method: "DELETE", route: "me/sessions", expected:                           "200 200 200 200 200 200 401 401", request: () => ({ path: "/me/sessions" }) },
  { method: "GET", route: "tokens", expected:                                   "200 200 200 200 200 200 401 401", request: () => ({ path: "/tokens" }) },
  // Tokens cannot mint tokens (sessions and the CLI only), whoever holds them.
  { method: "POST", route: "tokens", expected:                                  "403 403 403 403 403 403 401 401", request: () => ({ path: "/tokens", json: { name: "minted" } }) },
  { method: "DELETE", route: "tokens/[tokenId]", variant: "own", expected:      "200 200 200 200 200 200 401 401",
    request: async (c, w) => tokenRequest(c === "anonymous" || c === "bad token" ? await w.tokenOf(w.users.bystander.user.id) : await w.tokenOf(userOf(c, w))) },
  { method: "DELETE", route: "tokens/[tokenId]", variant: "another user's", expected: "404 404 404 404 404 404 401 401",
    request: async (_, w) => tokenRequest(await w.tokenOf(w.users.bystander.user.id)) },
  { method: "GET", route: "projects", expected:                                 "200 200 200 200 200 200 401 401", request: () => ({ path: "/projects" }) },
  { method: "POST", route: "projects", expected:                                "201 201 201 201 201 201 401 401", request: (_, w) => ({ path: "/projects", json: { name: `New ${w.unique()}` } }) },

  { method: "GET", route: "projects/[projectId]", expected:                     "200 200 200 200 404 404 401 401", request: (_, w) => ({ path: `/projects/${w.projectId}`, params: P(w) }) },
  { method: "PATCH", route: "projects/[projectId]", expected:                   "200 403 403 403 404 404 401 401",
    request: (_, w) => ({ path: `/projects/${w.projectId}`, params: P(w), json: { description: `Changed ${w.unique()}` } }) },
  { method: "GET", route: "projects/[projectId]/audit", expected:               "200 200 200 200 404 404 401 401", request: (_, w) => ({ path: `/projects/${w.projectId}/audit`, params: P(w) }) },
  { method: "GET", route: "projects/[projectId]/documents", expected:           "200 200 200 200 404 404 401 401", request: (_, w) => ({ path: `/projects/${w.projectId}/documents`, params: P(w) }) },
  { method: "POST", route: "projects/[projectId]/documents", expected:          "201 201 201 403 404 404 401 401",
    request: (_, w) => ({ path: `/projects/${w.projectId}/documents`, params: P(w), json: { title: "Pasted", text: `Pasted ${w.unique()}` } }) },
  { method: "GET", route: "projects/[projectId]/export", expected:              "200 200 403 403 404 404 401 401",
    request: (_, w) => ({ path: `/projects/${w.projectId}/export?format=jsonl`, params: P(w) }) },
  { method: "POST", route: "projects/[projectId]/import", expected:             "201 201 403 403 404 404 401 401",
    request: (_, w) => ({ path: `/projects/${w.projectId}/import?format=jsonl`, params: P(w), body: jsonl(`Imported ${w.unique()}`) }) },
  { method: "GET", route: "projects/[projectId]/labels", expected:              "200 200 200 200 404 404 401 401", request: (_, w) => ({ path: `/projects/${w.projectId}/labels`, params: P(w) }) },
  { method: "POST", route: "projects/[projectId]/labels", expected:             "201 403 403 403 404 404 401 401",
    request: (_, w) => ({ path: `/projects/${w.projectId}/labels`, params: P(w), json: { name: `L ${w.unique()}`, kind: "other", color: "#aa0000" } }) },
  { method: "GET", route: "projects/[projectId]/members", expected:             "200 200 200 200 404 404 401 401", request: (_, w) => ({ path: `/projects/${w.projectId}/members`, params: P(w) }) },
  { method: "POST", route: "projects/[projectId]/members", expected:            "201 403 403 403 404 404 401 401",
    request: async (_, w) => ({ path: `/projects/${w.projectId}/members`, params: P(w), json: { email: (await newUserEmail(w)), role: "viewer" } }) },
  { method: "PATCH", route: "projects/[projectId]/members/[userId]", expected:  "200 403 403 403 404 404 401 401",
    request: async (_, w) => ({ ...memberRequest(w, await w.member()), json: { role: "annotator" } }) },
  // The caller's right is checked before the target is looked for.
  { method: "PATCH", route: "projects/[projectId]/members/[userId]", variant: "not a member", expected: "404 403 403 403 404 404 401 401",
    request: (_, w) => ({ ...memberRequest(w, w.users.bystander.user.id), json: { role: "annotator" } }) },
  { method: "DELETE", route: "projects/[projectId]/members/[userId]", expected: "204 403 403 403 404 404 401 401", request: async (_, w) => memberRequest(w, await w.member()) },

  { method: "GET", route: "documents/[documentId]", expected:                   "200 200 200 200 404 404 401 401", request: (_, w) => documentRequest(w.documentId) },
  { method: "PATCH", route: "documents/[documentId]", expected:                 "200 200 200 403 404 404 401 401",
    request: (_, w) => ({ ...documentRequest(w.documentId), json: { title: `Shared ${w.unique()}` } }) },
  { method: "DELETE", route: "documents/[documentId]", expected:                "204 403 403 403 404 404 401 401", request: async (_, w) => documentRequest(await w.document()) },
  { method: "GET", route: "documents/[documentId]/original", expected:          "200 200 200 200 404 404 401 401",
    request: (_, w) => ({ ...documentRequest(w.documentId), path: `/documents/${w.documentId}/original` }) },
  { method: "GET", route: "documents/[documentId]/annotations", expected:       "200 200 200 200 404 404 401 401",
    request: (_, w) => ({ ...documentRequest(w.documentId), path: `/documents/${w.documentId}/annotations` }) },
  { method: "POST", route: "documents/[documentId]/annotations", expected:      "201 201 201 403 404 404 401 401",
    request: (_, w) => ({ ...documentRequest(w.documentId), path: `/documents/${w.documentId}/annotations`, json: { label: LABEL, start: 6, end: 10 } }) },

  { method: "GET", route: "annotations/[annotationId]", expected:               "200 200 200 200 404 404 401 401",
    request: async (_, w) => annotationRequest(await w.annotation(w.users.colleague.user.id)) },
  { method: "GET", route: "annotations/[annotationId]", variant: "deleted", expected: "404 404 404 404 404 404 401 401",
    request: async (_, w) => annotationRequest(await w.tombstone(w.users.colleague.user.id)) },
  { method: "PATCH", route: "annotations/[annotationId]", variant: "another member's", expected: "200 200 403 403 404 404 401 401",
    request: async (_, w) => ({ ...annotationRequest(await w.annotation(w.users.colleague.user.id)), json: { version: 1, start: 1 } }) },
  { method: "PATCH", route: "annotations/[annotationId]", variant: "own", expected: "200 200 200 403 404 404 401 401",
    request: async (c, w) => ({ ...annotationRequest(await w.annotation(w.authorFor(c))), json: { version: 1, start: 1 } }) },
  // Setting the review status needs the review role, even on one's own annotation.
  { method: "PATCH", route: "annotations/[annotationId]", variant: "own, status", expected: "200 200 403 403 404 404 401 401",
    request: async (c, w) => ({ ...annotationRequest(await w.annotation(w.authorFor(c))), json: { version: 1, status: "accepted" } }) },
  { method: "DELETE", route: "annotations/[annotationId]", variant: "another member's", expected: "204 204 403 403 404 404 401 401",
    request: async (_, w) => versionQuery(annotationRequest(await w.annotation(w.users.colleague.user.id)), 1) },
  { method: "DELETE", route: "annotations/[annotationId]", variant: "own", expected: "204 204 204 403 404 404 401 401",
    request: async (c, w) => versionQuery(annotationRequest(await w.annotation(w.authorFor(c))), 1) },
  { method: "GET", route: "annotations/[annotationId]/revisions", expected:     "200 200 200 200 404 404 401 401",
    request: async (_, w) => subRequest(await w.tombstone(w.users.colleague.user.id), "revisions") },
  { method: "POST", route: "annotations/[annotationId]/restore", variant: "another member's", expected: "200 200 403 403 404 404 401 401",
    request: async (_, w) => ({ ...subRequest(await w.tombstone(w.users.colleague.user.id), "restore"), json: { version: 2 } }) },
  { method: "POST", route: "annotations/[annotationId]/restore", variant: "own", expected: "200 200 200 403 404 404 401 401",
    request: async (c, w) => ({ ...subRequest(await w.tombstone(w.authorFor(c)), "restore"), json: { version: 2 } }) },

  // Review and sign-off (issue 14).
  { method: "POST", route: "annotations/[annotationId]/review", expected:      "200 200 403 403 404 404 401 401",
    request: async (_, w) => ({ ...subRequest(await w.annotation(w.users.colleague.user.id), "review"), json: { decision: "accept", version: 1 } }) },
  { method: "GET", route: "annotations/[annotationId]/reviews", expected:      "200 200 200 200 404 404 401 401",
    request: async (_, w) => subRequest(await w.annotation(w.users.colleague.user.id), "reviews") },
  { method: "GET", route: "documents/[documentId]/workflow", expected:         "200 200 200 200 404 404 401 401", request: (_, w) => workflowRequest(w.documentId, "workflow") },
  { method: "POST", route: "documents/[documentId]/submit", expected:          "200 200 200 403 404 404 401 401",
    request: async (_, w) => ({ ...workflowRequest(await w.document(), "submit"), json: {} }) },
  { method: "POST", route: "documents/[documentId]/request-changes", expected: "200 200 403 403 404 404 401 401",
    request: async (_, w) => ({ ...workflowRequest(await w.submitted(), "request-changes"), json: { comment: "Tag the figures" } }) },
  { method: "POST", route: "documents/[documentId]/sign-off", expected:        "200 200 403 403 404 404 401 401",
    request: async (_, w) => ({ ...workflowRequest(await w.submitted(), "sign-off"), json: { annotationSetHash: EMPTY_SET } }) },
  { method: "PUT", route: "documents/[documentId]/assignees", expected:        "200 403 403 403 404 404 401 401",
    request: async (_, w) => ({ ...workflowRequest(await w.document(), "assignees"), json: { annotators: [w.users.annotator.user.id], reviewer: null } }) },
  { method: "PUT", route: "projects/[projectId]/assignees", expected:          "200 403 403 403 404 404 401 401",
    request: async (_, w) => ({ path: `/projects/${w.projectId}/assignees`, params: P(w), json: { documentIds: [await w.document()], annotators: [], reviewer: w.users.reviewer.user.id } }) },
  { method: "GET", route: "projects/[projectId]/progress", expected:          "200 200 200 200 404 404 401 401", request: (_, w) => ({ path: `/projects/${w.projectId}/progress`, params: P(w) }) },
  { method: "GET", route: "me/queue", expected:                                "200 200 200 200 200 200 401 401", request: () => ({ path: "/me/queue" }) },

  // Entities (issue 15).
  { method: "GET", route: "projects/[projectId]/entities", expected:           "200 200 200 200 404 404 401 401", request: (_, w) => ({ path: `/projects/${w.projectId}/entities?q=Entity`, params: P(w) }) },
  { method: "POST", route: "projects/[projectId]/entities", expected:          "201 201 201 403 404 404 401 401",
    request: (_, w) => ({ path: `/projects/${w.projectId}/entities`, params: P(w), json: { name: `Group ${w.unique()}`, type: "armed_group", aliases: ["ISKP"] } }) },
  { method: "GET", route: "entities/[entityId]", expected:                     "200 200 200 200 404 404 401 401", request: async (_, w) => entityRequest(await w.entity()) },
  { method: "PATCH", route: "entities/[entityId]", expected:                   "200 200 200 403 404 404 401 401",
    request: async (_, w) => ({ ...entityRequest(await w.entity()), json: { aliases: ["IS-K"] } }) },
  { method: "DELETE", route: "entities/[entityId]", expected:                  "204 204 403 403 404 404 401 401", request: async (_, w) => entityRequest(await w.entity()) },
  { method: "POST", route: "entities/[entityId]/merge", expected:              "200 200 403 403 404 404 401 401",
    request: async (_, w) => ({ ...entityRequest(await w.entity(), "merge"), json: { from: [await w.entity()] } }) },
  { method: "GET", route: "entities/[entityId]/mentions", expected:           "200 200 200 200 404 404 401 401", request: async (_, w) => entityRequest(await w.entity(), "mentions") },

  { method: "GET", route: "documents/[documentId]/suggestions", expected:    "200 200 200 200 404 404 401 401",
    request: (_, w) => ({ path: `/documents/${w.documentId}/suggestions`, params: { documentId: w.documentId } }) },
  { method: "POST", route: "documents/[documentId]/suggestions", expected:   "200 200 200 403 404 404 401 401",
    request: async (_, w) => { const documentId = await w.document(); return { path: `/documents/${documentId}/suggestions`, params: { documentId } }; } },
  { method: "POST", route: "suggestions/[suggestionId]/accept", expected:    "201 201 201 403 404 404 401 401",
    request: async (_, w) => { const suggestionId = await w.suggestion(); return { path: `/suggestions/${suggestionId}/accept`, params: { suggestionId } }; } },
  { method: "POST", route: "suggestions/[suggestionId]/reject", expected:    "200 200 200 403 404 404 401 401",
    request: async (_, w) => { const suggestionId = await w.suggestion(); return { path: `/suggestions/${suggestionId}/reject`, params: { suggestionId } }; } },

  { method: "GET", route: "labels/[labelId]", expected:                         "200 200 200 200 404 404 401 401", request: (_, w) => labelRequest(w.labelId) },
  { method: "PATCH", route: "labels/[labelId]", expected:                       "200 403 403 403 404 404 401 401",
    request: async (_, w) => ({ ...labelRequest(await w.label()), json: { color: "#00aa00" } }) },
  { method: "DELETE", route: "labels/[labelId]", expected:                      "204 403 403 403 404 404 401 401", request: async (_, w) => labelRequest(await w.label()) },

  // The instance's audit log: instance admins only, 403 (not hidden) for everyone else.
  { method: "GET", route: "audit/checkpoint", expected:                         "403 403 403 403 403 200 401 401", request: () => ({ path: "/audit/checkpoint" }) },
  // Event streams: read like the document or project; presence needs the caller's own open stream of that tab (none here: 404).
  { method: "GET", route: "documents/[documentId]/events", expected:            "200 200 200 200 404 404 401 401",
    request: (_, w) => ({ path: `/documents/${w.documentId}/events`, params: { documentId: w.documentId } }) },
  { method: "GET", route: "projects/[projectId]/events", expected:              "200 200 200 200 404 404 401 401",
    request: (_, w) => ({ path: `/projects/${w.projectId}/events`, params: P(w) }) },
  { method: "POST", route: "documents/[documentId]/presence", expected:         "404 404 404 404 404 404 401 401",
    request: (_, w) => ({ path: `/documents/${w.documentId}/presence`, params: { documentId: w.documentId }, json: { tab: "no-such-tab-0001", selection: null } }) },
  { method: "GET", route: "live", expected:                                     "403 403 403 403 403 200 401 401", request: () => ({ path: "/live" }) },
  { method: "GET", route: "audit/events", expected:                             "403 403 403 403 403 200 401 401", request: () => ({ path: "/audit/events?from=1&limit=5" }) },
  { method: "GET", route: "audit/proof/inclusion", expected:                    "403 403 403 403 403 200 401 401", request: () => ({ path: "/audit/proof/inclusion?seq=1&treeSize=1" }) },
  { method: "GET", route: "audit/proof/consistency", expected:                  "403 403 403 403 403 200 401 401", request: () => ({ path: "/audit/proof/consistency?from=1&to=1" }) },
];

function userOf(caller: Caller, w: World): string {
  return w.users[caller as Exclude<Caller, "anonymous" | "bad token">].user.id;
}
function tokenRequest(tokenId: string): Request {
  return { path: `/tokens/${tokenId}`, params: { tokenId } };
}
function memberRequest(w: World, userId: string): Request {
  return { path: `/projects/${w.projectId}/members/${userId}`, params: { projectId: w.projectId, userId } };
}
function documentRequest(documentId: string): Request {
  return { path: `/documents/${documentId}`, params: { documentId } };
}
function annotationRequest(annotationId: string): Request {
  return { path: `/annotations/${annotationId}`, params: { annotationId } };
}
function subRequest(annotationId: string, what: string): Request {
  return { path: `/annotations/${annotationId}/${what}`, params: { annotationId } };
}
function workflowRequest(documentId: string, what: string): Request {
  return { path: `/documents/${documentId}/${what}`, params: { documentId } };
}
/** The annotation set hash of a document without annotations: SHA-256 of no bytes. */
const EMPTY_SET = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
function entityRequest(entityId: string, what?: string): Request {
  return { path: `/entities/${entityId}${what ? `/${what}` : ""}`, params: { entityId } };
}
function labelRequest(labelId: string): Request {
  return { path: `/labels/${labelId}`, params: { labelId } };
}
function versionQuery(request: Request, version: number): Request {
  return { ...request, path: `${request.path}?version=${version}` };
}
async function newUserEmail(w: World): Promise<string> {
  return (await makeUser({ email: `new-${w.unique()}@example.com` })).user.email;
}

/** Every route file under app/api/v1, as "METHOD route" for each HTTP method it exports. */
async function routesOnDisk(): Promise<string[]> {
  const files = readdirSync(API, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
  const found: string[] = [];
  for (const file of files) {
    const module = (await import(path.join(API, file))) as Record<string, unknown>;
    const route = path.dirname(file).split(path.sep).join("/");
    for (const method of METHODS) if (typeof module[method] === "function") found.push(`${method} ${route}`);
  }
  return found.sort();
}

const STATUS_CODE: Record<number, string> = { 401: "unauthenticated", 403: "forbidden", 404: "not_found" };
const PROJECT_SCOPED = /^(projects\/\[projectId\]|documents|annotations|labels|entities|suggestions)\b/;

let world: World;
beforeAll(async () => {
  world = await makeWorld();
}, 60_000);

describe("the authorization table", () => {
  it("lists exactly the routes and methods of app/api/v1 (a new route must be added here)", async () => {
    const listed = [...new Set(TABLE.map((row) => `${row.method} ${row.route}`))].sort();
    expect(listed).toEqual(await routesOnDisk());
  });

  it("has a status for each of the callers, in order", () => {
    for (const row of TABLE) expect(row.expected.split(/\s+/), `${row.method} ${row.route}`).toHaveLength(CALLERS.length);
  });
});

const NAMED = TABLE.map((row) => ({ ...row, name: `${row.method} /${row.route}${row.variant ? ` (${row.variant})` : ""}` }));

describe.each(NAMED)("$name", (row) => {
  const statuses = row.expected.split(/\s+/).map(Number);
  it.each(CALLERS.map((caller, i) => ({ caller, status: statuses[i]! })))("$caller → $status", async ({ caller, status }) => {
    const request = await row.request(caller, world);
    const module = (await import(path.join(API, row.route, "route.ts"))) as Record<string, RouteHandler<Record<string, string>>>;
    const before = await auditEventCount();
    const res = await call(module[row.method]!, {
      method: row.method,
      token: world.token(caller),
      path: request.path,
      params: request.params,
      json: request.json,
      body: request.body,
      headers: request.body === undefined ? undefined : { "content-type": "application/x-ndjson" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status < 400) return;

    expect(res.body.error.code).toBe(STATUS_CODE[status]);
    expect(await auditEventCount(), "a refused call writes nothing").toBe(before);
    if (status === 404 && PROJECT_SCOPED.test(row.route) && (caller === "outsider" || caller === "admin")) {
      // Invisible, not forbidden: the error and nothing else.
      expect(res.body).toEqual({ error: { code: "not_found", message: expect.stringMatching(/^(Project|Document|Annotation|Label|Entity|Suggestion) not found$/) } });
    }
    if (status === 403 && PROJECT_SCOPED.test(row.route)) expect(res.body.error.message).toContain(`(${caller})`);
  });
});
