import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { z } from "zod";
import { refusingEmailAsPassword } from "./password-policy";
import { ZChangePassword } from "./schemas";
import { assertSignInAllowed } from "./sign-in";

const ZNewPasswordFor = refusingEmailAsPassword(z.object({ email: z.string(), newPassword: z.string() }), "newPassword");

export interface ChangePasswordOptions {
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** The caller's address: a wrong current password counts as a failed sign-in from it. */
  ip: string | null;
}

/**
 * Sets a new password after checking the current one, and ends every session of the user (a
 * password change is what someone does who fears their session was taken). Access tokens are
 * not touched: they are managed, and revoked, on their own page.
 */
export async function changePassword(options: ChangePasswordOptions): Promise<{ sessionsEnded: number }> {
  const input = ZChangePassword.parse({ currentPassword: options.currentPassword, newPassword: options.newPassword });
  const user = await db().user.findUnique({ where: { id: options.userId } });
  if (!user) throw new AppError("not_found", "Account not found");
  ZNewPasswordFor.parse({ email: user.email, newPassword: input.newPassword });
  // Otherwise this form would be a way round the sign-in throttle for whoever holds a session.
  await assertSignInAllowed({ email: user.email, ip: options.ip });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordFailure(throttleKeys(user.email, options.ip));
    const message = "The current password is wrong";
    throw new AppError("invalid_input", message, { issues: [{ path: "currentPassword", message }] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return auditedTransaction(async (tx, audit) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const sessionsEnded = await endUserSessions(tx, user.id);
    await audit({ action: "user.password_changed", subjectType: "user", subjectId: user.id, actorId: user.id, data: { sessionsEnded } });
    return { sessionsEnded };
  });
}
