import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { DEFAULT_LABELS } from "./default-labels";
import { ZCreateProject } from "./schemas";

/** Creates a project with its creator as owner and the default Claim/Entity/Figure labels. */
export async function createProject({ actorId, input }: { actorId: string; input: unknown }) {
  const { name, description = "" } = ZCreateProject.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const project = await tx.project.create({ data: { name, description } });
    await audit({
      action: "project.created",
      subjectType: "project",
      subjectId: project.id,
      projectId: project.id,
      actorId,
      data: { name, description },
    });
    const owner = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { email: true } });
    const membership = await tx.membership.create({ data: { projectId: project.id, userId: actorId, role: "owner" } });
    await audit({
      action: "membership.added",
      subjectType: "membership",
      subjectId: membership.id,
      projectId: project.id,
      actorId,
      data: { userId: actorId, email: owner.email, role: "owner" },
    });
    for (const label of DEFAULT_LABELS) {
      const created = await tx.label.create({ data: { ...label, projectId: project.id } });
      await audit({
        action: "label.created",
        subjectType: "label",
        subjectId: created.id,
        projectId: project.id,
        actorId,
        data: { name: label.name, kind: label.kind, color: label.color, hotkey: label.hotkey },
      });
    }
    return project;
  });
}
