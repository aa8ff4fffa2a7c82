import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { removeMember } from "@/lib/memberships/remove-member";
import { createProject } from "@/lib/projects/create-project";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { openSse, type SseClient, type SseEvent } from "../helpers/sse";
import { makeUserWithToken, type TestUser } from "../helpers/users";

/**
 * The live-update contract (issue 13) against a real server process: SSE framing, event order
 * and payloads, replay by cursor, reset, heartbeats, rechecked permissions, presence, and that
 * dropped connections leave nothing behind.
 */
const TEXT = "Reuters reported that 4,000 fighters 🇦🇫 crossed near Jalalabad; the ministry denied it. مرحبا بالعالم.";

type User = TestUser & { token: string };
let server: RunningServer;
let owner: User;
let annotator: User;
let admin: User;
let outsider: User;
let projectId: string;
let documentId: string;
let otherDocumentId: string;

function span(needle: string) {
  const unit = TEXT.indexOf(needle);
  const start = [...TEXT.slice(0, unit)].length;
  return { start, end: start + [...needle].length, exact: needle };
}

async function api(user: User, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${user.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function stream(user: User | null, path: string, headers: Record<string, string> = {}) {
  return openSse(`${server.url}/api/v1${path}`, { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...headers });
}

const changes = (events: SseEvent[]) => events.filter((e) => e.event.startsWith("annotation."));
const payload = (e: SseEvent) => JSON.parse(e.data) as { type: string; at: string; actor: { id: string; name: string }; annotation: { id: string; version: number } & Record<string, unknown> };

async function createAnnotation(user: User, needle: string, docId = documentId) {
  const res = await api(user, "POST", `/documents/${docId}/annotations`, { label: "Entity", ...span(needle) });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

beforeAll(async () => {
  server = await startServer({ env: { TRACEWELL_LIVE_HEARTBEAT_S: "1" } });
  await useDatabase({ name: "srv", url: server.databaseUrl });
  owner = await makeUserWithToken({ name: "Olga Owner" });
  annotator = await makeUserWithToken({ name: "Ann Annotator" });
  admin = await makeUserWithToken({ name: "Ada Admin", isAdmin: true });
  outsider = await makeUserWithToken({ name: "Otto Outsider" });
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Live" } })).id;
  await addMember({ actorId: owner.user.id, projectId, input: { email: annotator.user.email, role: "annotator" } });
  documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "one", text: TEXT } })).document.id;
  otherDocumentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "two", text: TEXT + " " } })).document.id;
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_OUTPUT) console.log(server?.output());
  await server?.stop();
});

describe("event streams: access and framing", () => {
  it("answers 401 without credentials and 404 to non-members, like reading the document", async () => {
    const anonymous = await stream(null, `/documents/${documentId}/events`);
    expect(anonymous.status).toBe(401);
    const stranger = await stream(outsider, `/documents/${documentId}/events`);
    expect(stranger.status).toBe(404);
    const strangerProject = await stream(outsider, `/projects/${projectId}/events`);
    expect(strangerProject.status).toBe(404);
    const missing = await stream(owner, `/documents/no-such-document/events`);
    expect(missing.status).toBe(404);
  });

  it("refuses a malformed cursor with 400 naming it", async () => {
    const bad = await stream(owner, `/documents/${documentId}/events?lastEventId=abc`);
    expect(bad.status).toBe(400);
    const badHeader = await stream(owner, `/documents/${documentId}/events`, { "last-event-id": "12x" });
    expect(badHeader.status).toBe(400);
  });

  it("streams text/event-stream uncompressed, flushed at once, with heartbeats", async () => {
    const client = await stream(owner, `/documents/${documentId}/events`, { "accept-encoding": "gzip, deflate, br" });
    try {
      expect(client.status).toBe(200);
      expect(client.headers["content-type"]).toMatch(/^text\/event-stream/);
      expect(client.headers["content-encoding"]).toBeUndefined();
      expect(client.headers["cache-control"]).toContain("no-transform");
      // The server's heartbeat is 1 s here: two arrive while the stream stays open.
      await client.waitFor(() => client.comments.filter((c) => c === "keep-alive").length >= 2, 5000);
      expect(client.comments[0]).toBe("connected");
      expect(client.isEnded()).toBe(false);
    } finally {
      client.close();
    }
  });
});

