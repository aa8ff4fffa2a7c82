import { db } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { TOKEN_PREFIX, hashToken } from "./token-secret";

interface TokenWithUser {
  id: string;
  scope: "read" | "write";
  revokedAt: Date | null;
  expiresAt: Date;
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/** Resolves a bearer secret to its user; unknown, revoked and expired tokens are all 401. */
export async function authenticateToken(secret: string, now = new Date()): Promise<Principal> {
  const invalid = new AppError("unauthenticated", "Invalid, revoked or expired access token");
  if (!secret.startsWith(TOKEN_PREFIX)) throw invalid;
  // Token and user in one statement: every API request pays for this lookup.
  const [token] = await db().$queryRaw<TokenWithUser[]>`
    SELECT t."id", t."scope"::text AS "scope", t."revokedAt", t."expiresAt",
           u."id" AS "userId", u."email", u."name", u."isAdmin"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
     WHERE t."tokenHash" = ${hashToken(secret)}`;
  if (!token || token.revokedAt || token.expiresAt <= now) throw invalid;
  return { userId: token.userId, email: token.email, name: token.name, isAdmin: token.isAdmin, via: "token", tokenId: token.id, scope: token.scope };
}
