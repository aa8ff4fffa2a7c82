import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { openSse, type SseEvent } from "../helpers/sse";
import { makeUserWithToken, type TestUser } from "../helpers/users";

/**
 * Review and sign-off go through the one write path, so they reach other readers on the same
 * streams as any change (issue 14): decisions as annotation.updated, the workflow's moves as
 * document.* events, in commit order, on the document's and the project's streams only.
 */
const TEXT = "The council said 300 families left the valley 𝟙 after the flood.";

type User = TestUser & { token: string };
let server: RunningServer;
let annotator: User;
let reviewer: User;
let projectId: string;
let documentId: string;
let quietDocumentId: string;

async function api(user: User, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${user.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return text ? JSON.parse(text) : null;
}

const stream = (user: User, path: string) => openSse(`${server.url}/api/v1${path}`, { authorization: `Bearer ${user.token}` });
const news = (events: SseEvent[]) => events.filter((e) => e.event.startsWith("annotation.") || e.event.startsWith("document."));

beforeAll(async () => {
  server = await startServer();
  await useDatabase({ name: "srv", url: server.databaseUrl });
  const owner = await makeUserWithToken({ name: "Olga Owner" });
  annotator = await makeUserWithToken({ name: "Ann Annotator" });
  reviewer = await makeUserWithToken({ name: "Rita Reviewer" });
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Live review" } })).id;
  await addMember({ actorId: owner.user.id, projectId, input: { email: annotator.user.email, role: "annotator" } });
  await addMember({ actorId: owner.user.id, projectId, input: { email: reviewer.user.email, role: "reviewer" } });
  documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "one", text: TEXT } })).document.id;
  quietDocumentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "two", text: `${TEXT} ` } })).document.id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("review on the live streams", () => {
  it("sends decisions, submit, sign-off and reopening to the document's and the project's readers, in commit order", async () => {
    const onDocument = await stream(annotator, `/documents/${documentId}/events`);
    const onProject = await stream(annotator, `/projects/${projectId}/events`);
    const elsewhere = await stream(annotator, `/documents/${quietDocumentId}/events`);
    try {
      const start = [...TEXT.slice(0, TEXT.indexOf("300 families"))].length;
      const made = await api(annotator, "POST", `/documents/${documentId}/annotations`, { label: "Claim", start, end: start + 12 });
      await api(annotator, "POST", `/documents/${documentId}/submit`, {});
      const accepted = await api(reviewer, "POST", `/annotations/${made.id}/review`, { decision: "accept", version: 1 });
      const { annotationSet } = await api(reviewer, "GET", `/documents/${documentId}/workflow`);
      await api(reviewer, "POST", `/documents/${documentId}/sign-off`, { annotationSetHash: annotationSet.hash });
      await api(annotator, "PATCH", `/annotations/${made.id}`, { version: 2, attributes: { note: "later" } });

      const expected = [
        "annotation.created",
        "document.started",
        "document.submitted",
        "annotation.updated",
        "document.signed_off",
        "annotation.updated",
        "document.reopened",
      ];
      for (const client of [onDocument, onProject]) {
        const events = news(await client.waitFor((all) => news(all).length >= expected.length, 10_000));
        expect(events.map((e) => e.event)).toEqual(expected);
        const ids = events.map((e) => Number(e.id));
        expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
        const review = JSON.parse(events[3]!.data);
        expect(review).toMatchObject({ actor: { id: reviewer.user.id, name: "Rita Reviewer" }, annotation: accepted });
        const signed = JSON.parse(events[4]!.data);
        expect(signed.workflow).toMatchObject({ documentId, from: "in_review", to: "signed_off", annotationSetHash: annotationSet.hash, accepted: 1, rejected: 0 });
        const reopened = JSON.parse(events[6]!.data);
        expect(reopened).toMatchObject({ actor: { id: annotator.user.id }, workflow: { documentId, from: "signed_off", to: "in_progress", cause: { annotationId: made.id, version: 3 } } });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(news(elsewhere.events)).toEqual([]);
    } finally {
      onDocument.close();
      onProject.close();
      elsewhere.close();
    }
  });
});
