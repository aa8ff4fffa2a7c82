import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { can, type Action } from "./permissions";
import type { Principal } from "./principal";

export interface ProjectAccess {
  projectId: string;
  role: Role;
}

/**
 * The single gate in front of every project resource. A non-member gets not_found (the project is
 * invisible to them, not forbidden); a member whose role lacks the action gets forbidden.
 */
export async function authorizeProject({
  principal,
  projectId,
  action,
}: {
  principal: Principal;
  projectId: string;
  action: Action;
}): Promise<ProjectAccess> {
  const membership = await db().membership.findUnique({
    where: { projectId_userId: { projectId, userId: principal.userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError("not_found", "Project not found");
  if (!can(membership.role, action)) {
    throw new AppError("forbidden", `Your role (${membership.role}) does not allow ${action} in this project`);
  }
  return { projectId, role: membership.role };
}

/** Where-clause that limits any project query to projects the user belongs to. */
export function visibleProjects(userId: string) {
  return { memberships: { some: { userId } } };
}
