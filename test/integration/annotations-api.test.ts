import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import * as labelsRoute from "@/app/api/v1/projects/[projectId]/labels/route";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { listLabels } from "@/lib/labels/list-labels";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

type Caller = Awaited<ReturnType<typeof makeUserWithToken>>;
type Who = Role | "other" | "outsider";

/** Emoji (ZWJ family, flag), Arabic with harakat and a shadda, astral CJK, combining accents. */
const TEXT = [
  "Field report 👩‍👩‍👧 from the border 🇦🇫 at dawn.",
  "",
  "قال المتحدث ذَبِيحُ اللّٰهِ مُجَاهِد إن أكثر من 6,000 مقاتل عبروا.",
  "The spokesman said more than 6,000 fighters crossed; 𠀋 notes e\u0301te\u0301.",
].join("\n");

let users: Record<Who, Caller>;
let projectId: string;
let documentId: string;
let labels: Record<"Claim" | "Entity" | "Figure", string>;
let foreign: { documentId: string; labelId: string };

const cps = (s: string) => [...s];
const cpSlice = (s: string, start: number, end: number) => cps(s).slice(start, end).join("");

/** The code-point span of the first `needle` in `text` (after `from` UTF-16 units). */
function span(needle: string, text = TEXT, from = 0) {
  const unit = text.indexOf(needle, from);
  if (unit < 0) throw new Error(`fixture: ${needle} not in text`);
  const start = cps(text.slice(0, unit)).length;
  return { start, end: start + cps(needle).length };
}

async function makeDocument(text: string, project = projectId, actor = users.owner) {
  const { document } = await createPastedDocument({ actorId: actor.user.id, projectId: project, input: { title: "t", text } });
  return document.id;
}

const tokenOf = (who: Who) => users[who].token;

function create(body: unknown, { who = "owner" as Who, doc = documentId } = {}) {
  return call(annotationsRoute.POST, { path: `/documents/${doc}/annotations`, token: tokenOf(who), json: body, params: { documentId: doc } });
}
function list(query = "", { who = "owner" as Who, doc = documentId } = {}) {
  return call(annotationsRoute.GET, { path: `/documents/${doc}/annotations${query}`, token: tokenOf(who), params: { documentId: doc } });
}
function get(id: string, who: Who = "owner") {
  return call(annotationRoute.GET, { path: `/annotations/${id}`, token: tokenOf(who), params: { annotationId: id } });
}
function patch(id: string, body: unknown, who: Who = "owner") {
  return call(annotationRoute.PATCH, { path: `/annotations/${id}`, method: "PATCH", token: tokenOf(who), json: body, params: { annotationId: id } });
}
function remove(id: string, version: number | null, who: Who = "owner") {
  const query = version === null ? "" : `?version=${version}`;
  return call(annotationRoute.DELETE, { path: `/annotations/${id}${query}`, method: "DELETE", token: tokenOf(who), params: { annotationId: id } });
}

async function createOk(body: Record<string, unknown>, options?: Parameters<typeof create>[1]) {
  const res = await create(body, options);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function counts() {
  return { annotations: await db().annotation.count(), events: await db().auditEvent.count() };
}

async function eventsOf(subjectId: string) {
  return db().auditEvent.findMany({ where: { subjectId }, orderBy: { seq: "asc" } });
}

/** The id of the transaction that wrote a row: equal ids prove one transaction wrote both. */
async function xmin(table: "Annotation" | "AuditEvent", where: string, value: string | bigint): Promise<string> {
  const rows = await db().$queryRawUnsafe<{ xmin: string }[]>(`SELECT xmin::text AS xmin FROM "${table}" WHERE ${where} = $1`, value);
  expect(rows).toHaveLength(1);
  return rows[0]!.xmin;
}

beforeAll(async () => {
  const who: Who[] = ["owner", "reviewer", "annotator", "other", "viewer", "outsider"];
  const made = await Promise.all(who.map((w) => makeUserWithToken({ name: `${w} user` })));
  users = Object.fromEntries(who.map((w, i) => [w, made[i]!])) as typeof users;
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Border monitoring" } })).id;
  for (const [w, role] of [["reviewer", "reviewer"], ["annotator", "annotator"], ["other", "annotator"], ["viewer", "viewer"]] as const) {
    await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[w].user.email, role } });
  }
  documentId = await makeDocument(TEXT);
  labels = Object.fromEntries((await listLabels({ projectId })).map((l) => [l.name, l.id])) as typeof labels;
  const otherProject = (await createProject({ actorId: users.outsider.user.id, input: { name: "Elsewhere" } })).id;
  foreign = {
    documentId: await makeDocument("A text of another project.", otherProject, users.outsider),
    labelId: (await listLabels({ projectId: otherProject }))[0]!.id,
  };
});

