import { checkAccess, type ProjectAccess } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

/**
 * Finds the document's project and authorizes there, in one query (this gate is in front of every
 * annotation write); a document of a project the caller is not in is not found.
 */
export async function authorizeDocument({
  principal,
  documentId,
  action,
}: {
  principal: Principal;
  documentId: string;
  action: Action;
}): Promise<ProjectAccess & { documentId: string }> {
  const [found] = await db().$queryRaw<{ projectId: string; role: Role | null }[]>`
    SELECT d."projectId", m."role"::text AS "role" FROM "Document" d
      LEFT JOIN "Membership" m ON m."projectId" = d."projectId" AND m."userId" = ${principal.userId}
     WHERE d."id" = ${documentId}`;
  if (!found) throw new AppError("not_found", "Document not found");
  try {
    return { ...checkAccess({ projectId: found.projectId, role: found.role, action }), documentId };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw new AppError("not_found", "Document not found");
    throw err;
  }
}
