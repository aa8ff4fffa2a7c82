import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Counts one attempt against `key` in a fixed window that starts at the key's first attempt, in
 * one statement (parallel attempts are all counted; a read-then-write would lose some). Kept in
 * the SignInThrottle table, so every app instance shares the counts.
 */
export async function countAttempt(key: string, windowMs: number, now = new Date()): Promise<{ attempts: number; windowStart: Date }> {
  const windowStart = new Date(now.getTime() - windowMs);
  const [row] = await db().$queryRaw<{ failures: number; firstFailureAt: Date }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "firstFailureAt")
    VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."firstFailureAt" > ${windowStart}
                        THEN "SignInThrottle"."failures" + 1 ELSE 1 END,
      "firstFailureAt" = CASE WHEN "SignInThrottle"."firstFailureAt" > ${windowStart}
                              THEN "SignInThrottle"."firstFailureAt" ELSE ${now} END
    RETURNING "failures", "firstFailureAt"`;
  return { attempts: row!.failures, windowStart: row!.firstFailureAt };
}

/** Refuses with 429 once `limit` attempts were made against `key` in the window. */
export async function takeAttempt({ key, limit, windowMs, what }: { key: string; limit: number; windowMs: number; what: string }): Promise<void> {
  const now = new Date();
  const { attempts, windowStart } = await countAttempt(key, windowMs, now);
  if (attempts <= limit) return;
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  throw new AppError("too_many_requests", `Too many ${what} from your address. Try again in ${retryAfter} seconds.`, { retryAfter });
}
