import { beforeAll, describe, expect, it } from "vitest";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as entityRoute from "@/app/api/v1/entities/[entityId]/route";
import * as mergeRoute from "@/app/api/v1/entities/[entityId]/merge/route";
import * as mentionsRoute from "@/app/api/v1/entities/[entityId]/mentions/route";
import * as entitiesRoute from "@/app/api/v1/projects/[projectId]/entities/route";
import { db } from "@/lib/db/client";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

type Who = "owner" | "annotator" | "outsider";
let users: Record<Who, Awaited<ReturnType<typeof makeUserWithToken>>>;
let projectId: string;
let otherProjectId: string;

// Written here: two short reports naming one armed group four ways, with astral characters before the names.
const REPORT_A = "𝟙 The UN team said ISKP had 4,000 fighters; Islamic State Khorasan denied it.";
const REPORT_B = "👩‍👩‍👧 Local radio blamed IS-K. داعش خراسان claimed the attack.";

const cp = (text: string, needle: string) => {
  const start = [...text.slice(0, text.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
};
const token = (who: Who) => users[who].token;
const create = (json: unknown, who: Who = "annotator", project = projectId) =>
  call(entitiesRoute.POST, { path: `/projects/${project}/entities`, token: token(who), json, params: { projectId: project } });
const list = (query = "", who: Who = "annotator") => call(entitiesRoute.GET, { path: `/projects/${projectId}/entities${query}`, token: token(who), params: { projectId } });
const get = (id: string, who: Who = "annotator") => call(entityRoute.GET, { path: `/entities/${id}`, token: token(who), params: { entityId: id } });
const patch = (id: string, json: unknown, who: Who = "annotator") =>
  call(entityRoute.PATCH, { path: `/entities/${id}`, method: "PATCH", token: token(who), json, params: { entityId: id } });
const remove = (id: string, who: Who = "owner") => call(entityRoute.DELETE, { path: `/entities/${id}`, method: "DELETE", token: token(who), params: { entityId: id } });
const merge = (id: string, from: string[], who: Who = "owner") => call(mergeRoute.POST, { path: `/entities/${id}/merge`, token: token(who), json: { from }, params: { entityId: id } });
const mentions = (id: string) => call(mentionsRoute.GET, { path: `/entities/${id}/mentions`, token: token("annotator"), params: { entityId: id } });
const tag = (documentId: string, span: { start: number; end: number }, attributes: Record<string, unknown>) =>
  call(annotationsRoute.POST, { path: `/documents/${documentId}/annotations`, token: token("annotator"), json: { label: "Entity", ...span, attributes }, params: { documentId } });

beforeAll(async () => {
  const made = await Promise.all((["owner", "annotator", "outsider"] as const).map((w) => makeUserWithToken({ name: `${w} person` })));
  users = { owner: made[0]!, annotator: made[1]!, outsider: made[2]! };
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Entities" } })).id;
  await addMember({ actorId: users.owner.user.id, projectId, input: { email: users.annotator.user.email, role: "annotator" } });
  otherProjectId = (await createProject({ actorId: users.outsider.user.id, input: { name: "Elsewhere" } })).id;
});

describe("entities", () => {
  it("creates, lists, searches (any script, any case), changes and audits an entity", async () => {
    const made = await create({ name: "Islamic State Khorasan", type: "armed_group", aliases: ["ISKP", "IS-K", "iskp", "داعش خراسان", " Islamic State Khorasan "], externalIds: { wikidata: "Q21039738" } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ name: "Islamic State Khorasan", type: "armed_group", aliases: ["ISKP", "IS-K", "داعش خراسان"], externalIds: { wikidata: "Q21039738" }, mergedIntoId: null });
    expect((await create({ name: "x", externalIds: { wikidata: "21039738" } })).status).toBe(400);
    expect((await create({ name: "  " })).status).toBe(400);
    expect((await create({ name: "x", type: "tribe" })).status).toBe(400);

    const byAlias = await list("?q=iskp");
    expect(byAlias.body.entities.map((e: { id: string }) => e.id)).toContain(made.body.id);
    expect((await list(`?q=${encodeURIComponent("خراسان")}`)).body.entities.map((e: { id: string }) => e.id)).toEqual([made.body.id]);
    expect((await list("?q=100%25")).body.entities).toEqual([]);
    expect((await list("?type=person")).body.entities.map((e: { id: string }) => e.id)).not.toContain(made.body.id);

    const changed = await patch(made.body.id, { aliases: ["ISKP", "ISIS-K"], description: "Regional affiliate" });
    expect(changed.body).toMatchObject({ aliases: ["ISKP", "ISIS-K"], description: "Regional affiliate" });
    const [event] = await db().auditEvent.findMany({ where: { subjectId: made.body.id, action: "entity.updated" } });
    expect(event!.data).toMatchObject({ changes: { aliases: { from: ["ISKP", "IS-K", "داعش خراسان"], to: ["ISKP", "ISIS-K"] }, description: { from: "", to: "Regional affiliate" } } });
    expect((await patch(made.body.id, {})).status).toBe(400);
    expect((await get(made.body.id, "outsider")).status).toBe(404);
    expect((await create({ name: "Mine" }, "outsider")).status).toBe(404);
  });

  it("links entity annotations to entities of the same project only, and lists mentions with their context by document", async () => {
    const group = (await create({ name: "ISKP group", type: "armed_group" })).body;
    const foreign = (await create({ name: "Foreign" }, "outsider", otherProjectId)).body;
    const a = (await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title: "A", text: REPORT_A } })).document.id;
    const b = (await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title: "B", text: REPORT_B } })).document.id;
    expect((await tag(a, cp(REPORT_A, "ISKP"), { entityId: foreign.id })).status).toBe(422);
    expect((await tag(a, cp(REPORT_A, "ISKP"), { entityId: "no-such-entity" })).status).toBe(422);
    const first = await tag(a, cp(REPORT_A, "ISKP"), { entityId: group.id, type: "armed_group" });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await tag(b, cp(REPORT_B, "داعش خراسان"), { entityId: group.id });

    const found = (await mentions(group.id)).body.documents;
    expect(found.map((d: { document: { id: string } }) => d.document.id)).toEqual([a, b]);
    const [mention] = found[0].mentions;
    expect(mention).toMatchObject({ annotationId: first.body.id, exact: "ISKP", before: "𝟙 The UN team said ", after: " had 4,000 fighters; Islamic State Khorasan denied it.", status: "pending", label: "Entity" });
    expect(found[1].mentions[0]).toMatchObject({ exact: "داعش خراسان", before: "👩‍👩‍👧 Local radio blamed IS-K. ", after: " claimed the attack." });

    const linked = await remove(group.id);
    expect(linked.status).toBe(409);
    expect(linked.body.error.message).toMatch(/^2 annotations link to this entity/);
    expect((await remove(group.id, "annotator")).status).toBe(403);
  });

  it("merges entities: names and aliases move, external ids fill gaps, links count for the target, the merged stay as redirects", async () => {
    const target = (await create({ name: "Islamic State – Khorasan Province", type: "armed_group", aliases: ["ISKP"] })).body;
    const twin = (await create({ name: "IS-K", aliases: ["ISIS-K", "iskp"], externalIds: { wikidata: "Q21039738" } })).body;
    const third = (await create({ name: "Daesh Khorasan" })).body;
    const doc = (await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title: "C", text: `${REPORT_B} again` } })).document.id;
    const link = (await tag(doc, cp(REPORT_B, "IS-K"), { entityId: twin.id })).body;

    expect((await merge(target.id, [twin.id], "annotator")).status).toBe(403);
    expect((await merge(target.id, [target.id])).status).toBe(422);
    expect((await merge(target.id, ["nope"])).status).toBe(422);
    const merged = await merge(target.id, [twin.id, third.id]);
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ aliases: ["ISKP", "IS-K", "ISIS-K", "Daesh Khorasan"], externalIds: { wikidata: "Q21039738" } });
    expect((await get(twin.id)).body).toMatchObject({ mergedIntoId: target.id });
    expect((await list("?q=daesh")).body.entities.map((e: { id: string }) => e.id)).toEqual([target.id]);
    expect((await patch(twin.id, { name: "x" })).status).toBe(409);
    expect((await merge(target.id, [twin.id])).status).toBe(409);

    // The link was not rewritten (nothing reopens), and it now counts as the target's mention.
    const stored = await call(annotationRoute.GET, { path: `/annotations/${link.id}`, token: token("annotator"), params: { annotationId: link.id } });
    expect(stored.body).toMatchObject({ version: 1, attributes: { entityId: twin.id } });
    expect((await mentions(target.id)).body.documents[0].mentions.map((m: { annotationId: string }) => m.annotationId)).toEqual([link.id]);
    // A new link to a merged entity is stored as the target.
    expect((await tag(doc, cp(REPORT_B, "داعش خراسان"), { entityId: third.id })).body.attributes.entityId).toBe(target.id);

    const [event] = await db().auditEvent.findMany({ where: { subjectId: target.id, action: "entity.merged" } });
    expect(event!.data).toEqual({
      from: [{ id: twin.id, name: "IS-K" }, { id: third.id, name: "Daesh Khorasan" }],
      aliasesAdded: ["IS-K", "ISIS-K", "Daesh Khorasan"],
      externalIdsAdded: { wikidata: "Q21039738" },
    });
    expect((await remove(target.id)).status).toBe(409);
    const free = (await create({ name: "Unused" })).body;
    expect((await remove(free.id)).status).toBe(204);
    expect((await get(free.id)).status).toBe(404);
  });
});
