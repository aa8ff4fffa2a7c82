import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { endUserSessions } from "@/lib/auth/sessions";

/** "Sign out everywhere": ends every browser session of the user, this one included. Tokens stay. */
export async function endAllSessions({ userId }: { userId: string }): Promise<{ ended: number }> {
  return auditedTransaction(async (tx, audit) => {
    const ended = await endUserSessions(tx, userId);
    await audit({ action: "user.sessions_ended", subjectType: "user", subjectId: userId, actorId: userId, data: { ended } });
    return { ended };
  });
}