describe("event streams: changes", () => {
  it("sends create, update, delete and restore in commit order, each the annotation as GET returns it", async () => {
    const client = await stream(annotator, `/documents/${documentId}/events`);
    try {
      const created = await createAnnotation(owner, "Reuters");
      const updated = await api(owner, "PATCH", `/annotations/${created.id}`, { version: 1, attributes: { type: "organization" } });
      expect(updated.status).toBe(200);
      const afterUpdate = (await api(owner, "GET", `/annotations/${created.id}`)).body;
      expect((await api(owner, "DELETE", `/annotations/${created.id}?version=2`)).status).toBe(204);
      const tombstone = (await api(owner, "GET", `/annotations/${created.id}?include=deleted`)).body;
      const restored = await api(owner, "POST", `/annotations/${created.id}/restore`, { version: 3 });
      expect(restored.status).toBe(200);

      const events = changes(await client.waitFor((all) => changes(all).length >= 4));
      expect(events.map((e) => e.event)).toEqual(["annotation.created", "annotation.updated", "annotation.deleted", "annotation.restored"]);
      const ids = events.map((e) => Number(e.id));
      expect(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id > ids[i - 1]!))).toBe(true);
      const bodies = events.map(payload);
      expect(bodies.map((b) => b.annotation.version)).toEqual([1, 2, 3, 4]);
      expect(bodies.every((b) => b.actor.id === owner.user.id && b.actor.name === "Olga Owner")).toBe(true);
      expect(bodies.map((b) => b.type)).toEqual(events.map((e) => e.event));
      // Versions already superseded when sent (rebuilt from revisions) equal what GET showed then.
      expect(bodies[0]!.annotation).toEqual(created);
      expect(bodies[1]!.annotation).toEqual(afterUpdate);
      expect(bodies[2]!.annotation).toEqual(tombstone);
      expect(bodies[3]!.annotation).toEqual(restored.body);
      expect(bodies[0]!.annotation).toMatchObject({ id: created.id, exact: "Reuters", version: 1, label: { name: "Entity" }, author: { id: owner.user.id } });
      expect(Date.parse(bodies[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      client.close();
    }
  });

  it("a document's stream carries only its document; the project's carries all of them", async () => {
    const one = await stream(owner, `/documents/${documentId}/events`);
    const all = await stream(owner, `/projects/${projectId}/events`);
    try {
      const elsewhere = await createAnnotation(owner, "Jalalabad", otherDocumentId);
      const here = await createAnnotation(owner, "ministry");
      await all.waitFor((events) => changes(events).length >= 2);
      await one.waitFor((events) => changes(events).length >= 1);
      expect(changes(all.events).map((e) => payload(e).annotation.id)).toEqual([elsewhere.id, here.id]);
      // Give a wrongly routed event time to arrive before asserting its absence.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(changes(one.events).map((e) => payload(e).annotation.id)).toEqual([here.id]);
    } finally {
      one.close();
      all.close();
    }
  });

  it("replays after Last-Event-ID (header or ?lastEventId=) exactly what followed, then goes on live", async () => {
    const first = await createAnnotation(owner, "fighters");
    const watcher = await stream(owner, `/documents/${documentId}/events?lastEventId=0`);
    const seen = await watcher.waitFor((events) => changes(events).some((e) => payload(e).annotation.id === first.id));
    watcher.close();
    const cursor = changes(seen).find((e) => payload(e).annotation.id === first.id)!.id!;
    const missed = [await createAnnotation(owner, "crossed"), await createAnnotation(owner, "denied")];
    const expected = missed.map((m) => m.id);

    for (const headers of [{ "last-event-id": cursor }, {}] as Record<string, string>[]) {
      const path = `/documents/${documentId}/events${"last-event-id" in headers ? "?lastEventId=1" : `?lastEventId=${cursor}`}`;
      const back = await stream(owner, path, headers);
      try {
        const replayed = changes(await back.waitFor((events) => changes(events).length >= expected.length));
        expect(replayed.map((e) => payload(e).annotation.id)).toEqual(expected);
        expect(Number(replayed[0]!.id)).toBeGreaterThan(Number(cursor));
        const live = await createAnnotation(owner, "4,000");
        expected.push(live.id);
        await back.waitFor((events) => changes(events).some((e) => payload(e).annotation.id === live.id));
        expect(changes(back.events).map((e) => payload(e).annotation.id)).toEqual(expected);
      } finally {
        back.close();
      }
    }
  });

  it("tells a client with a cursor ahead of the log to reload (event: reset)", async () => {
    const client = await stream(owner, `/documents/${documentId}/events?lastEventId=999999999`);
    try {
      const [reset] = await client.waitFor((events) => events.some((e) => e.event === "reset"));
      expect(reset!.event).toBe("reset");
      expect(JSON.parse(reset!.data)).toMatchObject({ type: "reset" });
      expect(Number(reset!.id)).toBeLessThan(999999999);
    } finally {
      client.close();
    }
  });
});

describe("event streams: permissions while running", () => {
  it("ends a removed member's stream within 5 s and sends them nothing more", async () => {
    const member = await makeUserWithToken({ name: "Rita Removed" });
    await addMember({ actorId: owner.user.id, projectId, input: { email: member.user.email, role: "viewer" } });
    const client = await stream(member, `/documents/${documentId}/events`);
    const project = await stream(member, `/projects/${projectId}/events`);
    expect(client.status).toBe(200);
    const before = await createAnnotation(owner, "Reuters reported");
    await client.waitFor((events) => changes(events).some((e) => payload(e).annotation.id === before.id));
    const removedAt = Date.now();
    await removeMember({ actorId: owner.user.id, projectId, userId: member.user.id });
    const after = await createAnnotation(owner, "near");
    await Promise.all([client.ended, project.ended]);
    expect(Date.now() - removedAt).toBeLessThan(5000);
    expect(changes(client.events).some((e) => payload(e).annotation.id === after.id)).toBe(false);
    expect(changes(project.events).some((e) => payload(e).annotation.id === after.id)).toBe(false);
    // Reconnecting is now refused like any other read.
    expect((await stream(member, `/documents/${documentId}/events`)).status).toBe(404);
  });

  it("ends a stream whose token is revoked", async () => {
    const member = await makeUserWithToken({ name: "Tom Token" });
    await addMember({ actorId: owner.user.id, projectId, input: { email: member.user.email, role: "viewer" } });
    const client = await stream(member, `/projects/${projectId}/events`);
    const tokens = (await api(member, "GET", "/tokens")).body.tokens as { id: string }[];
    const { db } = await import("@/lib/db/client");
    await db().apiToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) } }, data: { revokedAt: new Date() } });
    await client.ended;
    expect(client.isEnded()).toBe(true);
  });
});

