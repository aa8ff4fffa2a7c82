import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { listAnnotations } from "@/lib/annotations/list-annotations";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { streamCorpus } from "@/lib/export/stream-corpus";
import type { ExportAnnotation, ExportDocument, ExportEvent, ExportFilters } from "@/lib/export/types";
import { sliceCodePoints } from "@/lib/text/code-points";
import { sha256Hex } from "@/lib/text/hash";
import { collect, seedCorpus, spanOf, TEXTS, type SeededCorpus } from "../helpers/export-corpus";
import { makeUser, type TestUser } from "../helpers/users";

let owner: TestUser;
let corpus: SeededCorpus;
let emptyDocumentId: string;

const documentsOf = (events: ExportEvent[]) => events.flatMap((e) => (e.type === "document" ? [e.document] : []));
const annotationsOf = (events: ExportEvent[]) => events.flatMap((e) => (e.type === "annotation" ? [e.annotation] : []));
const exportOf = (filters: ExportFilters = {}, batchSize?: number) => collect(streamCorpus({ projectId: corpus.projectId, filters, batchSize }));

/** Connections of the export pool not handed back, and sessions still inside a transaction. */
async function leftovers() {
  const pool = pgPool();
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
  return { checkedOut: pool.totalCount - pool.idleCount, idleInTransaction: row!.n };
}

beforeAll(async () => {
  owner = await makeUser({ name: "Exporter" });
  corpus = await seedCorpus({ actorId: owner.user.id });
  emptyDocumentId = (await createPastedDocument({ actorId: owner.user.id, projectId: corpus.projectId, input: { title: "No annotations", text: "Nothing marked here." } })).document.id;
});

