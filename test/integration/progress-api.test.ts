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
import * as documentsRoute from "@/app/api/v1/projects/[projectId]/documents/route";
import * as labelsRoute from "@/app/api/v1/projects/[projectId]/labels/route";
import * as progressRoute from "@/app/api/v1/projects/[projectId]/progress/route";
import type { Role } from "@/lib/db/generated/enums";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { fillDays, throughputDays } from "@/lib/progress/day-series";
import { getProjectProgress } from "@/lib/progress/project-progress";
import type { ProjectProgress } from "@/lib/progress/types";
import { createProject } from "@/lib/projects/create-project";
import { call, type RouteHandler } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

/**
 * The dashboard's numbers against the API: a project built through the routes (documents in every
 * state, two annotators with accepts and rejects, a third with nothing decided, a sign-off, a
 * reopened document, a deleted annotation), every number of GET …/progress recomputed here from
 * the routes' own lists (annotations, reviews, workflows, labels), never from lib/progress.
 */

type Who = Role | "annotator2" | "annotator3" | "outsider";
let users: Record<Who, Awaited<ReturnType<typeof makeUserWithToken>>>;
let projectId: string;
const docs: string[] = [];

const TEXT = "The Monitoring Team reported 4,000 to 6,000 fighters near 𠀋 Kunar; 👩‍👩‍👧 families fled. İstanbul denied it.";
const span = (needle: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
};
const HOUR_MS = 3_600_000;
const day = (iso: string) => iso.slice(0, 10);

const token = (who: Who) => users[who].token;
const get = <P,>(handler: RouteHandler<P>, path: string, params: P, who: Who = "owner") => call(handler, { path, token: token(who), params });
const post = <P,>(handler: RouteHandler<P>, path: string, params: P, json: unknown, who: Who) => call(handler, { path, token: token(who), params, json });

async function annotate(documentId: string, needle: string, label: string, who: Who) {
  const res = await post(annotationsRoute.POST, `/documents/${documentId}/annotations`, { documentId }, { label, ...span(needle) }, who);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}
async function review(id: string, version: number, decision: "accept" | "reject") {
  const body = decision === "accept" ? { decision, version } : { decision, version, reason: "Not in the source" };
  const res = await post(reviewRoute.POST, `/annotations/${id}/review`, { annotationId: id }, body, "reviewer");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
async function move(route: { POST: RouteHandler<{ documentId: string }> }, what: string, documentId: string, json: unknown, who: Who) {
  const res = await post(route.POST, `/documents/${documentId}/${what}`, { documentId }, json, who);
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}
const submit = (documentId: string) => move(submitRoute, "submit", documentId, {}, "annotator");
const requestChanges = (documentId: string) => move(requestChangesRoute, "request-changes", documentId, { comment: "Tag the figures" }, "reviewer");
async function signOff(documentId: string) {
  const { annotationSet } = (await get(workflowRoute.GET, `/documents/${documentId}/workflow`, { documentId })).body;
  return move(signOffRoute, "sign-off", documentId, { annotationSetHash: annotationSet.hash }, "reviewer");
}
const progress = (who: Who = "owner") => get(progressRoute.GET, `/projects/${projectId}/progress`, { projectId }, who);

beforeAll(async () => {
  const who: Who[] = ["owner", "reviewer", "annotator", "annotator2", "annotator3", "viewer", "outsider"];
  const created = await Promise.all(who.map((w) => makeUserWithToken({ name: `${w} person` })));
  users = Object.fromEntries(who.map((w, i) => [w, created[i]!])) as typeof users;
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Progress desk" } })).id;
  const roles = { reviewer: "reviewer", annotator: "annotator", annotator2: "annotator", annotator3: "annotator", viewer: "viewer" } as const;
  for (const [w, role] of Object.entries(roles)) await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[w as Who].user.email, role } });
  for (let i = 0; i < 7; i++) {
    const { document } = await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title: `Report ${i}`, text: `${TEXT} ${i}` } });
    docs.push(document.id);
  }
  const [, d1, d2, d3, d4, d5, d6] = docs as [string, string, string, string, string, string, string];
  // d0: untouched, no workflow row. d6: assigned only (a workflow row, still not started).
  const assigned = await call(assigneesRoute.PUT, {
    path: `/documents/${d6}/assignees`, method: "PUT", token: token("owner"), params: { documentId: d6 },
    json: { annotators: [users.annotator.user.id], reviewer: users.reviewer.user.id },
  });
  expect(assigned.status).toBe(200);
  // d1: in progress; three annotators, one annotation deleted, annotator3's never decided.
  await annotate(d1, "Monitoring Team", "Claim", "annotator");
  await annotate(d1, "4,000 to 6,000", "Figure", "annotator");
  const gone = await annotate(d1, "Kunar", "Entity", "annotator");
  const removed = await call(annotationRoute.DELETE, { path: `/annotations/${gone.id}?version=1`, method: "DELETE", token: token("annotator"), params: { annotationId: gone.id } });
  expect(removed.status).toBeLessThan(300);
  await annotate(d1, "İstanbul", "Entity", "annotator2");
  await annotate(d1, "families fled", "Claim", "annotator3");
  // d2: in review (still open), one accepted, one rejected.
  const a2 = await annotate(d2, "Monitoring Team", "Claim", "annotator");
  const b2 = await annotate(d2, "Kunar", "Entity", "annotator");
  await submit(d2);
  await review(a2.id, 1, "accept");
  await review(b2.id, 1, "reject");
  // d3: signed off.
  const a3 = await annotate(d3, "Monitoring Team", "Claim", "annotator2");
  const b3 = await annotate(d3, "4,000 to 6,000", "Figure", "annotator2");
  await submit(d3);
  await review(a3.id, 1, "accept");
  await review(b3.id, 1, "reject");
  await signOff(d3);
  // d4: in review twice, changes requested twice.
  await annotate(d4, "families fled", "Claim", "annotator");
  await submit(d4);
  await requestChanges(d4);
  await submit(d4);
  await requestChanges(d4);
  // d5: signed off, then reopened by a change (its annotation back to pending).
  const a5 = await annotate(d5, "İstanbul", "Entity", "annotator2");
  await submit(d5);
  await review(a5.id, 1, "accept");
  await signOff(d5);
  const edited = await call(annotationRoute.PATCH, {
    path: `/annotations/${a5.id}`, method: "PATCH", token: token("annotator2"), params: { annotationId: a5.id }, json: { version: 2, label: "Claim" },
  });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
});

