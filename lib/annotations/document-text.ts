import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { CodePointIndex } from "@/lib/text/code-points";

/** UTF-16 units of text kept in memory across requests (~2 bytes each). */
const CACHE_UNITS = 16 * 1024 * 1024;

const cache = new Map<string, { sha256: string; index: CodePointIndex }>();
let cachedUnits = 0;

function remember(documentId: string, sha256: string, index: CodePointIndex): void {
  if (index.text.length > CACHE_UNITS / 4) return;
  cache.set(documentId, { sha256, index });
  cachedUnits += index.text.length;
  for (const [id, entry] of cache) {
    if (cachedUnits <= CACHE_UNITS) break;
    cache.delete(id);
    cachedUnits -= entry.index.text.length;
  }
}

/**
 * A document's project and its canonical text, indexed by code point. Texts never change after
 * upload (ARCHITECTURE.md), so a copy cached under the document's id and sha256 stays valid: every
 * write on a long document then reads a few bytes instead of the whole text.
 */
export async function loadDocumentText({ documentId }: { documentId: string }): Promise<{ projectId: string; text: CodePointIndex }> {
  const head = await db().document.findUnique({ where: { id: documentId }, select: { projectId: true, sha256: true } });
  if (!head) throw new AppError("not_found", "Document not found");
  const hit = cache.get(documentId);
  if (hit && hit.sha256 === head.sha256) {
    cache.delete(documentId);
    cache.set(documentId, hit);
    return { projectId: head.projectId, text: hit.index };
  }
  const row = await db().document.findUnique({ where: { id: documentId }, select: { text: true } });
  if (!row) throw new AppError("not_found", "Document not found");
  const index = new CodePointIndex(row.text);
  if (hit) {
    cache.delete(documentId);
    cachedUnits -= hit.index.text.length;
  }
  remember(documentId, head.sha256, index);
  return { projectId: head.projectId, text: index };
}

/** Keeps the document from being deleted (which needs it free of annotations) until the caller commits. */
export async function lockDocument(tx: Tx, documentId: string): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Document" WHERE "id" = ${documentId} FOR KEY SHARE`;
  if (rows.length === 0) throw new AppError("not_found", "Document not found");
}
