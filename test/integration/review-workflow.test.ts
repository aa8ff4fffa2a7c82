import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as reviewRoute from "@/app/api/v1/annotations/[annotationId]/review/route";
import * as reviewsRoute from "@/app/api/v1/annotations/[annotationId]/reviews/route";
import * as assigneesRoute from "@/app/api/v1/documents/[documentId]/assignees/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import * as requestChangesRoute from "@/app/api/v1/documents/[documentId]/request-changes/route";
import * as signOffRoute from "@/app/api/v1/documents/[documentId]/sign-off/route";
import * as submitRoute from "@/app/api/v1/documents/[documentId]/submit/route";
import * as workflowRoute from "@/app/api/v1/documents/[documentId]/workflow/route";
import * as queueRoute from "@/app/api/v1/me/queue/route";
import * as bulkRoute from "@/app/api/v1/projects/[projectId]/assignees/route";
import * as labelRoute from "@/app/api/v1/labels/[labelId]/route";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { deleteDocument } from "@/lib/documents/delete-document";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { listLabels } from "@/lib/labels/list-labels";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

type Who = Role | "reviewer2" | "annotator2" | "outsider";
let users: Record<Who, Awaited<ReturnType<typeof makeUserWithToken>>>;
let projectId: string;

const TEXT = "The Monitoring Team reported 4,000 to 6,000 fighters near 𠀋 Kunar; 👩‍👩‍👧 families fled. İstanbul denied it.";
const span = (needle: string) => {
  const unit = TEXT.indexOf(needle);
  const start = [...TEXT.slice(0, unit)].length;
  return { start, end: start + [...needle].length };
};

async function newDocument(title = "report") {
  const { document } = await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title, text: `${TEXT} ${title} ${Math.random()}` } });
  return document.id;
}

const tokenOf = (who: Who) => users[who].token;
const annotate = (documentId: string, body: unknown, who: Who = "annotator") =>
  call(annotationsRoute.POST, { path: `/documents/${documentId}/annotations`, token: tokenOf(who), json: body, params: { documentId } });
const review = (id: string, body: unknown, who: Who = "reviewer") =>
  call(reviewRoute.POST, { path: `/annotations/${id}/review`, token: tokenOf(who), json: body, params: { annotationId: id } });
const reviews = (id: string, who: Who = "annotator") => call(reviewsRoute.GET, { path: `/annotations/${id}/reviews`, token: tokenOf(who), params: { annotationId: id } });
const patch = (id: string, body: unknown, who: Who = "annotator") =>
  call(annotationRoute.PATCH, { path: `/annotations/${id}`, method: "PATCH", token: tokenOf(who), json: body, params: { annotationId: id } });
const remove = (id: string, version: number, who: Who = "annotator") =>
  call(annotationRoute.DELETE, { path: `/annotations/${id}?version=${version}`, method: "DELETE", token: tokenOf(who), params: { annotationId: id } });
const workflow = (documentId: string, who: Who = "owner") =>
  call(workflowRoute.GET, { path: `/documents/${documentId}/workflow`, token: tokenOf(who), params: { documentId } });
const submit = (documentId: string, who: Who = "annotator", json?: unknown) =>
  call(submitRoute.POST, { path: `/documents/${documentId}/submit`, token: tokenOf(who), ...(json ? { json } : {}), params: { documentId } });
const requestChanges = (documentId: string, json: unknown, who: Who = "reviewer") =>
  call(requestChangesRoute.POST, { path: `/documents/${documentId}/request-changes`, token: tokenOf(who), json, params: { documentId } });
const signOff = (documentId: string, json: unknown, who: Who = "reviewer") =>
  call(signOffRoute.POST, { path: `/documents/${documentId}/sign-off`, token: tokenOf(who), json, params: { documentId } });
const assign = (documentId: string, json: unknown, who: Who = "owner") =>
  call(assigneesRoute.PUT, { path: `/documents/${documentId}/assignees`, method: "PUT", token: tokenOf(who), json, params: { documentId } });