interface Listed {
  id: string;
  status: "pending" | "accepted" | "rejected";
  createdAt: string;
  label: { id: string };
  author: { id: string };
}

/** Everything the routes list, gathered once per test: the independent side of every comparison. */
async function fromRoutes() {
  const annotations: Listed[] = [];
  const reviews: { at: string }[] = [];
  const workflows: { documentId: string; title: string; state: string; signOffs: { at: string }[]; history: { from: string; to: string; at: string }[] }[] = [];
  const listed = (await get(documentsRoute.GET, `/projects/${projectId}/documents`, { projectId })).body.documents as { id: string; title: string }[];
  for (const { id, title } of listed) {
    const own = (await get(annotationsRoute.GET, `/documents/${id}/annotations`, { documentId: id })).body.annotations as Listed[];
    annotations.push(...own);
    for (const a of own) reviews.push(...(await get(reviewsRoute.GET, `/annotations/${a.id}/reviews`, { annotationId: a.id })).body.reviews);
    workflows.push({ ...(await get(workflowRoute.GET, `/documents/${id}/workflow`, { documentId: id })).body, documentId: id, title });
  }
  const labels = (await get(labelsRoute.GET, `/projects/${projectId}/labels`, { projectId })).body.labels as { id: string; name: string; color: string }[];
  return { listed, annotations, reviews, workflows, labels };
}

const countBy = <T>(rows: T[], key: (row: T) => string) => rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string, number>());

/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low);
}

/** Hours in review per document from its history: each stay from entering in_review to leaving it, or to `now`. */
function hoursInReview(history: { from: string; to: string; at: string }[], now: number) {
  let ms = 0;
  let entered: number | null = null;
  for (const t of history) {
    if (t.to === "in_review") entered = Date.parse(t.at);
    else if (t.from === "in_review" && entered !== null) {
      ms += Date.parse(t.at) - entered;
      entered = null;
    }
  }
  const ever = history.some((t) => t.to === "in_review");
  return ever ? { hours: (ms + (entered === null ? 0 : now - entered)) / HOUR_MS, open: entered !== null } : null;
}

