import { db } from "@/lib/db/client";

/**
 * Failed sign-in throttling, kept in PostgreSQL so every app instance sees the same counts.
 * Five failures for an account (twenty for an address, which may be a whole office behind NAT)
 * within 15 minutes lock that key for a minute, doubling with each further failure up to 15 minutes. Keys are per account and per client address, so one attacker cannot lock a
 * victim out from everywhere and one address cannot sweep many accounts unchecked.
 */
const FREE_FAILURES = { email: 5, ip: 20 } as const;
const WINDOW_MS = 15 * 60_000;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 15 * 60_000;

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${email.toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

/** Seconds until the caller may try again, or 0. */
export async function lockedFor(keys: string[], now = new Date()): Promise<number> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys } } });
  const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failure per key in a single statement, so parallel wrong guesses are all counted
 * (a read-then-write would lose some). Timestamps are UTC like everything Prisma writes.
 */
export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const key of keys) {
    const [row] = await db().$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "firstFailureAt")
      VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."firstFailureAt" > ${windowStart}
                          THEN "SignInThrottle"."failures" + 1 ELSE 1 END,
        "firstFailureAt" = CASE WHEN "SignInThrottle"."firstFailureAt" > ${windowStart}
                                THEN "SignInThrottle"."firstFailureAt" ELSE ${now} END
      RETURNING "failures"`;
    // The failure that reaches the allowance locks at once: five failures, then no sixth try.
    const over = row!.failures - FREE_FAILURES[key.startsWith("ip:") ? "ip" : "email"] + 1;
    if (over <= 0) continue;
    const lockedUntil = new Date(now.getTime() + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (over - 1)));
    await db().$executeRaw`
      UPDATE "SignInThrottle" SET "lockedUntil" = GREATEST(COALESCE("lockedUntil", ${lockedUntil}), ${lockedUntil})
      WHERE "key" = ${key}`;
  }
}

export async function clearFailures(keys: string[]): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