describe("presence", () => {
  it("lists who has the document open with their selection, and drops them when they leave", async () => {
    const presence = (client: SseClient) => client.events.filter((e) => e.event === "presence").map((e) => JSON.parse(e.data));
    const mine = await stream(owner, `/documents/${documentId}/events?tab=owner-tab-1`);
    const theirs = await stream(annotator, `/documents/${documentId}/events?tab=annot-tab-1`);
    const overview = await stream(owner, `/projects/${projectId}/events`);
    try {
      await mine.waitFor(() => presence(mine).some((p) => p.people.length === 2));
      const both = presence(mine).at(-1);
      expect(both.people.map((p: { user: { name: string } }) => p.user.name).sort()).toEqual(["Ann Annotator", "Olga Owner"]);
      expect(both.people.every((p: { color: string }) => /^#[0-9a-f]{6}$/.test(p.color))).toBe(true);
      expect(presence(mine).every((p) => !("id" in p))).toBe(true);
      expect(mine.events.filter((e) => e.event === "presence").every((e) => e.id === null)).toBe(true);
      await overview.waitFor(() => presence(overview).some((p) => p.people.some((x: { documentId: string }) => x.documentId === documentId)));

      const moved = await api(annotator, "POST", `/documents/${documentId}/presence`, { tab: "annot-tab-1", selection: { start: 3, end: 9 } });
      expect(moved.status).toBe(204);
      await mine.waitFor(() =>
        presence(mine).some((p) => p.people.some((x: { connection: string; selection: unknown }) => x.connection === `${annotator.user.id}:annot-tab-1` && JSON.stringify(x.selection) === '{"start":3,"end":9}')),
      );
      // Someone else's tab cannot be moved, and a bad selection is refused.
      expect((await api(owner, "POST", `/documents/${documentId}/presence`, { tab: "annot-tab-1", selection: null })).status).toBe(404);
      expect((await api(annotator, "POST", `/documents/${documentId}/presence`, { tab: "annot-tab-1", selection: { start: 9, end: 3 } })).status).toBe(400);
      expect((await api(outsider, "POST", `/documents/${documentId}/presence`, { tab: "annot-tab-1", selection: null })).status).toBe(404);

      theirs.close();
      await mine.waitFor(() => {
        const last = presence(mine).at(-1);
        return last.people.length === 1 && last.people[0].user.name === "Olga Owner";
      }, 3000);
    } finally {
      mine.close();
      theirs.close();
      overview.close();
    }
  });
});

describe("resources", () => {
  it("frees every stream of 200 opened and dropped connections", async () => {
    const clients: SseClient[] = [];
    for (let i = 0; i < 200; i++) clients.push(await stream(owner, `/documents/${documentId}/events?tab=drop-tab-${String(i).padStart(4, "0")}`));
    const stats = async () => (await api(admin, "GET", "/live")).body;
    // Only the instance admin sees the statistics.
    expect((await api(annotator, "GET", "/live")).status).toBe(403);
    await expect.poll(async () => (await stats()).hub.streams, { timeout: 10_000 }).toBeGreaterThanOrEqual(200);
    for (const client of clients) client.close();
    await expect.poll(async () => stats(), { timeout: 10_000, interval: 200 }).toMatchObject({ hub: { streams: 0, replaying: 0, buffered: 0, presence: { local: 0 } }, connections: 0 });
  });
});