describe("GET /projects/{id}/progress", () => {
  it("answers members (viewer included) and hides the project from others", async () => {
    for (const who of ["owner", "reviewer", "annotator", "viewer"] as const) expect((await progress(who)).status, who).toBe(200);
    const outsider = await progress("outsider");
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    expect((await call(progressRoute.GET, { path: `/projects/${projectId}/progress`, params: { projectId } })).status).toBe(401);
  });

  it("counts documents by state as their workflows say, a document without one as not started", async () => {
    const { listed, workflows } = await fromRoutes();
    const body = (await progress("viewer")).body as ProjectProgress;
    const states = countBy(workflows, (w) => w.state);
    expect(body.documents).toEqual({
      total: listed.length,
      byState: Object.fromEntries(["not_started", "in_progress", "in_review", "changes_requested", "signed_off"].map((s) => [s, states.get(s) ?? 0])),
    });
    // And by hand: d0 and d6 | d1 and the reopened d5 | d2 | d4 | d3.
    expect(body.documents).toEqual({ total: 7, byState: { not_started: 2, in_progress: 2, in_review: 1, changes_requested: 1, signed_off: 1 } });
  });

  it("counts live annotations by status, by every label and by author, with acceptance rates (null when none decided)", async () => {
    const { annotations, labels } = await fromRoutes();
    const body = (await progress()).body as ProjectProgress;
    const statusOf = (rows: Listed[]) => ({
      pending: rows.filter((a) => a.status === "pending").length,
      accepted: rows.filter((a) => a.status === "accepted").length,
      rejected: rows.filter((a) => a.status === "rejected").length,
    });
    expect(body.annotations.total).toBe(annotations.length);
    expect(body.annotations.byStatus).toEqual(statusOf(annotations));
    expect(body.annotations.byStatus).toEqual({ pending: 6, accepted: 2, rejected: 2 });

    const expectedLabels = labels.map((l) => {
      const rows = annotations.filter((a) => a.label.id === l.id);
      return { labelId: l.id, name: l.name, color: l.color, total: rows.length, ...statusOf(rows) };
    });
    expect([...body.annotations.byLabel].sort((a, b) => a.labelId.localeCompare(b.labelId))).toEqual(expectedLabels.sort((a, b) => a.labelId.localeCompare(b.labelId)));
    expect(body.annotations.byLabel.map((l) => l.total)).toEqual([...body.annotations.byLabel.map((l) => l.total)].sort((a, b) => b - a));

    const authors = [...new Set(annotations.map((a) => a.author.id))];
    const expectedAuthors = authors.map((id) => {
      const counts = statusOf(annotations.filter((a) => a.author.id === id));
      const decided = counts.accepted + counts.rejected;
      const name = Object.values(users).find((u) => u.user.id === id)!.user.name;
      return { userId: id, name, total: counts.pending + decided, ...counts, acceptanceRate: decided ? counts.accepted / decided : null };
    });
    expect(body.annotations.byAnnotator).toHaveLength(3);
    expect(body.annotations.byAnnotator).toEqual(expect.arrayContaining(expectedAuthors));
    const rate = (who: Who) => body.annotations.byAnnotator.find((a) => a.userId === users[who].user.id)!.acceptanceRate;
    expect(rate("annotator")).toBe(0.5);
    expect(rate("annotator2")).toBe(0.5);
    expect(rate("annotator3")).toBeNull();
  });

  it("counts throughput per UTC day: live annotations created, review decisions, sign-offs", async () => {
    const { annotations, reviews, workflows } = await fromRoutes();
    const body = (await progress()).body as ProjectProgress;
    const created = countBy(annotations, (a) => day(a.createdAt));
    const reviewed = countBy(reviews, (r) => day(r.at));
    const signedOff = countBy(workflows.flatMap((w) => w.signOffs), (s) => day(s.at));
    // The project is new: its window starts on the day it was created and ends today.
    expect(body.throughput.at(-1)!.day).toBe(day(body.asOf));
    for (const row of body.throughput) {
      expect(row, row.day).toEqual({ day: row.day, created: created.get(row.day) ?? 0, reviewed: reviewed.get(row.day) ?? 0, signedOff: signedOff.get(row.day) ?? 0 });
    }
    const sum = (k: "created" | "reviewed" | "signedOff") => body.throughput.reduce((s, r) => s + r[k], 0);
    expect({ created: sum("created"), reviewed: sum("reviewed"), signedOff: sum("signedOff") }).toEqual({ created: 10, reviewed: 5, signedOff: 2 });
  });

  it("measures time in review from the transition history, an open review up to asOf", async () => {
    const { workflows } = await fromRoutes();
    const body = (await progress()).body as ProjectProgress;
    const now = Date.parse(body.asOf);
    const expected = workflows.flatMap((w) => {
      const spent = hoursInReview(w.history, now);
      return spent ? [{ documentId: w.documentId, title: w.title, ...spent }] : [];
    });
    expect(body.timeInReview.documents).toBe(expected.length);
    expect(expected.length).toBe(4);
    const got = new Map(body.timeInReview.byDocument.map((d) => [d.documentId, d]));
    for (const e of expected) {
      const row = got.get(e.documentId)!;
      expect(row, e.title).toMatchObject({ title: e.title, open: e.open });
      expect(Math.abs(row.hours - e.hours), e.title).toBeLessThan(1e-9);
    }
    expect(body.timeInReview.byDocument.filter((d) => d.open).map((d) => d.documentId)).toEqual([docs[2]]);
    const hours = expected.map((e) => e.hours);
    expect(Math.abs(body.timeInReview.medianHours! - percentile(hours, 0.5)!)).toBeLessThan(1e-9);
    expect(Math.abs(body.timeInReview.p90Hours! - percentile(hours, 0.9)!)).toBeLessThan(1e-9);
  });

  it("keeps a continuous 30-day axis and counts an open review up to the time asked", async () => {
    const asked = await getProjectProgress({ projectId });
    const later = new Date(Date.parse(asked.asOf) + 5 * 24 * HOUR_MS);
    const soon = await getProjectProgress({ projectId, now: later });
    expect(soon.throughput).toHaveLength(asked.throughput.length + 5);
    expect(soon.throughput.slice(-5).every((d) => d.created + d.reviewed + d.signedOff === 0)).toBe(true);
    const open = (p: ProjectProgress) => p.timeInReview.byDocument.find((d) => d.open)!.hours;
    expect(Math.abs(open(soon) - open(asked) - 120)).toBeLessThan(1e-6);

    const muchLater = await getProjectProgress({ projectId, now: new Date(Date.parse(asked.asOf) + 45 * 24 * HOUR_MS) });
    expect(muchLater.throughput).toHaveLength(30);
    expect(muchLater.throughput.every((d) => d.created + d.reviewed + d.signedOff === 0)).toBe(true);
  });

  it("builds day series by UTC day, zeros included, and drops counts outside the window", () => {
    const days = throughputDays(new Date("2026-03-02T23:59:59Z"), new Date("2026-02-27T10:00:00Z"));
    expect(days).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(throughputDays(new Date("2026-03-02T00:00:00Z"), new Date("2025-01-01T00:00:00Z"))).toHaveLength(30);
    expect(throughputDays(new Date("2026-03-02T00:00:00Z"), new Date("2026-03-05T00:00:00Z"))).toEqual(["2026-03-02"]);
    const filled = fillDays(days, [
      { day: "2026-02-28", kind: "created", count: 3 },
      { day: "2026-02-28", kind: "reviewed", count: 1 },
      { day: "2026-01-01", kind: "created", count: 9 },
    ]);
    expect(filled[1]).toEqual({ day: "2026-02-28", created: 3, reviewed: 1, signedOff: 0 });
    expect(filled.reduce((s, d) => s + d.created, 0)).toBe(3);
  });

  it("answers a project without documents with zeros and nulls, never a fake rate", async () => {
    const empty = (await createProject({ actorId: users.owner.user.id, input: { name: "Empty desk" } })).id;
    const res = await get(progressRoute.GET, `/projects/${empty}/progress`, { projectId: empty });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      documents: { total: 0, byState: { not_started: 0, in_progress: 0, in_review: 0, changes_requested: 0, signed_off: 0 } },
      annotations: { total: 0, byStatus: { pending: 0, accepted: 0, rejected: 0 }, byAnnotator: [] },
      timeInReview: { documents: 0, medianHours: null, p90Hours: null, byDocument: [] },
    });
    expect(res.body.annotations.byLabel.map((l: { total: number }) => l.total)).toEqual([0, 0, 0]);
    expect(res.body.throughput).toEqual([{ day: day(res.body.asOf), created: 0, reviewed: 0, signedOff: 0 }]);
  });
});
