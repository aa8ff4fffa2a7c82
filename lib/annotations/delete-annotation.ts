import type { AnnotationAccess } from "@/lib/auth/gate";
import { citedConflict, countCitingClaims } from "./claim-sources";
import { ZDeleteAnnotation, ZRestoreAnnotation } from "./schemas";
import { validateAttributes } from "./validate-attributes";
import { writeAnnotations } from "./write-annotations";

/**
 * Deletes an annotation if `version` is still current (else 409 with the current annotation) and
 * no live claim names it as its source. The row stays as a tombstone (deletedAt, deletedById):
 * lists, reads and exports leave it out, its history stays, and restoreAnnotation brings it back
 * with the same id and author. Authorization is the caller's gateAnnotation(edit).
 * `input` is `{ version }`.
 */
export async function deleteAnnotation({ actorId, access, input }: { actorId: string; access: AnnotationAccess; input: unknown }) {
  const { version } = ZDeleteAnnotation.parse(input);
  await writeAnnotations({ projectId: access.projectId, actorId }, async (writer) => {
    const current = await writer.lock(access.annotationId, { version });
    if (current.label.kind === "entity") {
      const citing = await countCitingClaims(writer.tx, { documentId: current.documentId, annotationId: current.id });
      if (citing > 0) throw citedConflict(citing);
    }
    await writer.remove(current);
  });
}

/**
 * Brings a tombstone back at version + 1, with the same id, author and history: 409 if `version`
 * is stale or the annotation is not deleted. Its attributes are checked again (a claim whose
 * source entity is itself deleted is refused, 422, until the source is restored). Authorization: gateAnnotation(edit, includeDeleted).
 */
export async function restoreAnnotation({ actorId, access, input }: { actorId: string; access: AnnotationAccess; input: unknown }) {
  const { version } = ZRestoreAnnotation.parse(input);
  return writeAnnotations({ projectId: access.projectId, actorId }, async (writer) => {
    const current = await writer.lock(access.annotationId, { version, deleted: "require" });
    // The label may have changed kind, or a claim's source entity been deleted, since: check again.
    await validateAttributes(writer.tx, {
      kind: current.label.kind,
      documentId: current.documentId,
      attributes: (current.attributes ?? {}) as Record<string, unknown>,
      exact: current.exact,
      fill: false,
    });
    return writer.restore(current);
  });
}
