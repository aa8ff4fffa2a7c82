import { db } from "@/lib/db/client";
import { countAttempt } from "./rate-limit";

/**
 * Failed sign-in throttling, kept in PostgreSQL so every app instance sees the same counts.
 *
 * Two keys per attempt, never one per account alone: a per-account lock would let anyone lock
 * anyone out from anywhere, just by knowing their email.
 * - account + address: 5 failures within 15 minutes, then a lock of 1 minute, doubling with each
 *   further failure up to 15 minutes. The owner, signing in from another address, is unaffected.
 * - address: 30 failures within 15 minutes (an office behind one NAT survives its typos), then
 *   10 seconds doubling up to 15 minutes: one address sweeping many accounts is stopped.
 */
interface Rule {
  free: number;
  baseLockMs: number;
}
const RULES: Record<"account" | "address", Rule> = {
  account: { free: 5, baseLockMs: 60_000 },
  address: { free: 30, baseLockMs: 10_000 },
};
const WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 15 * 60_000;

/** The keys an attempt counts against: (account, address) first, then the address. */
export function throttleKeys(email: string, ip: string | null): string[] {
  const address = ip || "unknown";
  return [`account:${email.trim().toLowerCase()}|${address}`, `ip:${address}`];
}

function ruleFor(key: string): Rule {
  return key.startsWith("ip:") ? RULES.address : RULES.account;
}

/** Seconds until the caller may try again, or 0. */
export async function lockedFor(keys: string[], now = new Date()): Promise<number> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys } } });
  const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts one failure per key, and locks a key whose allowance is used up. */
export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const { attempts } = await countAttempt(key, WINDOW_MS, now);
    const rule = ruleFor(key);
    // The failure that uses up the allowance locks at once: five failures, then no sixth try
    // until the lock has passed; each failure after that doubles the wait.
    const over = attempts - rule.free + 1;
    if (over <= 0) continue;
    const lockedUntil = new Date(now.getTime() + Math.min(MAX_LOCK_MS, rule.baseLockMs * 2 ** Math.min(over - 1, 20)));
    await db().$executeRaw`
      UPDATE "SignInThrottle" SET "lockedUntil" = GREATEST(COALESCE("lockedUntil", ${lockedUntil}), ${lockedUntil})
      WHERE "key" = ${key}`;
  }
}

/** After a correct password: forget that (account, address)'s failures, never the address's. */
export async function clearFailures(keys: string[]): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key: { in: keys.filter((key) => !key.startsWith("ip:")) } } });
}