describe("creating annotations", () => {
  it("stores the span with its quote and context, exact given or taken from the text, and presents the contract", async () => {
    const s = span("spokesman");
    const given = await createOk({ label: "Claim", ...s, exact: "spokesman" });
    expect(given).toEqual({
      id: expect.any(String),
      documentId,
      start: s.start,
      end: s.end,
      exact: "spokesman",
      prefix: cpSlice(TEXT, s.start - 32, s.start),
      suffix: cpSlice(TEXT, s.end, s.end + 32),
      label: { id: labels.Claim, name: "Claim", kind: "claim", color: "#d97706", hotkey: "1" },
      attributes: {},
      status: "pending",
      version: 1,
      author: { id: users.owner.user.id, name: "owner user", email: users.owner.user.email },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const omitted = await createOk({ label: "Entity", ...span("border") });
    expect(omitted.exact).toBe("border");
    expect((await get(given.id)).body).toEqual(given);
  });

  it("refuses an exact that differs from the text with 422 naming both", async () => {
    const s = span("spokesman");
    const before = await counts();
    const res = await create({ label: "Claim", ...s, exact: "Spokesman" });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: {
        code: "invalid_input",
        message: `exact does not match the text at [${s.start}, ${s.end}): expected "spokesman", got "Spokesman"`,
        details: { expected: "spokesman", got: "Spokesman" },
      },
    });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["end past the text", (len: number) => ({ start: len - 2, end: len + 1 }), /end \d+ is past the end of the text, which is \d+ code points long/],
    ["start equal to end", () => ({ start: 5, end: 5 }), /start must be less than end \(got \[5, 5\)\)/],
    ["start after end", () => ({ start: 9, end: 4 }), /start must be less than end/],
    ["a negative start", () => ({ start: -1, end: 4 }), /start must be 0 or more/],
    ["fractional offsets", () => ({ start: 1.5, end: 4 }), /whole numbers of code points/],
  ])("refuses %s with 422 and writes nothing", async (_what, range, message) => {
    const before = await counts();
    const res = await create({ label: "Claim", ...range(cps(TEXT).length) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("accepts a span ending exactly at the end of the text, and refuses offsets that are not numbers (400)", async () => {
    const length = cps(TEXT).length;
    const last = await createOk({ label: "Claim", start: length - 1, end: length });
    expect(last).toMatchObject({ exact: ".", suffix: "" });
    const res = await create({ label: "Claim", start: "3", end: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("start");
  });

  it("counts code points on astral and right-to-left text, as Python does", async () => {
    const needles = ["👩‍👩‍👧", "🇦🇫", "ذَبِيحُ اللّٰهِ مُجَاهِد", "مقاتل", "𠀋", "e\u0301te\u0301", "6,000 fighters"];
    const made = [];
    for (const needle of needles) {
      const s = span(needle);
      const body = await createOk({ label: "Entity", ...s, exact: needle });
      expect(body.exact).toBe(cpSlice(TEXT, s.start, s.end));
      expect({ start: body.start, end: body.end }).toEqual(s);
      expect(body.prefix).toBe(cpSlice(TEXT, Math.max(0, s.start - 32), s.start));
      expect(body.suffix).toBe(cpSlice(TEXT, s.end, s.end + 32));
      expect(cps(body.prefix)).toHaveLength(Math.min(32, s.start));
      expect(cps(body.suffix)).toHaveLength(Math.min(32, cps(TEXT).length - s.end));
      made.push(body);
    }
    // An independent oracle: Python's str slicing counts code points too.
    const script = "import sys,json; d=json.load(sys.stdin); print(json.dumps([d['t'][s:e] for s,e in d['spans']]))";
    const out = spawnSync("python3", ["-c", script], { input: JSON.stringify({ t: TEXT, spans: made.map((a) => [a.start, a.end]) }) });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout.toString())).toEqual(needles);
    // The classic bug: UTF-16 offsets for a span after the emoji land elsewhere, and are refused.
    const utf16Start = TEXT.indexOf("border");
    expect(utf16Start).not.toBe(span("border").start);
    const res = await create({ label: "Entity", start: utf16Start, end: utf16Start + 6, exact: "border" });
    expect(res.status).toBe(422);
    expect(res.body.error.details.got).toBe("border");
  });

  it("takes the label by name, by case-insensitive name or by id, only from the document's project", async () => {
    const s = span("dawn");
    expect((await createOk({ label: labels.Entity, ...s })).label.name).toBe("Entity");
    expect((await createOk({ label: "entity", ...s })).label.id).toBe(labels.Entity);
    const unknown = await create({ label: "Nope", ...s });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toBe('Unknown label "Nope": this project\'s labels are Claim, Entity, Figure');
    const elsewhere = await create({ label: foreign.labelId, ...s });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.message).toContain(`Unknown label "${foreign.labelId}"`);
  });

  it("refuses unknown fields and a missing label with 400", async () => {
    const s = span("dawn");
    expect((await create({ label: "Claim", ...s, colour: "red" })).status).toBe(400);
    const missing = await create({ ...s });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe("label");
  });
});

describe("attributes by label kind", () => {
  let entityId: string;
  let otherDocEntityId: string;

  beforeAll(async () => {
    entityId = (await createOk({ label: "Entity", ...span("ذَبِيحُ اللّٰهِ مُجَاهِد"), attributes: { type: "person" } })).id;
    const otherDoc = await makeDocument("Zabihullah Mujahid said so.");
    otherDocEntityId = (await createOk({ label: "Entity", ...span("Zabihullah Mujahid", "Zabihullah Mujahid said so.") }, { doc: otherDoc })).id;
  });

  it("stores valid entity, claim and figure attributes as sent", async () => {
    const entity = { type: "armed_group", canonicalName: "Taliban" };
    expect((await createOk({ label: "Entity", ...span("border"), attributes: entity })).attributes).toEqual(entity);
    const claim = { source: { annotationId: entityId }, reporting: "alleged", reliability: "B", credibility: 2, note: "Via Telegram" };
    expect((await createOk({ label: "Claim", ...span("قال المتحدث"), attributes: claim })).attributes).toEqual(claim);
    const quoted = { source: { text: "a local elder" }, reporting: "reported" };
    expect((await createOk({ label: "Claim", ...span("Field report"), attributes: quoted })).attributes).toEqual(quoted);
    const figure = { value: 6000, qualifier: "at least", unit: "fighters", asOf: "2024-05-31" };
    expect((await createOk({ label: "Figure", ...span("6,000 fighters"), attributes: figure })).attributes).toEqual(figure);
  });

  it.each([
    ["entity", "an invalid type", "Entity", { type: "army" }, "attributes.type"],
    ["entity", "an unknown key", "Entity", { colour: "red" }, "attributes"],
    ["claim", "an invalid reporting mode", "Claim", { reporting: "rumoured" }, "attributes.reporting"],
    ["claim", "reliability outside A–F", "Claim", { reliability: "G" }, "attributes.reliability"],
    ["claim", "credibility 7", "Claim", { credibility: 7 }, "attributes.credibility"],
    ["claim", "a fractional credibility", "Claim", { credibility: 2.5 }, "attributes.credibility"],
    ["claim", "a note over 5000 characters", "Claim", { note: "x".repeat(5001) }, "attributes.note"],
    ["claim", "a source with both forms", "Claim", { source: { text: "x", annotationId: "y" } }, "attributes.source"],
    ["figure", "an invalid qualifier", "Figure", { value: 3, qualifier: "about" }, "attributes.qualifier"],
    ["figure", "low above high", "Figure", { low: 9, high: 3 }, "attributes.high"],
    ["figure", "a range without bounds", "Figure", { value: 3, qualifier: "range" }, "attributes.qualifier"],
    ["figure", "an impossible asOf date", "Figure", { value: 3, asOf: "2024-02-30" }, "attributes.asOf"],
  ])("refuses %s attributes with %s (400)", async (_kind, _what, label, attributes, path) => {
    const before = await counts();
    const res = await create({ label, ...span("6,000 fighters"), attributes });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.details.issues[0].path).toBe(path);
    expect(await counts()).toEqual(before);
  });

  it("refuses a claim whose source is not an entity annotation of the same document (422)", async () => {
    const figureId = (await createOk({ label: "Figure", ...span("6,000 fighters") })).id;
    const cases = [
      [figureId, /must be an entity annotation; .* is labelled "Figure" \(figure\)/],
      [otherDocEntityId, /is not an annotation of this document/],
      ["no-such-annotation", /is not an annotation of this document/],
    ] as const;
    for (const [annotationId, message] of cases) {
      const before = await counts();
      const res = await create({ label: "Claim", ...span("قال المتحدث"), attributes: { source: { annotationId } } });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: "invalid_input", details: { field: "attributes.source.annotationId" } });
      expect(res.body.error.message).toMatch(message);
      expect(await counts()).toEqual(before);
    }
  });

  it("keeps project-defined labels to a flat record of strings, numbers and booleans", async () => {
    const made = await call(labelsRoute.POST, {
      path: `/projects/${projectId}/labels`,
      token: tokenOf("owner"),
      json: { name: "Vehicle", kind: "other", color: "#7c3aed" },
      params: { projectId },
    });
    expect(made.status).toBe(201);
    const flat = { model: "T-55", count: 3, confirmed: false };
    expect((await createOk({ label: "Vehicle", ...span("border"), attributes: flat })).attributes).toEqual(flat);
    const nested = await create({ label: "Vehicle", ...span("border"), attributes: { spec: { tracks: true } } });
    expect(nested.status).toBe(400);
    expect(nested.body.error.details.issues[0].path).toBe("attributes.spec");
  });

  it("parses a figure created without value, low or high from its span", async () => {
    const body = await createOk({ label: "Figure", ...span("more than 6,000 fighters") });
    expect(body.attributes).toEqual({ value: 6000, qualifier: "more than", unit: "fighters", parsed: true });
    const withDate = await createOk({ label: "Figure", ...span("more than 6,000 fighters"), attributes: { asOf: "2024-05-31" } });
    expect(withDate.attributes).toEqual({ value: 6000, qualifier: "more than", unit: "fighters", asOf: "2024-05-31", parsed: true });
    const unitGiven = await createOk({ label: "Figure", ...span("6,000 fighters"), attributes: { unit: "combatants" } });
    expect(unitGiven.attributes).toMatchObject({ value: 6000, unit: "combatants", parsed: true });
    const nothing = await createOk({ label: "Figure", ...span("spokesman") });
    expect(nothing.attributes).toEqual({});
  });

  it("re-parses a parsed figure when its span moves, and leaves an analyst's figure alone", async () => {
    const parsed = await createOk({ label: "Figure", ...span("more than 6,000 fighters"), attributes: { asOf: "2024-05-31" } });
    const moved = await patch(parsed.id, { version: 1, ...span("6,000 fighters") });
    expect(moved.status).toBe(200);
    expect(moved.body.attributes).toEqual({ value: 6000, qualifier: "exact", unit: "fighters", asOf: "2024-05-31", parsed: true });
    const manual = await createOk({ label: "Figure", ...span("more than 6,000 fighters"), attributes: { value: 6001, qualifier: "more than" } });
    const kept = await patch(manual.id, { version: 1, ...span("6,000 fighters") });
    expect(kept.body.attributes).toEqual({ value: 6001, qualifier: "more than" });
  });
});

