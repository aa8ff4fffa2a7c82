import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { openSse, type SseClient, type SseEvent } from "../helpers/sse";
import { makeUserWithToken, type TestUser } from "../helpers/users";

/**
 * Live updates across instances and reconnects: two real server processes on one database
 * deliver each other's changes and presence, and a reader that keeps dropping its connection
 * and resuming (on either instance) by Last-Event-ID ends up with every change exactly once.
 */
const WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon".split(" ");
const TEXT = WORDS.join(" ");

type User = TestUser & { token: string };
let a: RunningServer;
let b: RunningServer;
let short: RunningServer;
let owner: User;
let colleague: User;
let projectId: string;
let documentId: string;

function wordSpan(i: number) {
  const word = WORDS[i % WORDS.length]!;
  const start = TEXT.split(" ").slice(0, i % WORDS.length).join(" ").length + (i % WORDS.length ? 1 : 0);
  return { start, end: start + word.length, exact: word };
}

async function call(server: RunningServer, user: User, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${user.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const changes = (events: SseEvent[]) => events.filter((e) => e.event.startsWith("annotation."));
const annotationOf = (e: SseEvent) => (JSON.parse(e.data) as { annotation: { id: string; version: number } }).annotation;

beforeAll(async () => {
  a = await startServer();
  b = await startServer({ database: { url: a.databaseUrl, appUrl: a.appUrl } });
  short = await startServer({ database: { url: a.databaseUrl, appUrl: a.appUrl }, env: { TRACEWELL_LIVE_REPLAY_HOURS: "0.0005" } });
  await useDatabase({ name: "srv", url: a.databaseUrl });
  owner = await makeUserWithToken({ name: "Owner One" });
  colleague = await makeUserWithToken({ name: "Colleague Two" });
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Replay" } })).id;
  await addMember({ actorId: owner.user.id, projectId, input: { email: colleague.user.email, role: "annotator" } });
  documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "greek", text: TEXT } })).document.id;
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), short?.stop()]);
});

describe("two instances on one database", () => {
  it("deliver each other's changes and presence", async () => {
    const onA = await openSse(`${a.url}/api/v1/documents/${documentId}/events?tab=tab-on-a-0001`, { authorization: `Bearer ${owner.token}` });
    const onB = await openSse(`${b.url}/api/v1/documents/${documentId}/events?tab=tab-on-b-0001`, { authorization: `Bearer ${colleague.token}` });
    try {
      const viaB = await call(b, colleague, "POST", `/documents/${documentId}/annotations`, { label: "Entity", ...wordSpan(1) });
      const viaA = await call(a, owner, "POST", `/documents/${documentId}/annotations`, { label: "Entity", ...wordSpan(2) });
      await onA.waitFor((events) => changes(events).some((e) => annotationOf(e).id === viaB.id));
      await onB.waitFor((events) => changes(events).some((e) => annotationOf(e).id === viaA.id));
      // The same cursor for the same change, whichever instance sent it.
      const idOn = (client: SseClient, id: string) => changes(client.events).find((e) => annotationOf(e).id === id)?.id;
      await onA.waitFor((events) => changes(events).some((e) => annotationOf(e).id === viaA.id));
      await onB.waitFor((events) => changes(events).some((e) => annotationOf(e).id === viaB.id));
      expect(idOn(onA, viaA.id)).toBe(idOn(onB, viaA.id));
      expect(idOn(onA, viaB.id)).toBe(idOn(onB, viaB.id));

      const names = (client: SseClient) => {
        const last = client.events.filter((e) => e.event === "presence").at(-1);
        return last ? (JSON.parse(last.data).people as { user: { name: string } }[]).map((p) => p.user.name).sort() : [];
      };
      await onA.waitFor(() => names(onA).join() === "Colleague Two,Owner One");
      await call(b, colleague, "POST", `/documents/${documentId}/presence`, { tab: "tab-on-b-0001", selection: { start: 6, end: 10 } });
      await onA.waitFor(() =>
        onA.events.some((e) => e.event === "presence" && (JSON.parse(e.data).people as { selection: unknown }[]).some((p) => JSON.stringify(p.selection) === '{"start":6,"end":10}')),
      );
      onB.close();
      await onA.waitFor(() => names(onA).join() === "Owner One", 5000);
    } finally {
      onA.close();
      onB.close();
    }
  });
});

