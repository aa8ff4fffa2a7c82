import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import { assertNotLastOwner } from "./change-role";

export async function removeMember({ actorId, projectId, userId }: { actorId: string; projectId: string; userId: string }) {
  return auditedTransaction(async (tx, audit) => {
    const membership = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
    if (!membership) throw new AppError("not_found", "Member not found");
    if (membership.role === "owner") await assertNotLastOwner(tx, projectId, userId, "Cannot remove the last owner");
    await tx.membership.delete({ where: { id: membership.id } });
    await audit({
      action: "membership.removed",
      subjectType: "membership",
      subjectId: membership.id,
      projectId,
      actorId,
      data: { userId, role: membership.role },
    });
  });
}