describe("updating and deleting", () => {
  it("bumps the version on change, refuses a stale version with 409 and the current annotation", async () => {
    const made = await createOk({ label: "Claim", ...span("said more than") });
    const first = await patch(made.id, { version: 1, ...span("said") });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, exact: "said", label: { name: "Claim" } });
    const stale = await patch(made.id, { version: 1, label: "Entity" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    expect(stale.body.error.message).toMatch(/you sent version 1, it is at version 2/);
    expect(stale.body.error.details.current).toEqual((await get(made.id)).body);
    expect(stale.body.error.details.current.version).toBe(2);
  });

  it("checks a changed span and quote as on create", async () => {
    const made = await createOk({ label: "Claim", ...span("spokesman said") });
    const mismatch = await patch(made.id, { version: 1, ...span("said"), exact: "says" });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.details).toEqual({ expected: "said", got: "says" });
    const inverted = await patch(made.id, { version: 1, start: made.end, end: made.start });
    expect(inverted.status).toBe(422);
    const missing = await patch(made.id, { label: "Entity" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe("version: version is required: send the version you last saw");
    expect((await get(made.id)).body.version).toBe(1);
  });

  it("returns an unchanged annotation as it is for a request that changes nothing", async () => {
    const made = await createOk({ label: "Claim", ...span("crossed") });
    const events = (await eventsOf(made.id)).length;
    const same = await patch(made.id, { version: 1, label: "Claim", ...span("crossed"), exact: "crossed" });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(made);
    expect(await eventsOf(made.id)).toHaveLength(events);
  });

  it("lets exactly one of several concurrent PATCHes with the same version win", async () => {
    const made = await createOk({ label: "Claim", ...span("notes") });
    const attempts = await Promise.all(
      ["Entity", "Figure", "Entity", "Figure", "Entity"].map((label) => patch(made.id, { version: 1, label })),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const winner = attempts.find((a) => a.status === 200)!.body;
    expect(winner.version).toBe(2);
    for (const loser of attempts.filter((a) => a.status === 409)) expect(loser.body.error.details.current).toEqual(winner);
    const updates = (await eventsOf(made.id)).filter((e) => e.action === "annotation.updated");
    expect(updates).toHaveLength(1);
  });

  it("re-validates attributes when the label's kind changes, unless new ones come with it", async () => {
    const made = await createOk({ label: "Claim", ...span("Field report"), attributes: { reporting: "alleged" } });
    const refused = await patch(made.id, { version: 1, label: "Entity" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/do not fit a entity label .*reporting/);
    const replaced = await patch(made.id, { version: 1, label: "Entity", attributes: { type: "event" } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, label: { name: "Entity" }, attributes: { type: "event" } });
    const toFigure = await createOk({ label: "Claim", ...span("6,000 مقاتل") });
    const parsed = await patch(toFigure.id, { version: 1, label: "Figure" });
    expect(parsed.body.attributes).toMatchObject({ value: 6000, parsed: true });
  });

  it("deletes with the current version (query or body), refuses a stale or missing one", async () => {
    const made = await createOk({ label: "Claim", ...span("the border") });
    await patch(made.id, { version: 1, status: "accepted" });
    const stale = await remove(made.id, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ id: made.id, version: 2, status: "accepted" });
    expect((await remove(made.id, null)).status).toBe(400);
    const gone = await remove(made.id, 2);
    expect(gone.status).toBe(204);
    expect((await get(made.id)).status).toBe(404);

    const viaBody = await createOk({ label: "Claim", ...span("the border") });
    const res = await call(annotationRoute.DELETE, {
      path: `/annotations/${viaBody.id}`,
      method: "DELETE",
      token: tokenOf("owner"),
      json: { version: 1 },
      params: { annotationId: viaBody.id },
    });
    expect(res.status).toBe(204);
    // A tombstone (issue 12): no live row, the deleted one kept for restore.
    expect(await db().annotation.count({ where: { id: viaBody.id, deletedAt: null } })).toBe(0);
    expect(await db().annotation.count({ where: { id: viaBody.id, deletedAt: { not: null } } })).toBe(1);
  });

  it("refuses to delete or relabel an entity that a claim names as its source", async () => {
    const entity = await createOk({ label: "Entity", ...span("The spokesman") });
    await createOk({ label: "Claim", ...span("said more"), attributes: { source: { annotationId: entity.id } } });
    const del = await remove(entity.id, 1);
    expect(del.status).toBe(409);
    expect(del.body.error).toMatchObject({ code: "conflict", details: { citingClaims: 1 } });
    expect((await patch(entity.id, { version: 1, label: "Claim" })).status).toBe(409);
  });
});

describe("permissions per role", () => {
  let mine: Record<"owner" | "annotator" | "other", { id: string }>;

  beforeAll(async () => {
    const s = span("at dawn");
    mine = {
      owner: await createOk({ label: "Claim", ...s }, { who: "owner" }),
      annotator: await createOk({ label: "Claim", ...s }, { who: "annotator" }),
      other: await createOk({ label: "Claim", ...s }, { who: "other" }),
    };
  });

  it.each([
    ["owner", 201, 200],
    ["reviewer", 201, 200],
    ["annotator", 201, 200],
    ["other", 201, 200],
    ["viewer", 403, 200],
    ["outsider", 404, 404],
  ] as const)("%s: create → %i, read → %i", async (who, createStatus, readStatus) => {
    const created = await create({ label: "Claim", ...span("dawn") }, { who });
    expect(created.status).toBe(createStatus);
    expect((await list("", { who })).status).toBe(readStatus);
    expect((await get(mine.owner.id, who)).status).toBe(readStatus);
    if (who === "outsider") {
      expect(created.body.error).toEqual({ code: "not_found", message: "Document not found" });
      expect((await get(mine.owner.id, who)).body.error).toEqual({ code: "not_found", message: "Annotation not found" });
    }
  });

  it.each([
    ["owner", { owner: 200, annotator: 200, other: 200 }],
    ["reviewer", { owner: 200, annotator: 200, other: 200 }],
    ["annotator", { owner: 403, annotator: 200, other: 403 }],
    ["viewer", { owner: 403, annotator: 403, other: 403 }],
    ["outsider", { owner: 404, annotator: 404, other: 404 }],
  ] as const)("%s changes and deletes annotations by owner/annotator/other as allowed", async (who, expected) => {
    for (const author of ["owner", "annotator", "other"] as const) {
      const fresh = await createOk({ label: "Claim", ...span("at dawn") }, { who: author });
      const res = await patch(fresh.id, { version: 1, attributes: { note: `by ${who}` } }, who);
      expect(res.status, `${who} → ${author}'s`).toBe(expected[author]);
      const del = await remove(fresh.id, res.status === 200 ? 2 : 1, who);
      expect(del.status, `${who} deletes ${author}'s`).toBe(expected[author] === 200 ? 204 : expected[author]);
    }
  });

  it("lets only owners and reviewers set the status", async () => {
    const own = await createOk({ label: "Claim", ...span("at dawn") }, { who: "annotator" });
    const self = await patch(own.id, { version: 1, status: "accepted" }, "annotator");
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/cannot set an annotation's status/);
    const unchanged = await patch(own.id, { version: 1, status: "pending", attributes: { note: "x" } }, "annotator");
    expect(unchanged.status).toBe(200);
    const reviewed = await patch(own.id, { version: 2, status: "accepted" }, "reviewer");
    expect(reviewed.body).toMatchObject({ status: "accepted", version: 3 });
    const unexplained = await patch(own.id, { version: 3, status: "rejected" }, "owner");
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.error.message).toMatch(/reason is required/);
    const rejected = await patch(own.id, { version: 3, status: "rejected", reason: "not a claim" }, "owner");
    expect(rejected.body).toMatchObject({ status: "rejected", version: 4 });
    const bad = await patch(own.id, { version: 4, status: "maybe" }, "owner");
    expect(bad.status).toBe(400);
  });

  it("hides other projects' documents and annotations (404)", async () => {
    const res = await create({ label: "Claim", start: 0, end: 1 }, { doc: foreign.documentId });
    expect(res.status).toBe(404);
    expect((await list("", { doc: foreign.documentId })).status).toBe(404);
  });
});

describe("audit", () => {
  it("records create, update and delete in the same transaction as the change", async () => {
    const s = span("6,000 fighters");
    const made = await createOk({ label: "Figure", ...s, attributes: { value: 6000 } }, { who: "annotator" });
    const [created] = await eventsOf(made.id);
    expect(created).toMatchObject({ action: "annotation.created", subjectType: "annotation", projectId, actorId: users.annotator.user.id });
    expect(created!.data).toEqual({
      documentId,
      label: { id: labels.Figure, name: "Figure", kind: "figure" },
      start: s.start,
      end: s.end,
      exact: "6,000 fighters",
      prefix: made.prefix,
      suffix: made.suffix,
      attributes: { value: 6000 },
      status: "pending",
    });
    expect(await xmin("AuditEvent", "seq", created!.seq)).toBe(await xmin("Annotation", "id", made.id));

    const updated = await patch(made.id, { version: 1, label: "Claim", attributes: {}, ...span("fighters") }, "reviewer");
    expect(updated.status).toBe(200);
    const update = (await eventsOf(made.id))[1]!;
    expect(update).toMatchObject({ action: "annotation.updated", actorId: users.reviewer.user.id, seq: created!.seq + 1n });
    expect(update.data).toEqual({
      documentId,
      version: 2,
      changes: {
        label: { from: { id: labels.Figure, name: "Figure", kind: "figure" }, to: { id: labels.Claim, name: "Claim", kind: "claim" } },
        start: { from: s.start, to: s.start + 6 },
        exact: { from: "6,000 fighters", to: "fighters" },
        prefix: { from: made.prefix, to: updated.body.prefix },
        attributes: { from: { value: 6000 }, to: {} },
      },
    });
    expect(await xmin("AuditEvent", "seq", update.seq)).toBe(await xmin("Annotation", "id", made.id));

    expect((await remove(made.id, 2, "owner")).status).toBe(204);
    const deleted = (await eventsOf(made.id))[2]!;
    expect(deleted).toMatchObject({ action: "annotation.deleted", actorId: users.owner.user.id });
    expect(deleted.data).toEqual({
      documentId,
      label: { id: labels.Claim, name: "Claim", kind: "claim" },
      start: s.start + 6,
      end: s.end,
      exact: "fighters",
      prefix: updated.body.prefix,
      suffix: made.suffix,
      attributes: {},
      status: "pending",
      version: 2,
      authorId: users.annotator.user.id,
    });
  });

  it("writes nothing when a create, update or delete fails", async () => {
    const made = await createOk({ label: "Claim", ...span("crossed;") });
    const before = await counts();
    const failures = [
      await create({ label: "Nope", ...span("crossed") }),
      await create({ label: "Claim", ...span("crossed"), exact: "crosses" }),
      await create({ label: "Claim", ...span("crossed"), attributes: { source: { annotationId: made.id } } }),
      await patch(made.id, { version: 1, label: "Figure", attributes: { low: 3, high: 1 } }),
      await patch(made.id, { version: 1, status: "accepted" }, "annotator"),
      await remove(made.id, 7),
    ];
    expect(failures.map((f) => f.status)).toEqual([422, 422, 422, 400, 403, 409]);
    expect(await counts()).toEqual(before);
    expect((await get(made.id)).body).toEqual(made);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});

describe("listing", () => {
  it("lists by start, end, id and filters by label, author and status", async () => {
    const text = "Alpha Bravo Charlie Delta Echo.";
    const doc = await makeDocument(text);
    const at = (word: string) => span(word, text);
    const a = await createOk({ label: "Claim", ...at("Charlie") }, { doc, who: "owner" });
    const b = await createOk({ label: "Entity", ...at("Alpha Bravo") }, { doc, who: "annotator" });
    const c = await createOk({ label: "Figure", ...at("Alpha") }, { doc, who: "annotator" });
    const d = await createOk({ label: "Claim", ...at("Alpha") }, { doc, who: "reviewer" });
    await patch(a.id, { version: 1, status: "accepted" });

    const all = await list("", { doc, who: "viewer" });
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    const [first, second] = [c, d].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(all.body.annotations.map((x: { id: string }) => x.id)).toEqual([first!.id, second!.id, b.id, a.id]);
    expect(all.body.annotations[3]).toEqual((await get(a.id)).body);

    const ids = async (query: string) => (await list(query, { doc })).body.annotations.map((x: { id: string }) => x.id).sort();
    expect(await ids("?label=Claim")).toEqual([a.id, d.id].sort());
    expect(await ids(`?label=${labels.Entity}`)).toEqual([b.id]);
    expect(await ids(`?author=${users.annotator.user.id}`)).toEqual([b.id, c.id].sort());
    expect(await ids(`?author=${encodeURIComponent(users.reviewer.user.email.toUpperCase())}`)).toEqual([d.id]);
    expect(await ids("?status=accepted")).toEqual([a.id]);
    expect(await ids(`?label=Claim&status=pending&author=${users.reviewer.user.id}`)).toEqual([d.id]);
    expect(await ids("?label=claim&status=")).toEqual([a.id, d.id].sort());
    expect(await ids("?label=Unknown")).toEqual([]);
    expect((await list("?status=maybe", { doc })).status).toBe(400);
  });

  it("returns 10,000 annotations in one response, in order", async () => {
    const text = "x".repeat(10_000) + " end";
    const doc = await makeDocument(text);
    // Seeded in one statement (not audited): this measures the read path only.
    await db().$executeRaw`
      INSERT INTO "Annotation" ("id", "documentId", "labelId", "start", "end", "exact", "authorId", "updatedAt")
      SELECT 'bulk-' || lpad(i::text, 5, '0'), ${doc}, ${labels.Entity}, 9999 - i, 10000 - i, 'x', ${users.owner.user.id}, now()
        FROM generate_series(0, 9999) AS i`;
    const res = await list("", { doc, who: "viewer" });
    expect(res.status).toBe(200);
    expect(res.body.annotations).toHaveLength(10_000);
    const starts = res.body.annotations.map((x: { start: number }) => x.start);
    expect(starts).toEqual([...Array(10_000).keys()]);
    expect(res.body.annotations[0]).toMatchObject({ id: "bulk-09999", exact: "x", label: { name: "Entity" }, author: { id: users.owner.user.id } });
  });
});
