import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZChangeRole } from "@/lib/projects/schemas";

/**
 * Locks the project's owner memberships and refuses when `userId` is the only owner. Row locks
 * make two concurrent demotions of the last two owners wait for each other instead of both passing.
 */
export async function assertNotLastOwner(tx: Tx, projectId: string, userId: string, what: string): Promise<void> {
  const owners = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "Membership" WHERE "projectId" = ${projectId} AND role = 'owner' FOR UPDATE`;
  if (owners.length === 1 && owners[0]!.userId === userId) {
    throw new AppError("conflict", `${what}: a project must keep at least one owner`);
  }
}

export async function changeRole({
  actorId,
  projectId,
  userId,
  input,
}: {
  actorId: string;
  projectId: string;
  userId: string;
  input: unknown;
}) {
  const { role } = ZChangeRole.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const membership = await tx.membership.findUnique({
      where: { projectId_userId: { projectId, userId } },
      include: { user: { select: { email: true, name: true } } },
    });
    if (!membership) throw new AppError("not_found", "Member not found");
    if (membership.role === role) {
      return { userId, email: membership.user.email, name: membership.user.name, role, since: membership.createdAt };
    }
    if (membership.role === "owner") await assertNotLastOwner(tx, projectId, userId, "Cannot change the role of the last owner");
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await audit({
      action: "membership.role_changed",
      subjectType: "membership",
      subjectId: membership.id,
      projectId,
      actorId,
      data: { userId, from: membership.role, to: role },
    });
    return { userId, email: membership.user.email, name: membership.user.name, role, since: membership.createdAt };
  });
}
