import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { currentDatabaseUrl, sql } from "../helpers/database";

/**
 * The hand-written rules of migration 20261122010000_documents, exercised on the migrated test
 * database: documents are immutable apart from their metadata, their original bytes never change,
 * and a trigger keeps the full-text search vector in step with the title and text.
 */

const IMMUTABLE_DOCUMENT = /Document \S+ is immutable: its text, hashes and derivation cannot change/;
const IMMUTABLE_ORIGINAL = /DocumentOriginal rows are immutable/;

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A project of its own per test, so searches can be scoped to it and compared exactly. */
async function newProject(): Promise<string> {
  const project = await db().project.create({ data: { name: `integrity-${randomBytes(4).toString("hex")}` } });
  return project.id;
}

async function newDocument(projectId: string, title: string, text: string) {
  return db().document.create({
    data: {
      projectId,
      title,
      text,
      sha256: sha256(text),
      length: [...text].length,
      originalFilename: "source.txt",
      originalMediaType: "text/plain",
      originalSha256: sha256(text),
      originalSize: Buffer.byteLength(text),
      original: { create: { bytes: Buffer.from(text, "utf8") } },
    },
  });
}

/** Ids of the project's documents that match a web-search style query, the way the app searches. */
async function search(projectId: string, query: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    currentDatabaseUrl(),
    `SELECT id FROM "Document" WHERE "projectId" = $1 AND "searchVector" @@ websearch_to_tsquery('english', $2) ORDER BY id`,
    [projectId, query],
  );
  return rows.map((row) => row.id);
}

/** The stored vector equals what the migration's function computes from the current title and text. */
async function vectorIsCurrent(id: string): Promise<boolean> {
  const [row] = await sql<{ current: boolean }>(
    currentDatabaseUrl(),
    `SELECT "searchVector" IS NOT NULL AND "searchVector" = tracewell_search_vector(title, text) AS current FROM "Document" WHERE id = $1`,
    [id],
  );
  return row?.current === true;
}

async function documentRow(id: string): Promise<Record<string, unknown>> {
  const [row] = await sql(currentDatabaseUrl(), `SELECT *, "searchVector"::text AS "searchVector" FROM "Document" WHERE id = $1`, [id]);
  return row!;
}

