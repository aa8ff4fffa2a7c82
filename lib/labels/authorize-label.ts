import { authorizeProject, type ProjectAccess } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Finds the label's project and authorizes there; a label of another project is not found. */
export async function authorizeLabel({
  principal,
  labelId,
  action,
}: {
  principal: Principal;
  labelId: string;
  action: Action;
}): Promise<ProjectAccess & { labelId: string }> {
  const label = await db().label.findUnique({ where: { id: labelId }, select: { projectId: true } });
  if (!label) throw new AppError("not_found", "Label not found");
  try {
    return { ...(await authorizeProject({ principal, projectId: label.projectId, action })), labelId };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw new AppError("not_found", "Label not found");
    throw err;
  }
}
