import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as restoreRoute from "@/app/api/v1/annotations/[annotationId]/restore/route";
import * as revisionsRoute from "@/app/api/v1/annotations/[annotationId]/revisions/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import { deleteDocument } from "@/lib/documents/delete-document";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { currentDatabaseUrl, sql } from "../helpers/database";
import { exportBytes } from "../helpers/export-routes";
import { makeUserWithToken } from "../helpers/users";

/** Issue 12 over the API: tombstones, restore, revisions and client-chosen ids. */

type Caller = Awaited<ReturnType<typeof makeUserWithToken>>;
let owner: Caller;
let annotator: Caller;
let outsider: Caller;
let documentId: string;
let otherDocumentId: string;
let projectId: string;

const TEXT = "The spokesman said more than 6,000 fighters crossed the river at dawn.";

const create = (body: unknown, who = owner, doc = documentId) =>
  call(annotationsRoute.POST, { path: `/documents/${doc}/annotations`, token: who.token, json: body, params: { documentId: doc } });
const list = (query = "", who = owner) =>
  call(annotationsRoute.GET, { path: `/documents/${documentId}/annotations${query}`, token: who.token, params: { documentId } });
const get = (id: string, query = "", who = owner) =>
  call(annotationRoute.GET, { path: `/annotations/${id}${query}`, token: who.token, params: { annotationId: id } });
const patch = (id: string, body: unknown, who = owner) =>
  call(annotationRoute.PATCH, { path: `/annotations/${id}`, method: "PATCH", token: who.token, json: body, params: { annotationId: id } });
const remove = (id: string, version: number, who = owner) =>
  call(annotationRoute.DELETE, { path: `/annotations/${id}?version=${version}`, method: "DELETE", token: who.token, params: { annotationId: id } });
const restore = (id: string, body: unknown, who = owner) =>
  call(restoreRoute.POST, { path: `/annotations/${id}/restore`, token: who.token, json: body, params: { annotationId: id } });
const revisions = (id: string, who = owner) =>
  call(revisionsRoute.GET, { path: `/annotations/${id}/revisions`, token: who.token, params: { annotationId: id } });

async function counts() {
  return { annotations: await db().annotation.count(), revisions: await db().annotationRevision.count(), events: await db().auditEvent.count() };
}

beforeAll(async () => {
  [owner, annotator, outsider] = await Promise.all([makeUserWithToken(), makeUserWithToken(), makeUserWithToken()]);
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "History" } })).id;
  await addMember({ actorId: owner.user.id, projectId, input: { email: annotator.user.email, role: "annotator" } });
  documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "t", text: TEXT } })).document.id;
  // Another text: the same one would be the same document (uploads are deduplicated by hash).
  otherDocumentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "u", text: `${TEXT} Again.` } })).document.id;
});

