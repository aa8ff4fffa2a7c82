import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { createProject } from "@/lib/projects/create-project";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { makeUserWithToken } from "../helpers/users";

/**
 * lib/api/handler.ts marks small JSON answers `no-transform`, so Next's compression leaves them
 * alone (gzip costs more CPU than it saves on an annotation); large JSON answers and exports are
 * still compressed. Only the real server compresses, so this runs against it.
 */

const TEXT = "The ministry spokesman said more than 6000 fighters crossed at dawn near the river.";

let server: RunningServer;
let token: string;
let projectId: string;
let documentId: string;

const gzipFetch = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/v1${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}`, "accept-encoding": "gzip" },
  });

beforeAll(async () => {
  server = await startServer();
  await useDatabase({ name: "srv", url: server.databaseUrl });
  const owner = await makeUserWithToken({ name: "Owner" });
  token = owner.token;
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Compression" } })).id;
  documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "brief", text: TEXT } })).document.id;
  // Enough annotations that the document's list is far above the small-answer limit.
  for (let i = 0; i < 40; i++) {
    await createAnnotation({ actorId: owner.user.id, documentId, input: { label: "Entity", start: 4, end: 22, attributes: { canonicalName: `n${i}` } } });
  }
}, 120_000);

afterAll(async () => server?.stop());

describe("compression of API answers", () => {
  it("sends a create's JSON answer uncompressed, marked no-store, no-transform", async () => {
    const res = await gzipFetch(`/documents/${documentId}/annotations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ label: "Entity", start: 4, end: 12, exact: "ministry" }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await res.json()).exact).toBe("ministry");
  });

  it("still compresses a large JSON answer (a document's annotations)", async () => {
    const res = await gzipFetch(`/documents/${documentId}/annotations`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("cache-control") ?? "").not.toMatch(/no-transform/);
    expect((await res.json()).annotations.length).toBeGreaterThan(40);
  });

  it("still compresses an export (a text one: Next compresses only compressible media types)", async () => {
    const res = await gzipFetch(`/projects/${projectId}/export?format=conll`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(await res.text()).toContain("ministry");
  });
});
