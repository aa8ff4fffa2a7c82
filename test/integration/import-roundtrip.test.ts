import { beforeAll, describe, expect, it } from "vitest";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { streamCorpus } from "@/lib/export/stream-corpus";
import { READERS } from "@/lib/import/import-annotations";
import type { ImportFormat } from "@/lib/import/types";
import { createProject } from "@/lib/projects/create-project";
import { canonical, collect, createLabels, seedCorpus, TEXTS, type SeededCorpus } from "../helpers/export-corpus";
import { exportBytes, importRequest, normalize } from "../helpers/export-routes";
import { makeUserWithToken } from "../helpers/users";

type Caller = Awaited<ReturnType<typeof makeUserWithToken>>;

let owner: Caller;
let source: SeededCorpus;

const events = (projectId: string) => collect(streamCorpus({ projectId, filters: {} }));
const FILE_NAMES: Record<ImportFormat, string> = { jsonl: "corpus.jsonl", w3c: "corpus.jsonld", brat: "corpus.zip", spacy: "corpus.spacy.jsonl" };
/** What each format carries: brat and spaCy have no review status. */
const KEEPS_STATUS: Record<ImportFormat, boolean> = { jsonl: true, w3c: true, brat: false, spacy: false };

/** An empty project with the same labels as the source (the defaults plus the custom ones). */
async function emptyProject(name: string): Promise<string> {
  const projectId = (await createProject({ actorId: owner.user.id, input: { name } })).id;
  await createLabels(owner.user.id, projectId);
  return projectId;
}

beforeAll(async () => {
  owner = await makeUserWithToken({ name: "Round tripper" });
  source = await seedCorpus({ actorId: owner.user.id, name: "Round trip source" });
});

describe.each(["jsonl", "w3c", "brat", "spacy"] as const)("round trip through %s", (format) => {
  it("export → import into an empty project → export gives the same annotations", async () => {
    const first = await exportBytes(source.projectId, `format=${format}`, owner.token);
    const target = await emptyProject(`Round trip ${format}`);
    if (format === "w3c") {
      // W3C carries no text: the documents are uploaded first, and matched by sha256.
      for (const text of Object.values(TEXTS)) await createPastedDocument({ actorId: owner.user.id, projectId: target, input: { title: "uploaded", text } });
    }
    const before = await db().auditEvent.count();
    const res = await importRequest(target, format, { name: FILE_NAMES[format], bytes: first }, owner.token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      ok: true,
      format,
      documents: format === "w3c" ? { created: 0, matched: 4 } : { created: 4, matched: 0 },
      annotations: source.annotationCount,
      alreadyPresent: 0,
    });

    const keepStatus = KEEPS_STATUS[format];
    const original = await events(source.projectId);
    const imported = await events(target);
    expect(normalize(imported, { status: keepStatus })).toEqual(normalize(original, { status: keepStatus }));
    if (!keepStatus) expect(new Set(normalize(imported).map((a) => a.status))).toEqual(new Set(["pending"]));

    // The texts are the same, byte for byte, and the imported documents keep title and language (where carried).
    const texts = (list: typeof original) => list.flatMap((e) => (e.type === "document" ? [[e.document.sha256, e.document.text]] : [])).sort();
    expect(texts(imported)).toEqual(texts(original));
    expect(texts(imported).map(([, text]) => text)).toContain(canonical(TEXTS.crlf));

    // Exported again, the file reads back to the same plan (ids aside).
    const second = await exportBytes(target, `format=${format}`, owner.token);
    const plan = async (bytes: Buffer) => {
      const read = await READERS[format]({ filename: FILE_NAMES[format], bytes });
      expect(read.problems).toEqual([]);
      return read.documents
        .map((d) => ({ sha256: d.sha256, text: d.text, annotations: d.annotations.map(({ sourceId: _id, attributes, ...a }) => ({ ...a, attributes: { ...attributes, source: attributes.source ? "…" : undefined } })) }))
        .sort((x, y) => String(x.sha256).localeCompare(String(y.sha256)));
    };
    expect(await plan(second)).toEqual(await plan(first));

    // One audited transaction: an annotation.created per annotation, a document.created per new document, then
    // import.completed, and the workflow's document.started for each document the import gave its first annotations.
    const audit = await db().auditEvent.findMany({ where: { seq: { gt: before } }, orderBy: { seq: "asc" } });
    const annotated = new Set(audit.filter((e) => e.action === "annotation.created").map((e) => (e.data as { documentId: string }).documentId));
    expect(audit.map((e) => e.action)).toEqual([
      ...Array(format === "w3c" ? 0 : 4).fill("document.created"),
      ...Array(source.annotationCount).fill("annotation.created"),
      "import.completed",
      ...Array(annotated.size).fill("document.started"),
    ]);
    expect(annotated.size).toBeGreaterThan(0);
    expect(audit.find((e) => e.action === "import.completed")).toMatchObject({ subjectId: target, actorId: owner.user.id, data: { format, filename: FILE_NAMES[format], annotations: source.annotationCount } });
    const [xmins] = await db().$queryRaw<{ n: number }[]>`SELECT count(DISTINCT xmin::text)::int AS n FROM "AuditEvent" WHERE "seq" > ${before}`;
    expect(xmins!.n).toBe(1);
    expect((await verifyAuditChain()).ok).toBe(true);

    // The same file again adds nothing: every annotation is already there.
    const again = await importRequest(target, format, { name: FILE_NAMES[format], bytes: first }, owner.token);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toEqual({ ok: true, format, documents: { created: 0, matched: 4 }, annotations: 0, alreadyPresent: source.annotationCount });
    expect(normalize(await events(target), { status: keepStatus })).toEqual(normalize(original, { status: keepStatus }));
    const last = await db().auditEvent.findFirst({ orderBy: { seq: "desc" } });
    expect(last).toMatchObject({ action: "import.completed", data: { annotations: 0, alreadyPresent: source.annotationCount } });
  });
});

