import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import { ZUpdateProject } from "./schemas";

/** Renames a project or changes its description. Authorization is the caller's (project.update). */
export async function updateProject({ actorId, projectId, input }: { actorId: string; projectId: string; input: unknown }) {
  const patch = ZUpdateProject.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const current = await tx.project.findUnique({ where: { id: projectId } });
    if (!current) throw new AppError("not_found", "Project not found");
    const changes: Record<string, { from: string; to: string }> = {};
    if (patch.name !== undefined && patch.name !== current.name) changes.name = { from: current.name, to: patch.name };
    if (patch.description !== undefined && patch.description !== current.description) {
      changes.description = { from: current.description, to: patch.description };
    }
    if (Object.keys(changes).length === 0) return current;
    const project = await tx.project.update({ where: { id: projectId }, data: patch });
    await audit({ action: "project.updated", subjectType: "project", subjectId: projectId, projectId, actorId, data: { changes } });
    return project;
  });
}
