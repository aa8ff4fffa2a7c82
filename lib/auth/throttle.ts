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

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    await db().$transaction(async (tx) => {
      const row = await tx.signInThrottle.findUnique({ where: { key } });
      const inWindow = row && now.getTime() - row.firstFailureAt.getTime() < WINDOW_MS;
      const failures = inWindow ? row.failures + 1 : 1;
      const firstFailureAt = inWindow ? row.firstFailureAt : now;
      const over = failures - FREE_FAILURES[key.startsWith("ip:") ? "ip" : "email"];
      const lockedUntil =
        over > 0 ? new Date(now.getTime() + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (over - 1))) : null;
      await tx.signInThrottle.upsert({
        where: { key },
        create: { key, failures, firstFailureAt, lockedUntil },
        update: { failures, firstFailureAt, lockedUntil },
      });
    });
  }
}

export async function clearFailures(keys: string[]): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
