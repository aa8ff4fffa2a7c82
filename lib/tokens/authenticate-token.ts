import { db } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { TOKEN_PREFIX, hashToken } from "./token-secret";

/** Resolves a bearer secret to its user; unknown, revoked and expired tokens are all 401. */
export async function authenticateToken(secret: string, now = new Date()): Promise<Principal> {
  const invalid = new AppError("unauthenticated", "Invalid, revoked or expired access token");
  if (!secret.startsWith(TOKEN_PREFIX)) throw invalid;
  const token = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    include: { user: { select: { id: true, email: true, name: true, isAdmin: true } } },
  });
  if (!token || token.revokedAt || token.expiresAt <= now) throw invalid;
  const { user } = token;
  return { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "token", tokenId: token.id, scope: token.scope };
}