describe("replay", () => {
  it("1,000 changes, a reader dropping and resuming on either instance: nothing missed, nothing doubled", async () => {
    const received: SseEvent[] = [];
    let stop = false;
    let reconnects = 0;
    // The reader: connects, reads for a random while, drops the socket without a word, resumes.
    const reader = (async () => {
      let last: string | null = null;
      for (let turn = 0; !stop; turn++) {
        const server = turn % 2 ? b : a;
        const client = await openSse(`${server.url}/api/v1/documents/${documentId}/events${last === null ? "?lastEventId=0" : ""}`, {
          authorization: `Bearer ${colleague.token}`,
          ...(last !== null ? { "last-event-id": last } : {}),
        });
        expect(client.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 300));
        client.close();
        received.push(...changes(client.events));
        last = client.lastEventId() ?? last;
        reconnects++;
      }
      // A last, calm connection collects the rest.
      const client = await openSse(`${b.url}/api/v1/documents/${documentId}/events`, { authorization: `Bearer ${colleague.token}`, "last-event-id": last ?? "0" });
      return client;
    })();

    // The writers: 1,000 changes over both instances, four at a time. Two writers may race for
    // one annotation; the loser's 409 (or 404: deleted meanwhile) changed nothing and is not counted.
    const ids: string[] = [];
    let made = 0;
    let turn = 0;
    const writer = async (server: RunningServer, user: User) => {
      while (made < 1000) {
        const n = turn++;
        try {
          if (n % 4 === 0 || ids.length === 0) {
            const created = await call(server, user, "POST", `/documents/${documentId}/annotations`, { label: "Entity", ...wordSpan(n) });
            ids.push(created.id);
          } else {
            const id = ids[n % ids.length]!;
            const current = await call(server, owner, "GET", `/annotations/${id}?include=deleted`);
            if (current.deletedAt) await call(server, owner, "POST", `/annotations/${id}/restore`, { version: current.version });
            else if (n % 3 === 0) await call(server, owner, "DELETE", `/annotations/${id}?version=${current.version}`);
            else {
              // Always a real change (the same value again would be no change, and no event).
              const type = current.attributes.type === "person" ? "location" : "person";
              await call(server, owner, "PATCH", `/annotations/${id}`, { version: current.version, attributes: { type } });
            }
          }
          made++;
        } catch (err) {
          if (!/→ (409|404) /.test(String(err))) throw err;
        }
      }
    };
    // Updates go through the owner (who may change anyone's annotation); creates come from both.
    await Promise.all([writer(a, owner), writer(b, colleague), writer(a, colleague), writer(b, owner)]);
    stop = true;
    const last = await reader;
    try {
      const revisions = await db().annotationRevision.findMany({
        where: { documentId, op: { not: "baseline" } },
        select: { annotationId: true, version: true },
      });
      const expected = new Set(revisions.map((r) => `${r.annotationId}@${r.version}`));
      await last.waitFor(() => received.length + changes(last.events).length >= expected.size, 20_000);
      received.push(...changes(last.events));

      const cursors = received.map((e) => Number(e.id));
      expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1]!)).toBe(true);
      const got = received.map((e) => `${annotationOf(e).id}@${annotationOf(e).version}`);
      expect(new Set(got).size).toBe(got.length);
      expect(got.filter((key) => !expected.has(key))).toEqual([]);
      expect([...expected].filter((key) => !got.includes(key))).toEqual([]);
      expect(expected.size).toBeGreaterThanOrEqual(1000);
      expect(reconnects).toBeGreaterThan(5);
    } finally {
      last.close();
    }
  }, 240_000);

  it("tells a client whose first missed change is older than the replay window to reload", async () => {
    const before = await openSse(`${a.url}/api/v1/documents/${documentId}/events`, { authorization: `Bearer ${owner.token}` });
    const created = await call(a, owner, "POST", `/documents/${documentId}/annotations`, { label: "Entity", ...wordSpan(3) });
    const [event] = await before.waitFor((events) => changes(events).some((e) => annotationOf(e).id === created.id));
    before.close();
    const cursor = String(Number(changes(before.events).at(-1)!.id) - 1);
    // `short` keeps 0.0005 h (1.8 s) of replay; after 2.5 s that change is too old there, not on `a`.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const late = await openSse(`${short.url}/api/v1/documents/${documentId}/events`, { authorization: `Bearer ${owner.token}`, "last-event-id": cursor });
    const onTime = await openSse(`${a.url}/api/v1/documents/${documentId}/events`, { authorization: `Bearer ${owner.token}`, "last-event-id": cursor });
    try {
      const [reset] = await late.waitFor((events) => events.length > 0 && events.some((e) => e.event !== "presence"));
      expect(reset!.event).toBe("reset");
      expect(changes(late.events)).toEqual([]);
      await onTime.waitFor((events) => changes(events).length > 0);
      expect(annotationOf(changes(onTime.events)[0]!).id).toBe(created.id);
      expect(event).toBeDefined();
    } finally {
      late.close();
      onTime.close();
    }
  });
});
