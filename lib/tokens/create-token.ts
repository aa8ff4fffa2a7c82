import { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { displayPrefix, generateTokenSecret, hashToken } from "./token-secret";

/**
 * Without a choice a token lives 90 days and may write, as every token could before scopes existed:
 * scripts written against `token create --email E` keep working. The tokens page preselects read
 * only, so a person creating one by hand chooses write deliberately. No token outlives 365 days.
 */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_SCOPES = ["read", "write"] as const;

export const ZTokenScope = z.enum(TOKEN_SCOPES, { message: "Scope must be read or write" });

export const ZCreateToken = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100),
  expiresInDays: z
    .number()
    .int("Enter a whole number of days")
    .min(1, "A token lasts at least 1 day")
    .max(TOKEN_MAX_DAYS, `A token lasts at most ${TOKEN_MAX_DAYS} days`)
    .default(TOKEN_DEFAULT_DAYS),
  scope: ZTokenScope.default("write"),
});

/** Creates a personal access token. The secret is returned once and only its hash is stored. */
export async function createToken({ userId, input, now = new Date() }: { userId: string; input: unknown; now?: Date }) {
  const { name, expiresInDays, scope } = ZCreateToken.parse(input);
  const secret = generateTokenSecret();
  const expiresAt = new Date(now.getTime() + expiresInDays * 86_400_000);
  const token = await auditedTransaction(async (tx, audit) => {
    const created = await tx.apiToken.create({
      data: { userId, name, scope, tokenHash: hashToken(secret), prefix: displayPrefix(secret), expiresAt },
    });
    await audit({
      action: "token.created",
      subjectType: "token",
      subjectId: created.id,
      actorId: userId,
      data: { name, prefix: created.prefix, scope, expiresAt: expiresAt.toISOString() },
    });
    return created;
  });
  return { token, secret };
}