describe("importing into a project that already holds the documents", () => {
  it("matches documents by sha256 and adds the annotations to them", async () => {
    const target = await emptyProject("Matched");
    const { document } = await createPastedDocument({ actorId: owner.user.id, projectId: target, input: { title: "Arabic, uploaded first", text: TEXTS.arabic } });
    const bytes = await exportBytes(source.projectId, `format=jsonl&documents=${source.documents.arabic},${source.documents.crlf}`, owner.token);
    const res = await importRequest(target, "jsonl", { name: "two.jsonl", bytes }, owner.token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.documents).toEqual({ created: 1, matched: 1 });
    expect(await db().annotation.count({ where: { documentId: document.id } })).toBe(4);
    expect(await db().document.findUnique({ where: { id: document.id } })).toMatchObject({ title: "Arabic, uploaded first" });
  });

  it("adds only what the document lacks; a claim whose entity is already there cites the stored one", async () => {
    const target = await emptyProject("Partly there");
    const bytes = await exportBytes(source.projectId, `format=jsonl&documents=${source.documents.emoji}`, owner.token);
    expect((await importRequest(target, "jsonl", { name: "emoji.jsonl", bytes }, owner.token)).status).toBe(201);
    const stored = await db().annotation.findMany({ where: { document: { projectId: target } }, include: { label: true } });
    const entity = stored.find((a) => a.exact === "the spokesman")!;
    const claim = stored.find((a) => a.label.kind === "claim")!;
    expect(claim.attributes).toMatchObject({ source: { annotationId: entity.id } });
    await deleteAnnotation({
      actorId: owner.user.id,
      access: { projectId: target, role: "owner", annotationId: claim.id, documentId: claim.documentId },
      input: { version: claim.version },
    });

    const res = await importRequest(target, "jsonl", { name: "emoji.jsonl", bytes }, owner.token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ documents: { created: 0, matched: 1 }, annotations: 1, alreadyPresent: stored.length - 1 });
    const after = await db().annotation.findMany({ where: { document: { projectId: target }, deletedAt: null }, include: { label: true } });
    expect(after).toHaveLength(stored.length);
    const restored = after.find((a) => a.label.kind === "claim")!;
    expect(restored.id).not.toBe(claim.id);
    expect(restored.attributes).toEqual(claim.attributes);
  });

  it("a file that holds an annotation twice adds the second copy to a document that has one", async () => {
    const target = await emptyProject("Twice in the file");
    const bytes = await exportBytes(source.projectId, `format=spacy&documents=${source.documents.emoji}`, owner.token);
    // The document's record with its first span once, then twice (the end record counts them).
    const withSpans = (copies: number) =>
      Buffer.from(
        bytes
          .toString("utf8")
          .split("\n")
          .map((line) => {
            if (!line) return line;
            const record = JSON.parse(line);
            if (record.spans) return JSON.stringify({ ...record, spans: Array(copies).fill(record.spans[0]) });
            return JSON.stringify(record.tracewell_end ? { tracewell_end: { ...record.tracewell_end, annotations: copies } } : record);
          })
          .join("\n"),
      );
    const once = withSpans(1);
    const twice = withSpans(2);
    expect((await importRequest(target, "spacy", { name: "once.jsonl", bytes: once }, owner.token)).body).toMatchObject({ annotations: 1, alreadyPresent: 0 });
    const res = await importRequest(target, "spacy", { name: "twice.jsonl", bytes: twice }, owner.token);
    expect(res.body).toMatchObject({ annotations: 1, alreadyPresent: 1 });
    expect(await db().annotation.count({ where: { document: { projectId: target } } })).toBe(2);
  });

  it("accepts the file as the raw request body too", async () => {
    const target = await emptyProject("Raw body");
    const bytes = await exportBytes(source.projectId, `format=spacy&documents=${source.documents.emoji}`, owner.token);
    const res = await importRequest(target, "spacy", { name: "x", bytes }, owner.token, { raw: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ ok: true, documents: { created: 1, matched: 0 }, annotations: 5 });
  });
});
