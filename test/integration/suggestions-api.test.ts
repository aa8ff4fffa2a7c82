import { beforeAll, describe, expect, it } from "vitest";
import * as suggestionsRoute from "@/app/api/v1/documents/[documentId]/suggestions/route";
import * as acceptRoute from "@/app/api/v1/suggestions/[suggestionId]/accept/route";
import * as rejectRoute from "@/app/api/v1/suggestions/[suggestionId]/reject/route";
import { createEntity } from "@/lib/entities/create-entity";
import { db } from "@/lib/db/client";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

type Who = "owner" | "annotator" | "viewer";
let users: Record<Who, Awaited<ReturnType<typeof makeUserWithToken>>>;
let projectId: string;
let group: string;
let city: string;

// Written here: the group named four ways (one with harakat), a near miss inside a word, a Turkish
// capital İ, astral characters before everything, and figures.
const TEXT = [
  "𝟙 👩‍👩‍👧 Field note: ISKP's commanders met in İSTANBUL; XISKP is a call sign, not the group.",
  "قالت داعش خُراسان إن أكثر من 6,000 مقاتل انضموا.",
  "Another report says IS-K has more than 6,000 fighters near Istanbul.",
].join("\n");

const token = (who: Who) => users[who].token;
const run = (documentId: string, who: Who = "annotator") =>
  call(suggestionsRoute.POST, { path: `/documents/${documentId}/suggestions`, token: token(who), params: { documentId } });
const list = (documentId: string, query = "", who: Who = "viewer") =>
  call(suggestionsRoute.GET, { path: `/documents/${documentId}/suggestions${query}`, token: token(who), params: { documentId } });
const accept = (id: string, json?: unknown, who: Who = "annotator") =>
  call(acceptRoute.POST, { path: `/suggestions/${id}/accept`, token: token(who), ...(json ? { json } : {}), params: { suggestionId: id } });
const reject = (id: string, json?: unknown, who: Who = "annotator") =>
  call(rejectRoute.POST, { path: `/suggestions/${id}/reject`, token: token(who), ...(json ? { json } : {}), params: { suggestionId: id } });

type Suggested = { id: string; start: number; end: number; exact: string; entityId?: string; source: string; attributes?: Record<string, unknown>; label: { name: string } };

async function newDocument() {
  // A different text each time (one document per sha256), without digits the figure detector would take.
  const tag = Math.random().toString(36).replace(/[^a-z]/g, "");
  return (await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title: "note", text: `${TEXT}\nRef ${tag}` } })).document.id;
}

beforeAll(async () => {
  const made = await Promise.all((["owner", "annotator", "viewer"] as const).map((w) => makeUserWithToken({ name: `${w} person` })));
  users = { owner: made[0]!, annotator: made[1]!, viewer: made[2]! };
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Dictionary" } })).id;
  for (const w of ["annotator", "viewer"] as const) await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[w].user.email, role: w } });
  group = (await createEntity({ actorId: users.owner.user.id, projectId, input: { name: "Islamic State Khorasan", type: "armed_group", aliases: ["ISKP", "IS-K", "داعش خراسان"] } })).id;
  city = (await createEntity({ actorId: users.owner.user.id, projectId, input: { name: "Istanbul", type: "location" } })).id;
});

describe("dictionary suggestions", () => {
  it("proposes whole-word, case-insensitive matches in any script with exact code-point slices, and figures; never as annotations", async () => {
    const doc = await newDocument();
    expect((await run(doc, "viewer")).status).toBe(403);
    const ran = await run(doc);
    expect(ran.status, JSON.stringify(ran.body)).toBe(200);
    const suggestions = ran.body.suggestions as Suggested[];
    expect(ran.body.proposed).toBe(suggestions.length);
    const { text } = await db().document.findUniqueOrThrow({ where: { id: doc } });
    for (const s of suggestions) expect([...text].slice(s.start, s.end).join("")).toBe(s.exact);
    const aliases = suggestions.filter((s) => s.source === "alias").map((s) => [s.exact, s.entityId]);
    expect(aliases).toEqual([
      ["ISKP", group],
      ["İSTANBUL", city],
      ["داعش خُراسان", group],
      ["IS-K", group],
      ["Istanbul", city],
    ]);
    const figures = suggestions.filter((s) => s.source === "figure");
    expect(figures.map((s) => s.exact)).toContain("more than 6,000 fighters");
    expect(figures.every((s) => s.label.name === "Figure")).toBe(true);
    expect(await db().annotation.count({ where: { documentId: doc } })).toBe(0);
    expect((await list(doc)).body.suggestions).toEqual(suggestions);
  });

  it("accepts one into a linked annotation, rejects one for good, and remembers both on the next run", async () => {
    const doc = await newDocument();
    const first = (await run(doc)).body.suggestions as Suggested[];
    const iskp = first.find((s) => s.exact === "ISKP")!;
    const turkish = first.find((s) => s.exact === "İSTANBUL")!;
    expect((await accept(iskp.id, undefined, "viewer")).status).toBe(403);
    const made = await accept(iskp.id);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ exact: "ISKP", start: iskp.start, end: iskp.end, label: { name: "Entity" }, attributes: { entityId: group }, status: "pending" });
    expect((await accept(iskp.id)).status).toBe(409);
    expect((await reject(turkish.id)).body).toEqual({ rejected: 1 });

    const again = await run(doc);
    expect(again.body.proposed).toBe(0);
    const open = (again.body.suggestions as Suggested[]).map((s) => s.exact);
    expect(open).not.toContain("ISKP");
    expect(open).not.toContain("İSTANBUL");
    const all = (await list(doc, "?status=all")).body.suggestions as (Suggested & { status: string; annotationId?: string })[];
    expect(all.find((s) => s.id === iskp.id)).toMatchObject({ status: "accepted", annotationId: made.body.id });
    expect(all.find((s) => s.id === turkish.id)).toMatchObject({ status: "rejected" });
    const decided = await db().auditEvent.findMany({ where: { subjectId: doc, action: "suggestions.decided" }, orderBy: { seq: "asc" } });
    expect(decided.map((e) => (e.data as { decision: string }).decision)).toEqual(["accept", "reject"]);
  });

  it("accepts or rejects all of one entity's suggestions at once, and figures become parsed figure annotations", async () => {
    const doc = await newDocument();
    const first = (await run(doc)).body.suggestions as Suggested[];
    const ofGroup = first.filter((s) => s.entityId === group);
    const made = await accept(ofGroup[0]!.id, { all: true });
    expect(made.status).toBe(201);
    expect(made.body.annotations.map((a: { exact: string }) => a.exact)).toEqual(ofGroup.map((s) => s.exact));
    const ofCity = first.filter((s) => s.entityId === city);
    expect((await reject(ofCity[0]!.id, { all: true })).body).toEqual({ rejected: ofCity.length });
    const figure = first.find((s) => s.source === "figure" && s.exact === "more than 6,000 fighters")!;
    const annotated = await accept(figure.id);
    expect(annotated.body).toMatchObject({ label: { kind: "figure" }, attributes: { value: 6000, qualifier: "more than", unit: "fighters" } });
    expect((await accept(figure.id, { all: "yes" })).status).toBe(400);
  });
});