describe("delete leaves a tombstone that restore brings back", () => {
  it("hides the tombstone from reads and lists, keeps it with ?include=deleted, and restores the same id, author and history", async () => {
    const made = await create({ label: "Claim", start: 4, end: 13 }, annotator);
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    expect((await remove(id, 1, annotator)).status).toBe(204);

    expect((await get(id)).status).toBe(404);
    expect((await list()).body.annotations.map((a: { id: string }) => a.id)).not.toContain(id);
    const shown = await get(id, "?include=deleted");
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id, version: 2, deletedById: annotator.user.id });
    expect(typeof shown.body.deletedAt).toBe("string");
    const listed = await list("?include=deleted");
    expect(listed.body.annotations.find((a: { id: string }) => a.id === id)).toMatchObject({ version: 2 });
    expect((await list("?include=everything")).status).toBe(400);

    // A tombstone cannot be changed or deleted again: restore is the way back.
    expect((await patch(id, { version: 2, status: "accepted" })).status).toBe(404);
    expect((await remove(id, 2)).status).toBe(404);

    expect((await restore(id, { version: 1 }, annotator)).status).toBe(409);
    const back = await restore(id, { version: 2 }, annotator);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ id, version: 3, author: { id: annotator.user.id } });
    expect(back.body.deletedAt).toBeUndefined();
    expect((await get(id)).status).toBe(200);
    expect((await restore(id, { version: 3 })).status).toBe(409);

    const history = await revisions(id);
    expect(history.status).toBe(200);
    expect(history.body.nextCursor).toBeNull();
    expect(history.body.revisions.map((r: { version: number; op: string; deleted: boolean }) => [r.version, r.op, r.deleted])).toEqual([
      [1, "created", false],
      [2, "deleted", true],
      [3, "restored", false],
    ]);
    const actions = (await db().auditEvent.findMany({ where: { subjectId: id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["annotation.created", "annotation.deleted", "annotation.restored"]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("answers 404 to non-members for revisions and restore, and 400 to a restore without a version", async () => {
    const id = (await create({ label: "Claim", start: 0, end: 3 })).body.id as string;
    expect((await revisions(id, outsider)).status).toBe(404);
    expect((await restore(id, { version: 1 }, outsider)).status).toBe(404);
    expect((await restore(id, {})).status).toBe(400);
    expect((await restore(id, { version: 1 })).status).toBe(409);
  });

  it("refuses UPDATE and DELETE of a stored revision: the app role has no such grant, and a trigger stops even the owner", async () => {
    const id = (await create({ label: "Claim", start: 14, end: 18 })).body.id as string;
    await expect(db().$executeRaw`UPDATE "AnnotationRevision" SET "exact" = 'forged' WHERE "annotationId" = ${id}`).rejects.toThrow(/permission denied/);
    await expect(db().$executeRaw`DELETE FROM "AnnotationRevision" WHERE "annotationId" = ${id}`).rejects.toThrow(/permission denied/);
    const owner = currentDatabaseUrl();
    await expect(sql(owner, `UPDATE "AnnotationRevision" SET "exact" = 'forged' WHERE "annotationId" = $1`, [id])).rejects.toThrow(/immutable/);
    await expect(sql(owner, `DELETE FROM "AnnotationRevision" WHERE "annotationId" = $1`, [id])).rejects.toThrow(/immutable/);
    await expect(sql(owner, `TRUNCATE "AnnotationRevision"`)).rejects.toThrow(/immutable/);
    expect(await db().annotationRevision.count({ where: { annotationId: id } })).toBe(1);
  });
});

describe("restore and claim sources", () => {
  it("refuses to restore a claim whose source entity is deleted, until the entity is restored", async () => {
    const entity = (await create({ label: "Entity", start: 4, end: 13 })).body;
    const claim = (await create({ label: "Claim", start: 0, end: 23, attributes: { source: { annotationId: entity.id } } })).body;
    expect((await remove(entity.id, 1)).status).toBe(409);
    expect((await remove(claim.id, 1)).status).toBe(204);
    // A deleted claim no longer holds its source.
    expect((await remove(entity.id, 1)).status).toBe(204);
    const refused = await restore(claim.id, { version: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toMatchObject({ field: "attributes.source.annotationId" });
    expect((await restore(entity.id, { version: 2 })).status).toBe(200);
    expect((await restore(claim.id, { version: 2 })).status).toBe(200);
  });
});

describe("deleting what tombstones name", () => {
  it("a document whose annotations are all deleted can be deleted; its tombstones go, their revisions stay", async () => {
    const doc = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "gone", text: "Short lived text." } })).document.id;
    const id = (await create({ label: "Claim", start: 0, end: 5 }, owner, doc)).body.id as string;
    await expect(deleteDocument({ actorId: owner.user.id, documentId: doc })).rejects.toThrow(/1 annotation/);
    expect((await remove(id, 1)).status).toBe(204);
    await deleteDocument({ actorId: owner.user.id, documentId: doc });
    expect(await db().annotation.count({ where: { id } })).toBe(0);
    expect(await db().annotationRevision.count({ where: { annotationId: id } })).toBe(2);
  });
});

describe("exports", () => {
  it("leave tombstones out, and bring a restored annotation back", async () => {
    const id = (await create({ label: "Claim", start: 30, end: 37 })).body.id as string;
    const exported = async () => (await exportBytes(projectId, `format=jsonl&documents=${documentId}`, owner.token)).toString("utf8");
    expect(await exported()).toContain(id);
    expect((await remove(id, 1)).status).toBe(204);
    expect(await exported()).not.toContain(id);
    expect((await restore(id, { version: 2 })).status).toBe(200);
    expect(await exported()).toContain(id);
  });
});

describe("client-chosen ids", () => {
  it("makes a retry safe: the same request answers 200 with the stored annotation and writes nothing", async () => {
    const id = randomUUID();
    const body = { id, label: "Figure", start: 24, end: 29 };
    const first = await create(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.id).toBe(id);
    const before = await counts();
    const again = await create(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await counts()).toEqual(before);
  });

  it("answers 409 for the same id with other content, in another document, or on a tombstone; 400 for a non-UUID", async () => {
    const id = randomUUID();
    expect((await create({ id, label: "Claim", start: 0, end: 3 })).status).toBe(201);
    const before = await counts();
    expect((await create({ id, label: "Claim", start: 0, end: 4 })).status).toBe(409);
    expect((await create({ id, label: "Entity", start: 0, end: 3 })).status).toBe(409);
    expect((await create({ id, label: "Claim", start: 0, end: 3 }, owner, otherDocumentId)).status).toBe(409);
    expect((await remove(id, 1)).status).toBe(204);
    const afterDelete = await counts();
    expect(afterDelete.revisions).toBe(before.revisions + 1);
    expect((await create({ id, label: "Claim", start: 0, end: 3 })).status).toBe(409);
    expect((await create({ id: "not-a-uuid", label: "Claim", start: 0, end: 3 })).status).toBe(400);
    expect(await counts()).toEqual(afterDelete);
  });
});
