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
  return checkAccess({ projectId, role: membership?.role ?? null, action });
}

/** The gate's decision once the caller's role in the project is known (null: not a member). */
export function checkAccess({ projectId, role, action }: { projectId: string; role: Role | null; action: Action }): ProjectAccess {
  if (!role) throw new AppError("not_found", "Project not found");
  if (!can(role, action)) {
    throw new AppError("forbidden", `Your role (${role}) does not allow ${action} in this project`);
  }
  return { projectId, role };
}

/** Where-clause that limits any project query to projects the user belongs to. */
export function visibleProjects(userId: string) {
  return { memberships: { some: { userId } } };
}
