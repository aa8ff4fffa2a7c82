import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as restoreRoute from "@/app/api/v1/annotations/[annotationId]/restore/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import * as labelRoute from "@/app/api/v1/labels/[labelId]/route";
import * as labelsRoute from "@/app/api/v1/projects/[projectId]/labels/route";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

type Who = Role | "outsider";
type Caller = Awaited<ReturnType<typeof makeUserWithToken>>;

const TEXT = "Qari Hakim said 300 fighters arrived near Dalvara on Tuesday.";

let users: Record<Who, Caller>;
let projectId: string;
let documentId: string;
let foreignLabelId: string;

const labelsPath = () => `/projects/${projectId}/labels`;

function listLabels(who: Who = "owner") {
  return call(labelsRoute.GET, { path: labelsPath(), token: users[who].token, params: { projectId } });
}
function createLabel(json: unknown, who: Who = "owner") {
  return call(labelsRoute.POST, { path: labelsPath(), token: users[who].token, json, params: { projectId } });
}
function getLabel(labelId: string, who: Who = "owner") {
  return call(labelRoute.GET, { path: `/labels/${labelId}`, token: users[who].token, params: { labelId } });
}
function patchLabel(labelId: string, json: unknown, who: Who = "owner") {
  return call(labelRoute.PATCH, { path: `/labels/${labelId}`, method: "PATCH", token: users[who].token, json, params: { labelId } });
}
function deleteLabel(labelId: string, query = "", who: Who = "owner") {
  return call(labelRoute.DELETE, { path: `/labels/${labelId}${query}`, method: "DELETE", token: users[who].token, params: { labelId } });
}

async function annotate(label: string, word: string, attributes?: Record<string, unknown>) {
  const start = TEXT.indexOf(word);
  const res = await call(annotationsRoute.POST, {
    path: `/documents/${documentId}/annotations`,
    token: users.owner.token,
    json: { label, start, end: start + word.length, attributes },
    params: { documentId },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; label: { id: string } };
}

async function newLabel(json: Record<string, unknown>) {
  const res = await createLabel({ color: "#123456", ...json });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; kind: string; hotkey: string | null };
}

async function eventsOf(subjectId: string) {
  return db().auditEvent.findMany({ where: { subjectId }, orderBy: { seq: "asc" } });
}

beforeAll(async () => {
  const who: Who[] = ["owner", "reviewer", "annotator", "viewer", "outsider"];
  const made = await Promise.all(who.map(() => makeUserWithToken()));
  users = Object.fromEntries(who.map((w, i) => [w, made[i]!])) as typeof users;
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Labels" } })).id;
  for (const role of ["reviewer", "annotator", "viewer"] as const) {
    await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[role].user.email, role } });
  }
  documentId = (await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title: "Report", text: TEXT } })).document.id;
  const foreign = await createProject({ actorId: users.outsider.user.id, input: { name: "Foreign" } });
  foreignLabelId = (await db().label.findFirstOrThrow({ where: { projectId: foreign.id, kind: "entity" } })).id;
});

describe("listing and reading labels", () => {
  it.each(["owner", "reviewer", "annotator", "viewer"] as const)("shows the labels with their use to a %s", async (who) => {
    const res = await listLabels(who);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.labels.slice(0, 3)).toEqual([
      { id: expect.any(String), name: "Claim", kind: "claim", color: "#d97706", hotkey: "1", description: expect.any(String), annotationCount: expect.any(Number) },
      expect.objectContaining({ name: "Entity", kind: "entity", hotkey: "2" }),
      expect.objectContaining({ name: "Figure", kind: "figure", hotkey: "3" }),
    ]);
    const entity = res.body.labels[1];
    expect((await getLabel(entity.id, who)).body).toEqual(entity);
  });

  it("hides a project's labels from non-members (404)", async () => {
    expect((await listLabels("outsider")).status).toBe(404);
    expect((await getLabel(foreignLabelId)).body.error).toEqual({ code: "not_found", message: "Label not found" });
  });

  it("counts the annotations of each label", async () => {
    const label = await newLabel({ name: "Counted", kind: "entity" });
    await annotate("Counted", "Dalvara");
    await annotate("Counted", "Tuesday");
    expect((await getLabel(label.id)).body.annotationCount).toBe(2);
  });
});

