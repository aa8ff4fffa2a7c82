import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import { ZAddMember } from "@/lib/projects/schemas";

/** Adds an existing account to a project by email. Authorization is the caller's (member.manage). */
export async function addMember({ actorId, projectId, input }: { actorId: string; projectId: string; input: unknown }) {
  const { email, role } = ZAddMember.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) {
      throw new AppError("invalid_input", `No account uses ${email}. Ask them to sign up first, then add them.`, {
        field: "email",
      });
    }
    const existing = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId: user.id } } });
    if (existing) throw new AppError("conflict", `${email} is already a member (${existing.role})`);
    const membership = await tx.membership.create({ data: { projectId, userId: user.id, role } });
    await audit({
      action: "membership.added",
      subjectType: "membership",
      subjectId: membership.id,
      projectId,
      actorId,
      data: { userId: user.id, email, role },
    });
    return { userId: user.id, email: user.email, name: user.name, role, since: membership.createdAt };
  });
}
