import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ANNOTATION_INCLUDE, type AnnotationRow } from "./annotation-row";

/**
 * One annotation with its label and author (call after gateAnnotation). A tombstone is
 * "not found" unless `includeDeleted` (`?include=deleted`).
 */
export async function getAnnotation({
  annotationId,
  includeDeleted = false,
  tx = db(),
}: {
  annotationId: string;
  includeDeleted?: boolean;
  tx?: Tx;
}): Promise<AnnotationRow> {
  const annotation = await tx.annotation.findUnique({ where: { id: annotationId }, include: ANNOTATION_INCLUDE });
  if (!annotation || (annotation.deletedAt && !includeDeleted)) throw new AppError("not_found", "Annotation not found");
  return annotation;
}

/** Every stored revision of an annotation, oldest first (call after gateAnnotation(read, includeDeleted)). */
export async function listRevisions({ annotationId }: { annotationId: string }) {
  return db().annotationRevision.findMany({ where: { annotationId }, orderBy: { version: "asc" } });
}
