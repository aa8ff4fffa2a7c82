import { authorizeProject, type ProjectAccess } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Finds the document's project and authorizes there; a document of another project is not found. */
export async function authorizeDocument({
  principal,
  documentId,
  action,
}: {
  principal: Principal;
  documentId: string;
  action: Action;
}): Promise<ProjectAccess & { documentId: string }> {
  const document = await db().document.findUnique({ where: { id: documentId }, select: { projectId: true } });
  if (!document) throw new AppError("not_found", "Document not found");
  try {
    return { ...(await authorizeProject({ principal, projectId: document.projectId, action })), documentId };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw new AppError("not_found", "Document not found");
    throw err;
  }
}