describe("streamCorpus", () => {
  it("streams each document, then its annotations by (start, end, id), documents by creation", async () => {
    const events = await exportOf();
    const documents = documentsOf(events);
    const stored = await db().document.findMany({ where: { projectId: corpus.projectId }, orderBy: [{ createdAt: "asc" }] });
    expect(documents.map((d) => d.id)).toEqual(stored.map((d) => d.id));
    expect(documents.at(-1)!.id).toBe(emptyDocumentId);

    let current: ExportDocument | undefined;
    const seen = new Map<string, ExportAnnotation[]>();
    for (const event of events) {
      if (event.type === "document") {
        current = event.document;
        seen.set(current.id, []);
      } else {
        expect(event.annotation.documentId).toBe(current!.id);
        seen.get(current!.id)!.push(event.annotation);
      }
    }
    for (const document of documents) {
      const listed = await listAnnotations({ documentId: document.id });
      expect(seen.get(document.id)!.map((a) => a.id)).toEqual(listed.map((a) => a.id));
    }
    expect(annotationsOf(events)).toHaveLength(corpus.annotationCount);
  });

  it("carries the canonical text, its hash and length, metadata, and every span's exact code-point slice", async () => {
    const events = await exportOf();
    const texts = new Map(documentsOf(events).map((d) => [d.id, d]));
    const crlf = texts.get(corpus.documents.crlf)!;
    expect(crlf.text).toBe(TEXTS.crlf.replace(/\r\n/g, "\n"));
    const arabic = texts.get(corpus.documents.arabic)!;
    expect(arabic).toMatchObject({ title: "Fixture arabic", length: [...TEXTS.arabic].length, sha256: sha256Hex(TEXTS.arabic) });
    expect(arabic.metadata).toMatchObject({ language: "ar", direction: "rtl", publishedOn: null });
    expect(arabic.original).toMatchObject({ filename: "pasted-text.txt", mediaType: "text/plain" });
    expect(arabic.createdAt).toBeInstanceOf(Date);
    for (const annotation of annotationsOf(events)) {
      const text = texts.get(annotation.documentId)!.text;
      expect(sliceCodePoints(text, annotation.start, annotation.end)).toBe(annotation.exact);
      expect(annotation.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    const figure = annotationsOf(events).find((a) => a.label.name === "Figure" && a.documentId === corpus.documents.emoji)!;
    expect(figure).toMatchObject({
      ...spanOf(TEXTS.emoji, "more than 6,000 fighters"),
      status: "accepted",
      version: 2,
      attributes: { value: 6000, qualifier: "more than", unit: "fighters" },
      label: { name: "Figure", kind: "figure", color: "#059669", hotkey: "3", description: expect.any(String) },
      author: { id: owner.user.id, email: owner.user.email, name: "Exporter" },
    });
  });

  it("reads the same stream whatever the batch size", async () => {
    const strip = (events: ExportEvent[]) => events.map((e) => (e.type === "document" ? e.document.id : e.annotation.id));
    expect(strip(await exportOf({}, 1))).toEqual(strip(await exportOf({}, 1000)));
  });

  it("filters documents by id and by full-text search, keeping unannotated matches when no annotation filter is set", async () => {
    const byId = await exportOf({ documentIds: [corpus.documents.crlf, emptyDocumentId] });
    expect(documentsOf(byId).map((d) => d.id)).toEqual([corpus.documents.crlf, emptyDocumentId]);
    expect(annotationsOf(byId).every((a) => a.documentId === corpus.documents.crlf)).toBe(true);

    const searched = await exportOf({ q: "governor families" });
    expect(documentsOf(searched).map((d) => d.id)).toEqual([corpus.documents.crlf]);
    expect(documentsOf(await exportOf({ q: "marked" })).map((d) => d.id)).toEqual([emptyDocumentId]);
  });

  it("filters annotations by label (name in any case, or id), status and author, dropping documents left without any", async () => {
    const figures = await exportOf({ labels: ["figure"] });
    expect(new Set(annotationsOf(figures).map((a) => a.label.name))).toEqual(new Set(["Figure"]));
    expect(documentsOf(figures).map((d) => d.id)).not.toContain(emptyDocumentId);
    const labelId = annotationsOf(figures)[0]!.label.id;
    expect(annotationsOf(await exportOf({ labels: [labelId] })).map((a) => a.id)).toEqual(annotationsOf(figures).map((a) => a.id));

    const accepted = await exportOf({ statuses: ["accepted", "rejected"] });
    expect(annotationsOf(accepted).map((a) => a.status).sort()).toEqual(["accepted", "rejected"]);
    expect(documentsOf(accepted).map((d) => d.id)).toEqual([corpus.documents.emoji, corpus.documents.combining]);

    expect(annotationsOf(await exportOf({ authors: [owner.user.email.toUpperCase()] }))).toHaveLength(corpus.annotationCount);
    expect(annotationsOf(await exportOf({ authors: [owner.user.id], labels: ["Claim"] }))).toHaveLength(3);
    expect(await exportOf({ authors: ["nobody@example.com"] })).toEqual([]);
  });

  it("reads one snapshot: a change made while the export runs is not in it", async () => {
    const iterator = streamCorpus({ projectId: corpus.projectId, filters: {}, batchSize: 1 });
    const first = await iterator.next();
    expect(first.value).toMatchObject({ type: "document" });
    const late = await createAnnotation({
      actorId: owner.user.id,
      documentId: corpus.documents.crlf,
      input: { label: "Entity", ...spanOf(TEXTS.crlf, "governor"), attributes: { type: "person" } },
    });
    const rest: ExportEvent[] = [first.value as ExportEvent];
    for await (const event of { [Symbol.asyncIterator]: () => iterator }) rest.push(event);
    expect(annotationsOf(rest).map((a) => a.id)).not.toContain(late.id);
    expect(annotationsOf(await exportOf()).map((a) => a.id)).toContain(late.id);
    await db().annotation.delete({ where: { id: late.id } });
  });

  it("fetches only as the consumer pulls, one annotation batch ahead at most (backpressure)", async () => {
    const fetches: string[] = [];
    const pool = pgPool();
    const spy = (client: pg.PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
        if (typeof args[0] === "string" && args[0].startsWith("FETCH")) fetches.push(args[0]);
        return query(...args);
      };
    };
    pool.on("acquire", spy);
    const iterator = streamCorpus({ projectId: corpus.projectId, filters: {}, batchSize: 2 });
    try {
      await iterator.next();
      // The first annotation batch, the one read ahead while it is consumed, the first documents.
      expect(fetches).toEqual(["FETCH 2 FROM export_annotations", "FETCH 2 FROM export_annotations", "FETCH 32 FROM export_documents"]);
      for (let i = 0; i < 3; i++) await iterator.next();
      // Three annotations pulled: the second batch is in use, the third on its way, no more.
      expect(fetches).toHaveLength(4);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fetches).toHaveLength(4);
    } finally {
      await iterator.return(undefined);
      pool.removeListener("acquire", spy);
    }
  });

  it("hands its connection back when the consumer stops early, again and again past the pool's size", async () => {
    for (let i = 0; i < 12; i++) {
      for await (const event of streamCorpus({ projectId: corpus.projectId, filters: {}, batchSize: 1 })) {
        if (event.type === "annotation") break;
      }
    }
    expect(await leftovers()).toEqual({ checkedOut: 0, idleInTransaction: 0 });
  });

  it("hands its connection back when the consumer fails mid-stream", async () => {
    await expect(
      (async () => {
        for await (const event of streamCorpus({ projectId: corpus.projectId, filters: {} })) {
          if (event.type === "annotation") throw new Error("consumer failed");
        }
      })(),
    ).rejects.toThrow("consumer failed");
    expect(await leftovers()).toEqual({ checkedOut: 0, idleInTransaction: 0 });
  });

  it("exports nothing for a project without documents, and an unknown project the same way", async () => {
    expect(await collect(streamCorpus({ projectId: "no-such-project", filters: {} }))).toEqual([]);
  });
});
