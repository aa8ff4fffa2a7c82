import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import { presentAnnotation } from "@/lib/api/presenters";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { db } from "@/lib/db/client";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { createLabel } from "@/lib/labels/create-label";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

/**
 * A create answers with the row it stored without reading it back (lib/annotations/write-annotations.ts,
 * createOne): the answer must be byte for byte what a later GET of the same annotation answers,
 * including what the database normalises (jsonb reorders object keys) or sets (dates, version).
 */

const TEXT = "The ministry spokesman said 6,000 fighters crossed at dawn.";
let owner: Awaited<ReturnType<typeof makeUserWithToken>>;
let documentId: string;

const post = (json: unknown) => call(annotationsRoute.POST, { path: `/documents/${documentId}/annotations`, token: owner.token, json, params: { documentId } });
const get = (id: string) => call(annotationRoute.GET, { path: `/annotations/${id}`, token: owner.token, params: { annotationId: id } });
const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length, exact: needle });

beforeAll(async () => {
  owner = await makeUserWithToken({ name: "Ada Reporter" });
  const projectId = (await createProject({ actorId: owner.user.id, input: { name: "Create answers" } })).id;
  await createLabel({ actorId: owner.user.id, projectId, input: { name: "Tag", kind: "other", color: "#123456" } });
  documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "t", text: TEXT } })).document.id;
});

describe("the answer to a create", () => {
  it("is exactly what a later GET answers, keys of attributes in the stored (jsonb) order", async () => {
    // jsonb orders keys shorter first: echoing the request's order would differ from a read.
    const created = await post({ label: "Tag", ...at("spokesman"), attributes: { zeta: "z", a: 1, mid: true } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(Object.keys(created.body.attributes)).toEqual(["a", "mid", "zeta"]);
    const read = await get(created.body.id);
    expect(read.status).toBe(200);
    expect(JSON.stringify(created.body)).toBe(JSON.stringify(read.body));
    expect(created.body.author).toEqual({ id: owner.user.id, name: "Ada Reporter", email: owner.user.email });
    expect(created.body.label).toMatchObject({ name: "Tag", kind: "other", color: "#123456", hotkey: null });
    expect(created.body).toMatchObject({ version: 1, status: "pending" });
  });

  it("is stored with its revision and its audit event, in the annotation's transaction", async () => {
    const { body } = await post({ label: "Tag", ...at("ministry"), attributes: { k: "v", n: 2 } });
    const revision = await db().annotationRevision.findUniqueOrThrow({ where: { annotationId_version: { annotationId: body.id, version: 1 } } });
    expect(revision).toMatchObject({ op: "created", documentId, labelId: body.label.id, start: body.start, end: body.end, exact: body.exact });
    expect(revision).toMatchObject({ prefix: body.prefix, suffix: body.suffix, attributes: body.attributes, status: "pending", deleted: false, actorId: owner.user.id });
    const [event] = await db().auditEvent.findMany({ where: { subjectId: body.id } });
    expect(event).toMatchObject({ action: "annotation.created", subjectType: "annotation", actorId: owner.user.id });
    expect(event!.data).toEqual({
      documentId,
      label: { id: body.label.id, name: "Tag", kind: "other" },
      start: body.start,
      end: body.end,
      exact: "ministry",
      prefix: body.prefix,
      suffix: body.suffix,
      attributes: { k: "v", n: 2 },
      status: "pending",
    });
    const xmins = await db().$queryRaw<{ a: string; r: string; e: string }[]>`
      SELECT (SELECT xmin::text FROM "Annotation" WHERE "id" = ${body.id}) AS a,
             (SELECT xmin::text FROM "AnnotationRevision" WHERE "annotationId" = ${body.id}) AS r,
             (SELECT xmin::text FROM "AuditEvent" WHERE "subjectId" = ${body.id}) AS e`;
    expect(new Set(Object.values(xmins[0]!)).size).toBe(1);
    // Stored in UTC like every Prisma write: within a minute of the annotation's own time.
    expect(Math.abs(event!.at.getTime() - Date.parse(body.createdAt))).toBeLessThan(60_000);
    expect(Math.abs(revision.createdAt.getTime() - Date.parse(body.createdAt))).toBeLessThan(60_000);
  });

  it("is the same with a client-chosen id, and a retry answers 200 with the same bytes", async () => {
    const body = { id: randomUUID(), label: "Tag", ...at("fighters"), attributes: { b: "x", aa: 2 } };
    const first = await post(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await post(body);
    expect(again.status).toBe(200);
    const read = await get(body.id);
    expect(JSON.stringify(first.body)).toBe(JSON.stringify(read.body));
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(read.body));
  });

  it("is the same when the caller passes no author (the service reads the actor)", async () => {
    const row = await createAnnotation({ actorId: owner.user.id, documentId, input: { label: "Tag", ...at("dawn") } });
    expect(row.created).toBe(true);
    const read = await get(row.id);
    expect(JSON.stringify(presentAnnotation(row))).toBe(JSON.stringify(read.body));
  });
});
