import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";

/** Revokes one of the caller's tokens. Someone else's token is reported as not found. */
export async function revokeToken({ userId, tokenId }: { userId: string; tokenId: string }) {
  return auditedTransaction(async (tx, audit) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId } });
    if (!token) throw new AppError("not_found", "Token not found");
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await audit({
      action: "token.revoked",
      subjectType: "token",
      subjectId: token.id,
      actorId: userId,
      data: { name: token.name, prefix: token.prefix },
    });
    return revoked;
  });
}