describe("Document search vector", () => {
  it("is set on insert from title and text, with English stemming", async () => {
    const projectId = await newProject();
    const doc = await newDocument(projectId, "Dispatch from the northern front", "The fighters crossed the river at dawn.");
    const other = await newDocument(projectId, "Harvest report", "Farmers gathered wheat in the valley.");

    expect(await vectorIsCurrent(doc.id)).toBe(true);
    expect(await search(projectId, "fighter")).toEqual([doc.id]);
    expect(await search(projectId, "fighters")).toEqual([doc.id]);
    expect(await search(projectId, "crossing")).toEqual([doc.id]);
    expect(await search(projectId, "rivers dawn")).toEqual([doc.id]);
    expect(await search(projectId, "dispatch")).toEqual([doc.id]);
    expect(await search(projectId, "farmer")).toEqual([other.id]);
    expect(await search(projectId, "river -wheat")).toEqual([doc.id]);
    expect(await search(projectId, "river or wheat")).toEqual([doc.id, other.id].sort());
    expect(await search(projectId, "submarine")).toEqual([]);

    // Title words carry weight A, text words none (D).
    const { searchVector } = await documentRow(doc.id);
    expect(searchVector).toContain("'dispatch':1A");
    expect(searchVector).toContain("'fighter':");
    expect(searchVector).not.toMatch(/'fighter':\d+A/);
  });

  it("is always computed by the trigger, whatever an INSERT or UPDATE supplies", async () => {
    const projectId = await newProject();
    const id = `doc-${randomBytes(6).toString("hex")}`;
    const text = "Convoy sighted near the harbour.";
    await sql(
      currentDatabaseUrl(),
      `INSERT INTO "Document" (id, "projectId", title, text, sha256, length, "updatedAt", "searchVector")
       VALUES ($1, $2, 'Forged', $3, $4, $5, now(), to_tsvector('simple', 'forgery'))`,
      [id, projectId, text, sha256(text), [...text].length],
    );
    expect(await vectorIsCurrent(id)).toBe(true);
    expect(await search(projectId, "convoy")).toEqual([id]);
    expect(await search(projectId, "forgery")).toEqual([]);

    await sql(currentDatabaseUrl(), `UPDATE "Document" SET "searchVector" = to_tsvector('simple', 'forgery') WHERE id = $1`, [id]);
    expect(await vectorIsCurrent(id)).toBe(true);
    expect(await search(projectId, "forgery")).toEqual([]);
  });

  it("indexes Arabic-script text and finds an Arabic word", async () => {
    const projectId = await newProject();
    const arabic = await newDocument(projectId, "تقرير من المدينة", "قرأ الطالب الكتاب في المكتبة العامة صباح يوم الأحد.");
    const mixed = await newDocument(projectId, "Bilingual note", "The delegation visited المكتبة and the archive.");
    const english = await newDocument(projectId, "English only", "The delegation visited the archive.");

    expect(await vectorIsCurrent(arabic.id)).toBe(true);
    expect(await search(projectId, "المكتبة")).toEqual([arabic.id, mixed.id].sort());
    expect(await search(projectId, "الكتاب")).toEqual([arabic.id]);
    expect(await search(projectId, "المدينة")).toEqual([arabic.id]);
    expect(await search(projectId, "delegation المكتبة")).toEqual([mixed.id]);
    expect(await search(projectId, "delegation")).toEqual([mixed.id, english.id].sort());
    expect(await search(projectId, "مدرسة")).toEqual([]);
  });

  it("still stores a text too large for a tsvector, indexing its beginning", async () => {
    const projectId = await newProject();
    const id = `doc-${randomBytes(6).toString("hex")}`;
    const url = currentDatabaseUrl();
    // ~3 million characters of 91,000 distinct 32-character tokens: their lexemes alone exceed a
    // tsvector's 1 MB limit (reached from about 29,000 such tokens, ~0.95 million characters).
    const TOKENS = 91_000;
    await sql(
      url,
      `INSERT INTO "Document" (id, "projectId", title, text, sha256, length, "updatedAt")
       SELECT $1, $2, 'Enormous ledger', t, encode(sha256(convert_to(t, 'UTF8')), 'hex'), char_length(t), now()
         FROM (SELECT 'Opening words about fighters. '
                      || string_agg(md5(g::text), ' ' ORDER BY g)
                      || ' closingsentinel' AS t
                 FROM generate_series(1, $3::int) AS g) AS built`,
      [id, projectId, TOKENS],
    );
    const [stored] = await sql<{ chars: number; lexemes: number }>(
      url,
      `SELECT char_length(text) AS chars, length("searchVector") AS lexemes FROM "Document" WHERE id = $1`,
      [id],
    );
    expect(stored!.chars).toBeGreaterThan(3_000_000);
    expect(stored!.lexemes).toBeGreaterThan(1000);
    expect(await vectorIsCurrent(id)).toBe(true);

    // The fallback is really taken: indexing the whole text would fail.
    await expect(sql(url, `SELECT to_tsvector('english', text) FROM "Document" WHERE id = $1`, [id])).rejects.toThrow(
      /string is too long for tsvector/,
    );

    // The beginning is searchable; the end, past the indexed prefix, is not.
    expect(await search(projectId, "fighter")).toEqual([id]);
    expect(await search(projectId, "ledger")).toEqual([id]);
    expect(await search(projectId, createHash("md5").update("1").digest("hex"))).toEqual([id]);
    expect(await search(projectId, "closingsentinel")).toEqual([]);
    expect(await search(projectId, createHash("md5").update(String(TOKENS)).digest("hex"))).toEqual([]);

    // A metadata update re-computes the vector through the same fallback.
    await sql(url, `UPDATE "Document" SET title = 'Enormous register' WHERE id = $1`, [id]);
    expect(await search(projectId, "register")).toEqual([id]);
    expect(await search(projectId, "ledger")).toEqual([]);

  });
});

