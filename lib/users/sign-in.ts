import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { clearFailures, lockedFor, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

// Verifying against a real hash when the account does not exist keeps the response time the same,
// so timing does not reveal which emails have accounts.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$dHJhY2V3ZWxsLWR1bW15$0mXg8mLhRcLkKVWZkM3XlQ3sQ8X0sD7bHqQ3o9t1p7E";

/** The 429 for a throttled (account, address) or address; nothing when the attempt may go ahead. */
export async function assertSignInAllowed({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  const wait = await lockedFor(throttleKeys(email, ip));
  if (wait > 0) {
    throw new AppError("too_many_requests", `Too many failed sign-ins. Try again in ${wait} seconds.`, {
      retryAfter: wait,
    });
  }
}

/** Checks email and password, with throttling; returns the user or throws a plain-language AppError. */
export async function signIn({ email, password, ip }: { email: string; password: string; ip: string | null }) {
  const normalized = email.trim().toLowerCase();
  const keys = throttleKeys(normalized, ip);
  await assertSignInAllowed({ email: normalized, ip });
  const user = await db().user.findUnique({ where: { email: normalized } });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !user.passwordHash || !ok) {
    await recordFailure(keys);
    throw new AppError("unauthenticated", "Wrong email or password");
  }
  // Only the (account, address) key: a valid sign-in must not reset the counter of the whole address.
  await clearFailures(keys);
  return user;
}