describe("creating labels", () => {
  it("lets an owner add a label (audited) and forbids everyone else", async () => {
    const res = await createLabel({ name: " Location ", kind: "entity", color: "#0EA5E9", hotkey: "l", description: "Places" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: "Location",
      kind: "entity",
      color: "#0ea5e9",
      hotkey: "l",
      description: "Places",
      annotationCount: 0,
    });
    const [event] = await eventsOf(res.body.id);
    expect(event).toMatchObject({ action: "label.created", projectId, actorId: users.owner.user.id });
    expect(event!.data).toEqual({ name: "Location", kind: "entity", color: "#0ea5e9", hotkey: "l", description: "Places" });
    for (const who of ["reviewer", "annotator", "viewer"] as const) {
      expect((await createLabel({ name: `By ${who}`, kind: "other", color: "#000000" }, who)).status).toBe(403);
    }
    expect((await createLabel({ name: "By outsider", kind: "other", color: "#000000" }, "outsider")).status).toBe(404);
  });

  it.each([
    ["a colour that is not #rrggbb", { name: "A", kind: "other", color: "red" }, "color"],
    ["a short colour", { name: "A", kind: "other", color: "#fff" }, "color"],
    ["an unknown kind", { name: "A", kind: "relation", color: "#000000" }, "kind"],
    ["a two-character hotkey", { name: "A", kind: "other", color: "#000000", hotkey: "ab" }, "hotkey"],
    ["a space as hotkey", { name: "A", kind: "other", color: "#000000", hotkey: " " }, "hotkey"],
    ["an empty name", { name: "  ", kind: "other", color: "#000000" }, "name"],
    ["an unknown field", { name: "A", kind: "other", color: "#000000", icon: "x" }, ""],
  ])("refuses %s (400)", async (_what, body, path) => {
    const res = await createLabel(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe(path);
  });

  it("refuses a duplicate name (in any case) or a hotkey in use with 409, and reserves no other key", async () => {
    const dupName = await createLabel({ name: "claim", kind: "claim", color: "#000000" });
    expect(dupName.status).toBe(409);
    expect(dupName.body.error.message).toBe('A label named "Claim" already exists in this project');
    const dupKey = await createLabel({ name: "Another", kind: "claim", color: "#000000", hotkey: "1" });
    expect(dupKey.status).toBe(409);
    expect(dupKey.body.error.message).toBe('The hotkey "1" is already used by the label "Claim"');
    for (const hotkey of ["?", "9", "ö", "😀", "/"]) {
      expect((await createLabel({ name: `Key ${hotkey}`, kind: "other", color: "#000000", hotkey })).status).toBe(201);
    }
  });
});

describe("changing labels", () => {
  it("renames, recolours and re-keys a label, audited with before and after", async () => {
    const label = await newLabel({ name: "Armed group", kind: "entity", hotkey: "g" });
    const res = await patchLabel(label.id, { name: "Armed actor", color: "#AA0000", hotkey: null, description: "Non-state" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Armed actor", color: "#aa0000", hotkey: null, description: "Non-state", kind: "entity" });
    const updated = (await eventsOf(label.id)).find((e) => e.action === "label.updated");
    expect(updated!.data).toEqual({
      changes: {
        name: { from: "Armed group", to: "Armed actor" },
        color: { from: "#123456", to: "#aa0000" },
        hotkey: { from: "g", to: null },
        description: { from: "", to: "Non-state" },
      },
    });
    expect((await patchLabel(label.id, { hotkey: "2" })).status).toBe(409);
    expect((await patchLabel(label.id, { name: "FIGURE" })).status).toBe(409);
    expect((await patchLabel(label.id, {})).status).toBe(400);
    for (const who of ["reviewer", "annotator", "viewer"] as const) expect((await patchLabel(label.id, { color: "#000000" }, who)).status).toBe(403);
    expect((await patchLabel(foreignLabelId, { color: "#000000" })).status).toBe(404);
  });

  it("changes a label's kind only while no annotation uses it", async () => {
    const label = await newLabel({ name: "Speaker", kind: "entity" });
    const unused = await patchLabel(label.id, { kind: "other" });
    expect(unused.status).toBe(200);
    expect(unused.body.kind).toBe("other");
    await annotate("Speaker", "Qari Hakim", { role: "spokesman" });
    const used = await patchLabel(label.id, { kind: "claim" });
    expect(used.status).toBe(409);
    expect(used.body.error.message).toMatch(/"Speaker" is used by 1 annotation\(s\).*cannot change while it is in use/);
    expect(used.body.error.details).toEqual({ annotationCount: 1 });
    expect((await patchLabel(label.id, { kind: "other", name: "Speaker role" })).status).toBe(200);
  });

  it("counts only live annotations: a tombstone does not block a kind change, and its restore is then refused", async () => {
    const label = await newLabel({ name: "Envoy", kind: "entity" });
    const annotation = await annotate("Envoy", "Qari Hakim", { type: "person" });
    const token = users.owner.token;
    const params = { annotationId: annotation.id };
    const deleted = await call(annotationRoute.DELETE, { path: `/annotations/${annotation.id}`, method: "DELETE", token, json: { version: annotation.version }, params });
    expect(deleted.status).toBeLessThan(300);
    const changed = await patchLabel(label.id, { kind: "figure" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.annotationCount).toBe(0);
    // The tombstone's entity attributes do not fit a figure label: restore checks them again.
    const restored = await call(restoreRoute.POST, { path: `/annotations/${annotation.id}/restore`, token, json: { version: annotation.version + 1 }, params });
    expect(restored.status, JSON.stringify(restored.body)).toBe(400);
    expect(restored.body.error.details.issues.length).toBeGreaterThan(0);
  });

  it("lets new annotations use a renamed label by its new name", async () => {
    const label = await newLabel({ name: "Place", kind: "entity" });
    await patchLabel(label.id, { name: "Site" });
    expect((await annotate("Site", "Dalvara")).label.id).toBe(label.id);
  });
});

describe("deleting labels", () => {
  it("deletes an unused label (audited) and frees its name and hotkey", async () => {
    const label = await newLabel({ name: "Temporary", kind: "other", hotkey: "t" });
    const res = await deleteLabel(label.id);
    expect(res.status).toBe(204);
    expect((await getLabel(label.id)).status).toBe(404);
    const deleted = (await eventsOf(label.id)).at(-1)!;
    expect(deleted).toMatchObject({ action: "label.deleted", actorId: users.owner.user.id, projectId });
    expect(deleted.data).toEqual({
      name: "Temporary",
      kind: "other",
      color: "#123456",
      hotkey: "t",
      description: "",
      movedAnnotations: 0,
      reassignedTo: null,
    });
    expect((await createLabel({ name: "Temporary", kind: "other", color: "#000000", hotkey: "t" })).status).toBe(201);
  });

  it("refuses to delete a label in use (409 with the count) and writes nothing", async () => {
    const label = await newLabel({ name: "Busy", kind: "claim" });
    await annotate("Busy", "said");
    await annotate("Busy", "arrived");
    const events = await db().auditEvent.count();
    const res = await deleteLabel(label.id);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/"Busy" is used by 2 annotation\(s\); a label in use cannot be deleted silently/);
    expect(res.body.error.details).toEqual({ annotationCount: 2 });
    expect(await db().auditEvent.count()).toBe(events);
    expect((await getLabel(label.id)).body.annotationCount).toBe(2);
  });

  it("moves the annotations to a label of the same kind first with reassignTo, each move audited", async () => {
    const old = await newLabel({ name: "Old figure", kind: "figure", hotkey: "o" });
    const target = await newLabel({ name: "New figure", kind: "figure" });
    const claimLabel = await newLabel({ name: "Other kind", kind: "claim" });
    const moved = [await annotate("Old figure", "300 fighters"), await annotate("Old figure", "300")];

    const wrongKind = await deleteLabel(old.id, `?reassignTo=${claimLabel.id}`);
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.error.message).toBe('reassignTo must be a figure label like "Old figure"; "Other kind" is a claim label');
    expect((await deleteLabel(old.id, `?reassignTo=${foreignLabelId}`)).status).toBe(422);
    expect((await deleteLabel(old.id, `?reassignTo=${old.id}`)).status).toBe(422);
    expect((await deleteLabel(old.id, `?reassignTo=${target.id}`, "reviewer")).status).toBe(403);

    const res = await deleteLabel(old.id, `?reassignTo=${target.id}`);
    expect(res.status).toBe(204);
    expect((await getLabel(old.id)).status).toBe(404);
    for (const annotation of moved) {
      const now = await call(annotationRoute.GET, { path: `/annotations/${annotation.id}`, token: users.viewer.token, params: { annotationId: annotation.id } });
      expect(now.body).toMatchObject({ version: 2, label: { id: target.id, name: "New figure" } });
      const update = (await eventsOf(annotation.id)).at(-1)!;
      expect(update.action).toBe("annotation.updated");
      expect(update.data).toEqual({
        documentId,
        version: 2,
        changes: { label: { from: { id: old.id, name: "Old figure", kind: "figure" }, to: { id: target.id, name: "New figure", kind: "figure" } } },
        cause: { action: "label.deleted", labelId: old.id },
      });
    }
    const deleted = (await eventsOf(old.id)).at(-1)!;
    expect(deleted.data).toMatchObject({ movedAnnotations: 2, reassignedTo: { id: target.id, name: "New figure" } });
    expect((await getLabel(target.id)).body.annotationCount).toBe(2);
  });

  it("lets only owners delete labels", async () => {
    const label = await newLabel({ name: "Guarded", kind: "other" });
    for (const who of ["reviewer", "annotator", "viewer"] as const) expect((await deleteLabel(label.id, "", who)).status).toBe(403);
    expect((await deleteLabel(label.id, "", "outsider")).status).toBe(404);
    expect((await getLabel(label.id)).status).toBe(200);
  });
});
