import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { purgeTombstones } from "@/lib/annotations/write-annotations";
import { AppError } from "@/lib/errors";

/**
 * Deletes a document and its original, only while nothing refers to it: annotated text is
 * evidence. Authorization is the caller's (document.delete, owners).
 */
export async function deleteDocument({ actorId, documentId }: { actorId: string; documentId: string }) {
  await auditedTransaction(async (tx, audit) => {
    // FOR UPDATE: an annotation being created concurrently must wait for this decision.
    const [row] = await tx.$queryRaw<{ projectId: string; title: string; sha256: string }[]>`
      SELECT "projectId", "title", "sha256" FROM "Document" WHERE "id" = ${documentId} FOR UPDATE`;
    if (!row) throw new AppError("not_found", "Document not found");
    const annotations = await tx.annotation.count({ where: { documentId, deletedAt: null } });
    if (annotations > 0) {
      throw new AppError("conflict", `The document has ${annotations} annotation(s); it can only be deleted while it has none`);
    }
    await purgeTombstones(tx, { documentId });
    await tx.document.delete({ where: { id: documentId } });
    await audit({
      action: "document.deleted",
      subjectType: "document",
      subjectId: documentId,
      projectId: row.projectId,
      actorId,
      data: { title: row.title, sha256: row.sha256 },
    });
  });
}
