import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as reviewRoute from "@/app/api/v1/annotations/[annotationId]/review/route";
import * as reviewsRoute from "@/app/api/v1/annotations/[annotationId]/reviews/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import * as signOffRoute from "@/app/api/v1/documents/[documentId]/sign-off/route";
import * as submitRoute from "@/app/api/v1/documents/[documentId]/submit/route";
import * as workflowRoute from "@/app/api/v1/documents/[documentId]/workflow/route";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { exportBytes, exportRequest } from "../helpers/export-routes";
import { makeUserWithToken } from "../helpers/users";

/**
 * Issue 14 in the exports: a document taken through annotate → submit → review → sign-off over the
 * API, then exported. EXPORT_SIGNOFF_DIR=dir also writes the W3C and JSONL exports and the texts
 * (named by document id) there, for the peer checker in ../shared/tools/w3c-annotations.
 */

type Who = "owner" | "reviewer" | "annotator";
let users: Record<Who, Awaited<ReturnType<typeof makeUserWithToken>>>;
let projectId: string;
let signed: string;
let open: string;

const TEXT = "The Monitoring Team reported 4,000 to 6,000 fighters near 𠀋 Kunar; 👩‍👩‍👧 families fled. İstanbul denied it.";
const span = (needle: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
};

const token = (who: Who) => users[who].token;
const annotate = async (documentId: string, needle: string, label: string) => {
  const res = await call(annotationsRoute.POST, { path: `/documents/${documentId}/annotations`, token: token("annotator"), json: { label, ...span(needle) }, params: { documentId } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
};
const review = async (id: string, body: Record<string, unknown>, who: Who = "reviewer") => {
  const res = await call(reviewRoute.POST, { path: `/annotations/${id}/review`, token: token(who), json: body, params: { annotationId: id } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { version: number };
};
const reviews = (id: string) => call(reviewsRoute.GET, { path: `/annotations/${id}/reviews`, token: token("owner"), params: { annotationId: id } });
const workflow = async (documentId: string) => (await call(workflowRoute.GET, { path: `/documents/${documentId}/workflow`, token: token("owner"), params: { documentId } })).body;
const submit = (documentId: string) => call(submitRoute.POST, { path: `/documents/${documentId}/submit`, token: token("annotator"), params: { documentId } });
const signOff = (documentId: string, annotationSetHash: string) =>
  call(signOffRoute.POST, { path: `/documents/${documentId}/sign-off`, token: token("reviewer"), json: { annotationSetHash }, params: { documentId } });

interface JsonlAnnotation { id: string; version: number; status: string; review: Record<string, unknown> | null }
interface JsonlDocument { id: string; text: string; state: string; signOff: Record<string, unknown> | null; annotations: JsonlAnnotation[] }

/** The JSONL export's lines, parsed: the manifest, the documents and the end line. */
async function jsonl(query = "") {
  const records = (await exportBytes(projectId, `format=jsonl${query}`, token("owner"))).toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
  return { manifest: records[0], documents: records.filter((r) => r.type === "document") as JsonlDocument[], end: records.at(-1) };
}

/** The sign-off hash recomputed here from exported annotations alone: code-point order, `id\tversion\tstatus\n` lines. */
function recomputedHash(annotations: { id: string; version: number; status: string }[]): string {
  const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);
  const compare = (a: string, b: string) => {
    const [x, y] = [codePoints(a), codePoints(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const lines = [...annotations].sort((a, b) => compare(a.id, b.id)).map((a) => `${a.id}\t${a.version}\t${a.status}\n`);
  return createHash("sha256").update(Buffer.from(lines.join(""), "utf8")).digest("hex");
}

beforeAll(async () => {
  const who: Who[] = ["owner", "reviewer", "annotator"];
  const made = await Promise.all(who.map((w) => makeUserWithToken({ name: `${w} of exports` })));
  users = Object.fromEntries(who.map((w, i) => [w, made[i]!])) as typeof users;
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Signed exports" } })).id;
  for (const role of ["reviewer", "annotator"] as const) await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[role].user.email, role } });
  const doc = async (title: string) => (await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title, text: `${TEXT} (${title})` } })).document.id;
  signed = await doc("to sign");
  open = await doc("still open");

  const team = await annotate(signed, "Monitoring Team", "Claim");
  const city = await annotate(signed, "İstanbul", "Entity");
  const family = await annotate(signed, "👩‍👩‍👧", "Entity");
  const gone = await annotate(signed, "Kunar", "Entity");
  expect((await call(annotationRoute.DELETE, { path: `/annotations/${gone.id}?version=1`, method: "DELETE", token: token("annotator"), params: { annotationId: gone.id } })).status).toBe(204);
  expect((await submit(signed)).status).toBe(200);
  const accepted = await review(team.id, { decision: "accept", version: 1 });
  // A second decision on the same annotation: the export carries the newest.
  await review(team.id, { decision: "reject", reason: "The team is not named in the source", version: accepted.version }, "owner");
  await review(city.id, { decision: "reject", reason: "a city, not an actor", version: 1 });
  await review(family.id, { decision: "accept", version: 1, label: "Entity", ...span("👩‍👩‍👧 families") });
  const hash = (await workflow(signed)).annotationSet.hash as string;
  const res = await signOff(signed, hash);
  expect(res.status, JSON.stringify(res.body)).toBe(200);

  await annotate(open, "Kunar", "Entity");
  await review((await annotate(open, "4,000 to 6,000 fighters", "Figure")).id, { decision: "accept", version: 1 });
});

