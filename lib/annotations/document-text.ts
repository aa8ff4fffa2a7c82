import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { CodePointIndex } from "@/lib/text/code-points";

/** UTF-16 units of text kept in memory across requests (~2 bytes each). */
const CACHE_UNITS = 16 * 1024 * 1024;

const cache = new Map<string, { projectId: string; index: CodePointIndex }>();
let cachedUnits = 0;

function remember(documentId: string, entry: { projectId: string; index: CodePointIndex }): void {
  if (entry.index.text.length > CACHE_UNITS / 4) return;
  cache.set(documentId, entry);
  cachedUnits += entry.index.text.length;
  for (const [id, old] of cache) {
    if (cachedUnits <= CACHE_UNITS) break;
    cache.delete(id);
    cachedUnits -= old.index.text.length;
  }
}

/**
 * A document's project and its canonical text, indexed by code point. A document's text and
 * project never change after upload (ARCHITECTURE.md; a trigger refuses it) and ids are never
 * reused, so a copy cached under the id stays true for good: a write on a cached document reads
 * nothing here. Whether the document still exists is the writer's check (lockDocument).
 */
export async function loadDocumentText({ documentId }: { documentId: string }): Promise<{ projectId: string; text: CodePointIndex }> {
  const hit = cache.get(documentId);
  if (hit) {
    cache.delete(documentId);
    cache.set(documentId, hit);
    return { projectId: hit.projectId, text: hit.index };
  }
  const row = await db().document.findUnique({ where: { id: documentId }, select: { projectId: true, text: true } });
  if (!row) throw new AppError("not_found", "Document not found");
  const entry = { projectId: row.projectId, index: new CodePointIndex(row.text) };
  remember(documentId, entry);
  return { projectId: entry.projectId, text: entry.index };
}

/** Keeps the document from being deleted (which needs it free of annotations) until the caller commits. */
export async function lockDocument(tx: Tx, documentId: string): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Document" WHERE "id" = ${documentId} FOR KEY SHARE`;
  if (rows.length === 0) throw new AppError("not_found", "Document not found");
}
