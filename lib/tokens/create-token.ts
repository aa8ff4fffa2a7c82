import { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { displayPrefix, generateTokenSecret, hashToken } from "./token-secret";

export const ZCreateToken = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

/** Creates a personal access token. The secret is returned once and only its hash is stored. */
export async function createToken({ userId, input, now = new Date() }: { userId: string; input: unknown; now?: Date }) {
  const { name, expiresInDays } = ZCreateToken.parse(input);
  const secret = generateTokenSecret();
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  const token = await auditedTransaction(async (tx, audit) => {
    const created = await tx.apiToken.create({
      data: { userId, name, tokenHash: hashToken(secret), prefix: displayPrefix(secret), expiresAt },
    });
    await audit({
      action: "token.created",
      subjectType: "token",
      subjectId: created.id,
      actorId: userId,
      data: { name, prefix: created.prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { token, secret };
}