/** The sign-off hash, computed here independently of lib/: sort by code point, one line each. */
function independentHash(rows: { id: string; version: number; status: string }[]) {
  const cmp = (a: string, b: string) => {
    const x = [...a].map((c) => c.codePointAt(0)!);
    const y = [...b].map((c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const text = [...rows].sort((a, b) => cmp(a.id, b.id)).map((r) => `${r.id}\t${r.version}\t${r.status}\n`).join("");
  return createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
}

async function liveAnnotations(documentId: string) {
  const res = await call(annotationsRoute.GET, { path: `/documents/${documentId}/annotations`, token: tokenOf("owner"), params: { documentId } });
  return res.body.annotations as { id: string; version: number; status: string }[];
}

async function made(documentId: string, needle: string, label = "Claim", who: Who = "annotator") {
  const res = await annotate(documentId, { label, ...span(needle) }, who);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; status: string };
}

beforeAll(async () => {
  const who: Who[] = ["owner", "reviewer", "reviewer2", "annotator", "annotator2", "viewer", "outsider"];
  const created = await Promise.all(who.map((w) => makeUserWithToken({ name: `${w} person` })));
  users = Object.fromEntries(who.map((w, i) => [w, created[i]!])) as typeof users;
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Review desk" } })).id;
  const roles = { reviewer: "reviewer", reviewer2: "reviewer", annotator: "annotator", annotator2: "annotator", viewer: "viewer" } as const;
  for (const [w, role] of Object.entries(roles)) {
    await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[w as Who].user.email, role } });
  }
});

