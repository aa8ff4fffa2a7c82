import { createHash, randomBytes } from "node:crypto";

/** `tw_` + 32 random bytes: recognisable in logs and secret scanners, unguessable. */
export const TOKEN_PREFIX = "tw_";

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What the UI shows to tell tokens apart; not enough to guess the rest. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}
