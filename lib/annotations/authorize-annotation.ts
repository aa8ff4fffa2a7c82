import { authorizeProject, type ProjectAccess } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface AnnotationAccess extends ProjectAccess {
  annotationId: string;
  documentId: string;
}

/**
 * The gate in front of one annotation, over the permission matrix: `read` needs annotation.read;
 * `write` (update or delete) needs annotation.update.own for one's own annotations and
 * annotation.update.any for anyone else's. Non-members do not see the annotation at all (404).
 */
export async function authorizeAnnotation({
  principal,
  annotationId,
  intent,
  includeDeleted = false,
}: {
  principal: Principal;
  annotationId: string;
  intent: "read" | "write";
  /** Tombstones are "not found" unless the route deals with them (include=deleted, restore, revisions). */
  includeDeleted?: boolean;
}): Promise<AnnotationAccess> {
  const annotation = await db().annotation.findUnique({
    where: { id: annotationId },
    select: { authorId: true, documentId: true, deletedAt: true, document: { select: { projectId: true } } },
  });
  if (!annotation || (annotation.deletedAt && !includeDeleted)) throw new AppError("not_found", "Annotation not found");
  let access: ProjectAccess;
  try {
    access = await authorizeProject({
      principal,
      projectId: annotation.document.projectId,
      action: intent === "read" ? "annotation.read" : "annotation.update.own",
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw new AppError("not_found", "Annotation not found");
    throw err;
  }
  if (intent === "write" && annotation.authorId !== principal.userId && !can(access.role, "annotation.update.any")) {
    throw new AppError("forbidden", `Your role (${access.role}) allows changing only your own annotations; this one is another member's`);
  }
  return { ...access, annotationId, documentId: annotation.documentId };
}