describe("per-annotation review", () => {
  it("lets reviewers and owners accept and reject (with a reason), keeps the history oldest first, refuses others", async () => {
    const doc = await newDocument();
    const a = await made(doc, "Monitoring Team");
    for (const who of ["annotator", "viewer"] as const) {
      const res = await review(a.id, { decision: "accept", version: 1 }, who);
      expect(res.status, who).toBe(403);
    }
    expect((await review(a.id, { decision: "accept", version: 1 }, "outsider")).status).toBe(404);
    const noReason = await review(a.id, { decision: "reject", version: 1 });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.message).toMatch(/reason is required/);
    expect((await review(a.id, { decision: "reject", reason: "   ", version: 1 })).status).toBe(422);
    expect((await review(a.id, { decision: "maybe", version: 1 })).status).toBe(400);

    const accepted = await review(a.id, { decision: "accept", version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", version: 2 });
    const stale = await review(a.id, { decision: "reject", reason: "no", version: 1 }, "owner");
    expect(stale.status).toBe(409);
    const rejected = await review(a.id, { decision: "reject", reason: "The team is not named in the source", version: 2 }, "owner");
    expect(rejected.body).toMatchObject({ status: "rejected", version: 3 });

    const history = await reviews(a.id);
    expect(history.status).toBe(200);
    expect(history.body.reviews).toEqual([
      expect.objectContaining({ decision: "accept", reason: null, version: 2, reviewer: { id: users.reviewer.user.id, name: "reviewer person" }, correctedFrom: null }),
      expect.objectContaining({ decision: "reject", reason: "The team is not named in the source", version: 3, reviewer: { id: users.owner.user.id, name: "owner person" } }),
    ]);
    const [event] = await db().auditEvent.findMany({ where: { subjectId: a.id, action: "annotation.updated" }, orderBy: { seq: "desc" }, take: 1 });
    expect(event!.data).toMatchObject({ version: 3, changes: { status: { from: "accepted", to: "rejected" } }, review: { decision: "reject" } });
  });

  it("corrects and accepts in one step, recording what it was corrected from; a rejection cannot change fields", async () => {
    const doc = await newDocument();
    const a = await made(doc, "4,000 to 6,000");
    const refused = await review(a.id, { decision: "reject", reason: "x", version: 1, label: "Figure" });
    expect(refused.status).toBe(422);
    const corrected = await review(a.id, { decision: "accept", version: 1, label: "Figure", ...span("4,000 to 6,000 fighters") });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ status: "accepted", version: 2, exact: "4,000 to 6,000 fighters", label: { name: "Figure" } });
    const [entry] = (await reviews(a.id)).body.reviews;
    expect(entry.correctedFrom).toMatchObject({ label: { name: "Claim", kind: "claim" }, end: span("4,000 to 6,000").end, exact: "4,000 to 6,000" });
  });

  it("returns an annotation to pending on any later change of label, span or attributes, keeping its history", async () => {
    const doc = await newDocument();
    const a = await made(doc, "Kunar", "Entity");
    await review(a.id, { decision: "accept", version: 1 });
    const moved = await patch(a.id, { version: 2, ...span("near 𠀋 Kunar") });
    expect(moved.body).toMatchObject({ status: "pending", version: 3, exact: "near 𠀋 Kunar" });
    await review(a.id, { decision: "accept", version: 3 });
    const attrs = await patch(a.id, { version: 4, attributes: { type: "location" } }, "reviewer");
    expect(attrs.body).toMatchObject({ status: "pending", version: 5 });
    await review(a.id, { decision: "reject", reason: "duplicate", version: 5 });
    const relabel = await patch(a.id, { version: 6, label: "Claim", attributes: {} });
    expect(relabel.body).toMatchObject({ status: "pending" });
    expect((await reviews(a.id)).body.reviews.map((r: { decision: string }) => r.decision)).toEqual(["accept", "accept", "reject"]);
    // An annotator still cannot set a status by PATCH.
    expect((await patch(a.id, { version: 7, status: "accepted" })).status).toBe(403);
  });

  it("sends a label's annotations back to pending when the label is deleted into another", async () => {
    const doc = await newDocument();
    const other = (await listLabels({ projectId })).find((l) => l.name === "Claim")!;
    const spare = await db().label.create({ data: { projectId, name: `Spare ${Math.random()}`, kind: "claim", color: "#334155" } });
    const a = await made(doc, "families fled", spare.name);
    await review(a.id, { decision: "accept", version: 1 });
    const res = await call(labelRoute.DELETE, {
      path: `/labels/${spare.id}?reassignTo=${other.id}`,
      method: "DELETE",
      token: tokenOf("owner"),
      params: { labelId: spare.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const now = await db().annotation.findUniqueOrThrow({ where: { id: a.id } });
    expect(now).toMatchObject({ status: "pending", labelId: other.id, version: 3 });
  });
});

describe("document workflow", () => {
  it("moves not_started → in_progress → in_review → changes_requested → in_review → signed_off, with roles and states enforced", async () => {
    const doc = await newDocument();
    expect((await workflow(doc)).body).toMatchObject({ state: "not_started", signOff: null, history: [], assignees: { annotators: [], reviewer: null } });
    const a = await made(doc, "Monitoring Team");
    const b = await made(doc, "İstanbul", "Entity");
    const started = (await workflow(doc, "viewer")).body;
    expect(started.state).toBe("in_progress");
    expect(started.history).toEqual([expect.objectContaining({ from: "not_started", to: "in_progress", cause: { annotationId: a.id, version: 1, op: "created" } })]);

    expect((await submit(doc, "viewer")).status).toBe(403);
    expect((await requestChanges(doc, { comment: "x" })).status).toBe(409);
    expect((await signOff(doc, { annotationSetHash: "0".repeat(64) })).status).toBe(409);
    const submitted = await submit(doc);
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe("in_review");
    expect((await submit(doc)).status).toBe(409);

    expect((await requestChanges(doc, { comment: "x" }, "annotator")).status).toBe(403);
    const noComment = await requestChanges(doc, {});
    expect(noComment.status).toBe(422);
    const back = await requestChanges(doc, { comment: "Split the figure from the claim" });
    expect(back.body).toMatchObject({ state: "changes_requested" });
    expect(back.body.history.at(-1)).toMatchObject({ from: "in_review", to: "changes_requested", comment: "Split the figure from the claim" });
    expect((await submit(doc, "annotator", { comment: "done" })).body.state).toBe("in_review");

    // Pending annotations block the sign-off, naming how many.
    const pending = await signOff(doc, { annotationSetHash: "0".repeat(64) });
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toMatch(/^2 annotations are still pending/);
    await review(a.id, { decision: "accept", version: 1 });
    const one = await signOff(doc, { annotationSetHash: "0".repeat(64) });
    expect(one.body.error.message).toMatch(/^1 annotation is still pending/);
    await review(b.id, { decision: "reject", reason: "a city, not an actor", version: 1 });

    const current = (await workflow(doc)).body;
    const expected = independentHash(await liveAnnotations(doc));
    expect(current.annotationSet).toEqual({ hash: expected, total: 2, pending: 0, accepted: 1, rejected: 1 });
    const mismatch = await signOff(doc, { annotationSetHash: "a".repeat(64) });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error.details).toEqual({ annotationSetHash: expected });
    expect((await signOff(doc, { annotationSetHash: "NOT HEX" })).status).toBe(400);
    expect((await signOff(doc, { annotationSetHash: expected }, "annotator")).status).toBe(403);

    const signed = await signOff(doc, { annotationSetHash: expected });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe("signed_off");
    expect(signed.body.signOff).toMatchObject({ signer: { id: users.reviewer.user.id }, accepted: 1, rejected: 1, annotationSetHash: expected, superseded: null });
    const events = await db().auditEvent.findMany({ where: { subjectId: doc, subjectType: "document" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "document.created",
      "document.started",
      "document.submitted",
      "document.changes_requested",
      "document.submitted",
      "document.signed_off",
    ]);
    expect(events.at(-1)!.data).toMatchObject({ annotationSetHash: expected, accepted: 1, rejected: 1 });
  });

  it("reopens a signed-off document on any annotation change, superseding the sign-off and keeping it in the history", async () => {
    for (const change of ["edit", "delete", "create", "review"] as const) {
      const doc = await newDocument(change);
      const a = await made(doc, "families fled");
      await submit(doc);
      await review(a.id, { decision: "accept", version: 1 });
      const hash = (await workflow(doc)).body.annotationSet.hash;
      expect((await signOff(doc, { annotationSetHash: hash })).status).toBe(200);

      if (change === "edit") expect((await patch(a.id, { version: 2, attributes: { note: "later" } })).status).toBe(200);
      if (change === "delete") expect((await remove(a.id, 2)).status).toBe(204);
      if (change === "create") await made(doc, "İstanbul", "Entity", "annotator2");
      if (change === "review") expect((await review(a.id, { decision: "reject", reason: "on second thought", version: 2 }, "owner")).status).toBe(200);

      const after = (await workflow(doc)).body;
      expect(after.state, change).toBe("in_progress");
      expect(after.signOff.annotationSetHash).toBe(hash);
      expect(after.signOff.superseded, change).toMatchObject({ by: { id: expect.any(String) }, at: expect.any(String), annotationId: expect.any(String) });
      expect(after.history.at(-1)).toMatchObject({ from: "signed_off", to: "in_progress", signOffId: after.signOff.id });
      const [reopened] = await db().auditEvent.findMany({ where: { subjectId: doc, action: "document.reopened" } });
      expect(reopened!.data).toMatchObject({ from: "signed_off", to: "in_progress", signOffId: after.signOff.id });
    }
  });

  it("never leaves a document signed over a change made at the same moment", async () => {
    const doc = await newDocument();
    const a = await made(doc, "Monitoring Team");
    await submit(doc);
    await review(a.id, { decision: "accept", version: 1 });
    const hash = (await workflow(doc)).body.annotationSet.hash;
    const [signed, edited] = await Promise.all([signOff(doc, { annotationSetHash: hash }), patch(a.id, { version: 2, attributes: { note: "race" } }, "owner")]);
    expect(edited.status).toBe(200);
    const after = (await workflow(doc)).body;
    if (signed.status === 200) {
      expect(after.state).toBe("in_progress");
      expect(after.signOff.superseded).not.toBeNull();
    } else {
      expect(signed.status).toBe(409);
      expect(after.state).toBe("in_review");
    }
  });

  it("lets concurrent writers of one document through (no queue, no deadlock) and starts it exactly once", async () => {
    const doc = await newDocument("crowd");
    expect((await assign(doc, { annotators: [users.annotator.user.id, users.annotator2.user.id], reviewer: null })).status).toBe(200);
    expect((await workflow(doc)).body.state).toBe("not_started");
    const needles = ["Monitoring", "Team", "reported", "4,000", "6,000", "fighters", "near", "Kunar"];
    const made = await Promise.all(needles.map((n, i) => annotate(doc, { label: "Claim", ...span(n) }, i % 2 ? "annotator" : "annotator2")));
    expect(made.map((r) => r.status)).toEqual(needles.map(() => 201));
    const after = (await workflow(doc)).body;
    expect(after.state).toBe("in_progress");
    expect(after.history.filter((t: { to: string }) => t.to === "in_progress")).toHaveLength(1);

    // Signed off, then several changes at once: one reopening, every change kept.
    await submit(doc, "annotator");
    for (const r of made) expect((await review(r.body.id, { decision: "accept", version: 1 })).status).toBe(200);
    const hash = (await workflow(doc)).body.annotationSet.hash;
    expect((await signOff(doc, { annotationSetHash: hash })).status).toBe(200);
    const edits = await Promise.all(made.slice(0, 4).map((r) => patch(r.body.id, { version: 2, attributes: { note: "again" } }, "owner")));
    expect(edits.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const reopened = (await workflow(doc)).body;
    expect(reopened.state).toBe("in_progress");
    expect(reopened.history.filter((t: { from: string }) => t.from === "signed_off")).toHaveLength(1);
  });

  it("lets an owner delete a document that went through review once its annotations are gone (its workflow goes with it, its reviews stay)", async () => {
    const doc = await newDocument("to delete");
    await assign(doc, { annotators: [users.annotator.user.id], reviewer: users.reviewer.user.id });
    const a = await made(doc, "Kunar", "Entity");
    await submit(doc);
    await review(a.id, { decision: "accept", version: 1 });
    const hash = (await workflow(doc)).body.annotationSet.hash;
    expect((await signOff(doc, { annotationSetHash: hash })).status).toBe(200);
    expect((await remove(a.id, 2)).status).toBe(204);
    await deleteDocument({ actorId: users.owner.user.id, documentId: doc });
    expect(await db().documentWorkflow.count({ where: { documentId: doc } })).toBe(0);
    expect(await db().signOff.count({ where: { documentId: doc } })).toBe(0);
    expect(await db().annotationReview.count({ where: { documentId: doc } })).toBe(1);
    expect((await workflow(doc)).status).toBe(404);
  });

  it("narrows transitions to assignees, validates assignments, and lists the caller's queue", async () => {
    const doc = await newDocument("assigned");
    const badRole = await assign(doc, { annotators: [users.viewer.user.id], reviewer: users.annotator.user.id });
    expect(badRole.status).toBe(422);
    expect(badRole.body.error.message).toMatch(/cannot annotate/);
    expect(badRole.body.error.message).toMatch(/cannot review/);
    expect((await assign(doc, { annotators: [users.outsider.user.id], reviewer: null })).status).toBe(422);
    expect((await assign(doc, { annotators: [], reviewer: null }, "reviewer")).status).toBe(403);
    expect((await assign(doc, { annotators: "x" })).status).toBe(400);
    const ok = await assign(doc, { annotators: [users.annotator.user.id], reviewer: users.reviewer.user.id });
    expect(ok.status).toBe(200);
    expect(ok.body.assignees).toEqual({
      annotators: [{ id: users.annotator.user.id, name: "annotator person", email: users.annotator.user.email }],
      reviewer: { id: users.reviewer.user.id, name: "reviewer person", email: users.reviewer.user.email },
    });

    await made(doc, "Kunar", "Entity");
    expect((await submit(doc, "annotator2")).status).toBe(403);
    expect((await submit(doc, "annotator")).status).toBe(200);
    expect((await requestChanges(doc, { comment: "no" }, "reviewer2")).status).toBe(403);

    const queue = await call(queueRoute.GET, { path: "/me/queue", token: tokenOf("reviewer") });
    const item = queue.body.documents.find((d: { document: { id: string } }) => d.document.id === doc);
    expect(item).toMatchObject({ state: "in_review", as: ["reviewer"], yourTurn: true, document: { projectId, title: "assigned" } });
    expect(queue.body.byState.in_review).toBeGreaterThanOrEqual(1);
    const annotatorQueue = await call(queueRoute.GET, { path: "/me/queue", token: tokenOf("annotator") });
    expect(annotatorQueue.body.documents.find((d: { document: { id: string } }) => d.document.id === doc)).toMatchObject({ as: ["annotator"], yourTurn: false });
    const outsiderQueue = await call(queueRoute.GET, { path: "/me/queue", token: tokenOf("outsider") });
    expect(outsiderQueue.body.documents).toEqual([]);

    const second = await newDocument("bulk");
    const bulk = await call(bulkRoute.PUT, {
      path: `/projects/${projectId}/assignees`,
      method: "PUT",
      token: tokenOf("owner"),
      json: { documentIds: [doc, second], annotators: [users.annotator2.user.id], reviewer: users.reviewer2.user.id },
      params: { projectId },
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect((await workflow(second)).body.assignees.reviewer.id).toBe(users.reviewer2.user.id);
    const assigned = await db().auditEvent.findMany({ where: { subjectId: doc, action: "document.assigned" }, orderBy: { seq: "asc" } });
    expect(assigned.at(-1)!.data).toEqual({
      annotators: { from: [users.annotator.user.id], to: [users.annotator2.user.id] },
      reviewer: { from: users.reviewer.user.id, to: users.reviewer2.user.id },
    });
  });
});
