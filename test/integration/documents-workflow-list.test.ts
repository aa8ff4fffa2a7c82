import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as reviewRoute from "@/app/api/v1/annotations/[annotationId]/review/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import * as submitRoute from "@/app/api/v1/documents/[documentId]/submit/route";
import * as bulkRoute from "@/app/api/v1/projects/[projectId]/assignees/route";
import * as documentsRoute from "@/app/api/v1/projects/[projectId]/documents/route";
import type { Role } from "@/lib/db/generated/enums";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { listLabels } from "@/lib/labels/list-labels";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

type Who = Exclude<Role, "viewer"> | "annotator2";
let users: Record<Who, Awaited<ReturnType<typeof makeUserWithToken>>>;
let projectId: string;
let labels: Record<"Claim" | "Entity", string>;

const TEXT = "Officials near 𠀋 Kunar said 👩‍👩‍👧 families fled; the Monitoring Team counted 4,000.";
const span = (needle: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
};

const list = (query: string, who: Who = "owner") =>
  call(documentsRoute.GET, { path: `/projects/${projectId}/documents?${query}`, token: users[who].token, params: { projectId } });

async function newDocument(title: string) {
  const { document } = await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title, text: `${TEXT} ${title}` } });
  return document.id;
}

async function annotate(documentId: string, label: "Claim" | "Entity", needle: string, who: Who = "annotator") {
  const res = await call(annotationsRoute.POST, {
    path: `/documents/${documentId}/annotations`,
    token: users[who].token,
    json: { label, ...span(needle) },
    params: { documentId },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

const titles = (res: { body: { documents: { title: string }[] } }) => res.body.documents.map((d) => d.title).sort();

/**
 * The fixture, one document per line (A = annotator, A2 = annotator2):
 *   plain        no workflow row at all
 *   assigned     assigned (annotator, reviewer), nothing annotated: not_started with a row
 *   claim        A: Claim pending                                          in_progress
 *   mixed        A: Claim pending, A2: Entity accepted                     in_progress
 *   rejected     A2: Claim rejected; A: Entity deleted                     in_progress
 *   submitted    A: Entity pending, submitted                              in_review
 */
const ids: Record<string, string> = {};

beforeAll(async () => {
  const who: Who[] = ["owner", "reviewer", "annotator", "annotator2"];
  const made = await Promise.all(who.map((w) => makeUserWithToken({ name: `${w} person` })));
  users = Object.fromEntries(who.map((w, i) => [w, made[i]!])) as typeof users;
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Workflow list" } })).id;
  for (const [w, role] of [["reviewer", "reviewer"], ["annotator", "annotator"], ["annotator2", "annotator"]] as const) {
    await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[w].user.email, role } });
  }
  const byName = new Map((await listLabels({ projectId })).map((l) => [l.name, l.id]));
  labels = { Claim: byName.get("Claim")!, Entity: byName.get("Entity")! };
  for (const title of ["plain", "assigned", "claim", "mixed", "rejected", "submitted"]) ids[title] = await newDocument(title);

  const assigned = await call(bulkRoute.PUT, {
    path: `/projects/${projectId}/assignees`,
    method: "PUT",
    token: users.owner.token,
    json: { documentIds: [ids.assigned], annotators: [users.annotator.user.id, users.annotator2.user.id], reviewer: users.reviewer.user.id },
    params: { projectId },
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

  await annotate(ids.claim!, "Claim", "Kunar");
  await annotate(ids.mixed!, "Claim", "Kunar");
  const entity = await annotate(ids.mixed!, "Entity", "Monitoring Team", "annotator2");
  const accept = await call(reviewRoute.POST, {
    path: `/annotations/${entity.id}/review`,
    token: users.reviewer.token,
    json: { decision: "accept", version: entity.version },
    params: { annotationId: entity.id },
  });
  expect(accept.status).toBe(200);
  const claim = await annotate(ids.rejected!, "Claim", "families fled", "annotator2");
  const reject = await call(reviewRoute.POST, {
    path: `/annotations/${claim.id}/review`,
    token: users.reviewer.token,
    json: { decision: "reject", reason: "not a claim", version: claim.version },
    params: { annotationId: claim.id },
  });
  expect(reject.status).toBe(200);
  const gone = await annotate(ids.rejected!, "Entity", "Kunar");
  const removed = await call(annotationRoute.DELETE, {
    path: `/annotations/${gone.id}?version=${gone.version}`,
    method: "DELETE",
    token: users.annotator.token,
    params: { annotationId: gone.id },
  });
  expect(removed.status).toBe(204);
  await annotate(ids.submitted!, "Entity", "Officials");
  const submitted = await call(submitRoute.POST, {
    path: `/documents/${ids.submitted}/submit`,
    token: users.annotator.token,
    params: { documentId: ids.submitted! },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
});

describe("the document list's workflow filters", () => {
  it("filters by state; a document without a workflow row is not started", async () => {
    expect(titles(await list("state=not_started"))).toEqual(["assigned", "plain"]);
    expect(titles(await list("state=in_progress"))).toEqual(["claim", "mixed", "rejected"]);
    expect(titles(await list("state=in_review"))).toEqual(["submitted"]);
    expect(titles(await list("state=signed_off"))).toEqual([]);
    // Any member may filter, not only owners.
    expect(titles(await list("state=in_review", "annotator2"))).toEqual(["submitted"]);
  });

  it("filters by the status, label and author of live annotations, all three on the same annotation", async () => {
    expect(titles(await list("status=pending"))).toEqual(["claim", "mixed", "submitted"]);
    expect(titles(await list("status=accepted"))).toEqual(["mixed"]);
    expect(titles(await list("status=rejected"))).toEqual(["rejected"]);
    expect(titles(await list(`label=${labels.Claim}`))).toEqual(["claim", "mixed", "rejected"]);
    // The deleted Entity of "rejected" does not count.
    expect(titles(await list(`label=${labels.Entity}`))).toEqual(["mixed", "submitted"]);
    expect(titles(await list(`author=${users.annotator2.user.id}`))).toEqual(["mixed", "rejected"]);
    expect(titles(await list(`author=${users.annotator.user.id}&label=${labels.Entity}`))).toEqual(["submitted"]);
    // "mixed" has a Claim (by annotator) and an annotation by annotator2, but no Claim by annotator2.
    expect(titles(await list(`author=${users.annotator2.user.id}&label=${labels.Claim}`))).toEqual(["rejected"]);
    expect(titles(await list(`author=${users.annotator2.user.id}&label=${labels.Claim}&status=accepted`))).toEqual([]);
    expect(titles(await list(`status=pending&state=in_progress&label=${labels.Claim}`))).toEqual(["claim", "mixed"]);
    expect(titles(await list(`status=pending&q=${encodeURIComponent("submitted")}`))).toEqual(["submitted"]);
    expect(titles(await list(`label=does-not-exist`))).toEqual([]);
  });

  it("gives every summary its workflow state and assignees (people as id and name)", async () => {
    const res = await list("limit=200&sort=title&order=asc");
    expect(res.status).toBe(200);
    const byTitle = new Map(res.body.documents.map((d: { title: string }) => [d.title, d]));
    expect(byTitle.get("plain")).toMatchObject({ workflow: { state: "not_started", reviewer: null, annotators: [] } });
    expect((byTitle.get("assigned") as { workflow: unknown }).workflow).toEqual({
      state: "not_started",
      reviewer: { id: users.reviewer.user.id, name: "reviewer person" },
      annotators: [
        { id: users.annotator.user.id, name: "annotator person" },
        { id: users.annotator2.user.id, name: "annotator2 person" },
      ],
    });
    expect(byTitle.get("submitted")).toMatchObject({ workflow: { state: "in_review", reviewer: null } });
    expect(byTitle.get("mixed")).toMatchObject({ workflow: { state: "in_progress" }, annotationCount: 2 });
  });

  it("refuses unknown values with 400, naming the parameter", async () => {
    for (const query of ["state=done", "state=", "status=maybe", "status=Accepted", "label=", "author=%20"]) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body.error), query).toMatch(new RegExp(query.split("=")[0]!));
    }
  });

  it("pages through a filtered list once, in order, with cursors", async () => {
    for (const title of ["p1", "p2", "p3", "p4", "p5"]) await annotate(await newDocument(`page ${title}`), "Claim", "Kunar", "annotator2");
    for (const [sort, order] of [["title", "asc"], ["createdAt", "desc"], ["annotationCount", "desc"]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list(`state=in_progress&author=${users.annotator2.user.id}&limit=2&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(res.status).toBe(200);
        expect(res.body.documents.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.documents.map((d: { title: string }) => d.title));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages, sort).toBe(4);
      expect([...seen].sort()).toEqual(["mixed", "page p1", "page p2", "page p3", "page p4", "page p5", "rejected"]);
      if (sort === "title") expect(seen).toEqual([...seen].sort());
    }
  });
});
