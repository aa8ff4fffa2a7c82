import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/gate";

/** One project as its member sees it (call after gateProject). */
export async function getProject(access: ProjectAccess) {
  const project = await db().project.findUnique({
    where: { id: access.projectId },
    include: {
      labels: { orderBy: [{ hotkey: "asc" }, { name: "asc" }] },
      _count: { select: { memberships: true, documents: true } },
    },
  });
  if (!project) throw new AppError("not_found", "Project not found");
  const { _count, ...rest } = project;
  return { ...rest, role: access.role, memberCount: _count.memberships, documentCount: _count.documents };
}