describe("Document immutability", () => {
  it("refuses to change the text, hashes or derivation of a document", async () => {
    const projectId = await newProject();
    const otherProjectId = await newProject();
    const doc = await newDocument(projectId, "Fixed text", "Nothing here may ever change.");
    const url = currentDatabaseUrl();
    const before = await documentRow(doc.id);

    const changes: [column: string, value: unknown][] = [
      ["text", "Something else entirely."],
      ["sha256", sha256("Something else entirely.")],
      ["length", doc.length + 1],
      ["projectId", otherProjectId],
      ["originalSha256", sha256("other bytes")],
      ["originalSize", 1],
      ["originalFilename", "renamed.txt"],
      ["originalMediaType", "application/pdf"],
      ["extraction", JSON.stringify({ method: "forged" })],
      ["profile", JSON.stringify({ emoji: 99 })],
    ];
    for (const [column, value] of changes) {
      const attempt = sql(url, `UPDATE "Document" SET "${column}" = $2 WHERE id = $1`, [doc.id, value]);
      await expect(attempt, column).rejects.toThrow(IMMUTABLE_DOCUMENT);
      await expect(attempt, column).rejects.toMatchObject({ code: "42501" });
    }
    // …also when disguised among allowed changes, and also through Prisma.
    await expect(
      sql(url, `UPDATE "Document" SET title = 'Sneaky', text = 'Rewritten.' WHERE id = $1`, [doc.id]),
    ).rejects.toThrow(IMMUTABLE_DOCUMENT);
    await expect(db().document.update({ where: { id: doc.id }, data: { text: "Rewritten by Prisma." } })).rejects.toThrow(
      IMMUTABLE_DOCUMENT,
    );
    await expect(db().document.update({ where: { id: doc.id }, data: { length: { increment: 1 } } })).rejects.toThrow(
      IMMUTABLE_DOCUMENT,
    );

    expect(await documentRow(doc.id)).toEqual(before);
    // Writing the same value back is no change, so it is allowed.
    await sql(url, `UPDATE "Document" SET text = text, sha256 = sha256, length = length WHERE id = $1`, [doc.id]);
    expect(await vectorIsCurrent(doc.id)).toBe(true);
  });

  it("allows metadata changes and re-computes the search vector for a new title", async () => {
    const projectId = await newProject();
    const doc = await newDocument(projectId, "Preliminary memorandum", "Negotiators met at the border crossing.");

    const updated = await db().document.update({
      where: { id: doc.id },
      data: { title: "Final agreement", author: "A. Writer", publisher: "Tracewell Press", language: "en", direction: "ltr" },
    });
    expect(updated).toMatchObject({ title: "Final agreement", author: "A. Writer", publisher: "Tracewell Press" });
    expect(updated.text).toBe(doc.text);
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(doc.updatedAt.getTime());

    expect(await vectorIsCurrent(doc.id)).toBe(true);
    expect(await search(projectId, "agreements")).toEqual([doc.id]);
    expect(await search(projectId, "memorandum")).toEqual([]);
    expect(await search(projectId, "negotiator")).toEqual([doc.id]);

    // A change that does not touch title or text leaves the vector as it was, and correct.
    await sql(currentDatabaseUrl(), `UPDATE "Document" SET author = 'B. Editor', publisher = NULL WHERE id = $1`, [doc.id]);
    expect(await documentRow(doc.id)).toMatchObject({ author: "B. Editor", publisher: null });
    expect(await vectorIsCurrent(doc.id)).toBe(true);
  });

  it("refuses any update of a document's original bytes", async () => {
    const projectId = await newProject();
    const doc = await newDocument(projectId, "Original", "The bytes as uploaded.");
    const url = currentDatabaseUrl();

    const attempt = sql(url, `UPDATE "DocumentOriginal" SET bytes = $2 WHERE "documentId" = $1`, [doc.id, Buffer.from("tampered")]);
    await expect(attempt).rejects.toThrow(IMMUTABLE_ORIGINAL);
    await expect(attempt).rejects.toMatchObject({ code: "42501" });
    // Even a no-op update is refused: the row is never updated.
    await expect(sql(url, `UPDATE "DocumentOriginal" SET bytes = bytes WHERE "documentId" = $1`, [doc.id])).rejects.toThrow(
      IMMUTABLE_ORIGINAL,
    );
    await expect(
      db().documentOriginal.update({ where: { documentId: doc.id }, data: { bytes: Buffer.from("tampered") } }),
    ).rejects.toThrow(IMMUTABLE_ORIGINAL);

    const original = await db().documentOriginal.findUniqueOrThrow({ where: { documentId: doc.id } });
    expect(Buffer.from(original.bytes).toString("utf8")).toBe("The bytes as uploaded.");
  });

  it("deletes a document's original with the document", async () => {
    const projectId = await newProject();
    const doc = await newDocument(projectId, "Short-lived", "Soon gone.");
    const kept = await newDocument(projectId, "Kept", "Still here.");
    expect(await db().documentOriginal.count({ where: { documentId: { in: [doc.id, kept.id] } } })).toBe(2);

    await db().document.delete({ where: { id: doc.id } });

    expect(await db().document.findUnique({ where: { id: doc.id } })).toBeNull();
    expect(await db().documentOriginal.findUnique({ where: { documentId: doc.id } })).toBeNull();
    expect(await db().documentOriginal.findUnique({ where: { documentId: kept.id } })).not.toBeNull();
  });
});
