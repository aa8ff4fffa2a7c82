import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { annotationSnapshot } from "./annotation-row";
import type { AnnotationAccess } from "./authorize-annotation";
import { citedConflict, countCitingClaims } from "./claim-sources";
import { ZDeleteAnnotation } from "./schemas";
import { lockAnnotation, staleVersion } from "./update-annotation";

/**
 * Deletes an annotation if `version` is still current (else 409 with the current annotation) and
 * no claim names it as its source; the audit event keeps a full snapshot of what was deleted.
 * Authorization is the caller's authorizeAnnotation(write). `input` is `{ version }`.
 */
export async function deleteAnnotation({ actorId, access, input }: { actorId: string; access: AnnotationAccess; input: unknown }) {
  const { version } = ZDeleteAnnotation.parse(input);
  await auditedTransaction(async (tx, audit) => {
    const current = await lockAnnotation(tx, access.annotationId);
    if (current.version !== version) throw staleVersion(current, version);
    if (current.label.kind === "entity") {
      const citing = await countCitingClaims(tx, { documentId: current.documentId, annotationId: current.id });
      if (citing > 0) throw citedConflict(citing);
    }
    await tx.annotation.delete({ where: { id: current.id } });
    await audit({
      action: "annotation.deleted",
      subjectType: "annotation",
      subjectId: current.id,
      projectId: access.projectId,
      actorId,
      data: { ...annotationSnapshot(current), version: current.version, authorId: current.author.id },
    });
  });
}