describe("exports and the review workflow", () => {
  it("signedOff=true exports exactly the signed-off documents, each with its current sign-off; without it every document", async () => {
    const all = await jsonl();
    expect(all.documents.map((d) => d.id)).toEqual([signed, open]);
    const current = await workflow(signed);
    const { id, signer, at, annotationSetHash, accepted, rejected } = current.signOff;
    expect(all.documents[0]).toMatchObject({ state: "signed_off", signOff: { id, signer: { id: signer.id, name: signer.name }, at, annotationSetHash, accepted, rejected } });
    expect(all.documents[0]!.signOff).toMatchObject({ signer: { id: users.reviewer.user.id, name: "reviewer of exports" }, accepted: 1, rejected: 2 });
    expect(all.documents[1]).toMatchObject({ state: "in_progress", signOff: null });
    expect((await jsonl("&signedOff=false")).documents.map((d) => d.id)).toEqual([signed, open]);

    const only = await jsonl("&signedOff=true");
    expect(only.documents.map((d) => d.id)).toEqual([signed]);
    expect(only.end).toEqual({ type: "end", documents: 1, annotations: 3 });
    expect(only.manifest.filters).toMatchObject({ signedOff: true });
    // It combines with the other filters: accepted annotations of signed-off documents.
    const combined = await jsonl("&signedOff=true&status=accepted");
    expect(combined.documents.map((d) => [d.id, d.annotations.map((a) => a.status)])).toEqual([[signed, ["accepted"]]]);
    expect((await jsonl(`&signedOff=true&documents=${open}`)).documents).toEqual([]);
  });

  it("lets anyone recompute the sign-off's hash from the exported annotations; the W3C and CSV manifests name the same hash", async () => {
    const [document] = (await jsonl("&signedOff=true")).documents;
    const hash = recomputedHash(document!.annotations);
    expect(document!.annotations.every((a) => Number.isInteger(a.version) && a.version > 1)).toBe(true);
    expect(document!.signOff!.annotationSetHash).toBe(hash);

    const w3c = JSON.parse((await exportBytes(projectId, "format=w3c&signedOff=true", token("owner"))).toString("utf8"));
    expect(w3c.id).toContain("signedOff=true");
    expect(w3c.manifest.documents).toEqual([expect.objectContaining({ id: signed, state: "signed_off", signOff: document!.signOff })]);
    expect(w3c.manifest.documents[0].signOff.annotationSetHash).toBe(hash);
    expect(w3c.first.items.map((a: { revision: number; reviewStatus: string }) => [a.revision, a.reviewStatus])).toEqual(
      document!.annotations.map((a) => [a.version, a.status]),
    );
    const zip = unzipSync(await exportBytes(projectId, "format=csv&signedOff=true", token("owner")));
    const manifest = JSON.parse(Buffer.from(Object.entries(zip).find(([name]) => name.endsWith("manifest.json"))![1]).toString("utf8"));
    expect(manifest.documents[0].signOff.annotationSetHash).toBe(hash);

    const dir = process.env.EXPORT_SIGNOFF_DIR;
    if (dir) {
      mkdirSync(path.join(dir, "texts"), { recursive: true });
      writeFileSync(path.join(dir, "signoff.jsonld"), JSON.stringify(w3c));
      writeFileSync(path.join(dir, "signoff.jsonl"), await exportBytes(projectId, "format=jsonl", token("owner")));
      for (const d of (await jsonl()).documents) writeFileSync(path.join(dir, "texts", d.id), d.text);
    }
  });

  it("carries each annotation's newest review, as GET …/reviews lists it last", async () => {
    const { documents } = await jsonl();
    const annotations = documents.flatMap((d) => d.annotations);
    expect(annotations).toHaveLength(5);
    for (const a of annotations) {
      const listed = (await reviews(a.id)).body.reviews as Record<string, unknown>[];
      const last = listed.at(-1);
      expect(a.review, a.id).toEqual(last ? { decision: last.decision, reason: last.reason, reviewer: last.reviewer, at: last.at, version: last.version } : null);
    }
    expect(annotations.map((a) => a.review?.decision ?? "none").sort()).toEqual(["accept", "accept", "none", "reject", "reject"]);
    expect(annotations.find((a) => a.review?.reason === "The team is not named in the source")).toMatchObject({ status: "rejected", review: { reviewer: { id: users.owner.user.id } } });
  });

  it("after a later change reopens the document, exports it in progress without a sign-off, and signedOff=true leaves it out", async () => {
    const [document] = (await jsonl()).documents;
    const target = document!.annotations.find((a) => a.status === "accepted")!;
    const res = await call(annotationRoute.PATCH, {
      path: `/annotations/${target.id}`,
      method: "PATCH",
      token: token("annotator"),
      json: { version: target.version, attributes: { canonicalName: "the families" } },
      params: { annotationId: target.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await workflow(signed)).state).toBe("in_progress");

    const after = await jsonl();
    expect(after.documents.find((d) => d.id === signed)).toMatchObject({ state: "in_progress", signOff: null });
    const only = await jsonl("&signedOff=true");
    expect(only.documents).toEqual([]);
    expect(only.end).toEqual({ type: "end", documents: 0, annotations: 0 });
    const w3c = JSON.parse((await exportBytes(projectId, "format=w3c", token("owner"))).toString("utf8"));
    expect(w3c.manifest.documents.find((d: { id: string }) => d.id === signed)).toMatchObject({ state: "in_progress", signOff: null });
  });

  it("refuses signedOff values other than true and false (400)", async () => {
    const res = await exportRequest(projectId, "format=jsonl&signedOff=maybe", token("owner"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("signedOff must be true or false");
  });
});
