import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ANNOTATION_INCLUDE, type AnnotationRow } from "./annotation-row";

/** One annotation with its label and author (call after authorizeAnnotation). */
export async function getAnnotation({ annotationId, tx = db() }: { annotationId: string; tx?: Tx }): Promise<AnnotationRow> {
  const annotation = await tx.annotation.findUnique({ where: { id: annotationId }, include: ANNOTATION_INCLUDE });
  if (!annotation) throw new AppError("not_found", "Annotation not found");
  return annotation;
}
