import { takeAttempt } from "@/lib/auth/rate-limit";
import { signupOpen } from "@/lib/auth/settings";
import { AppError } from "@/lib/errors";
import { createUser } from "./create-user";
import { ZSignUp } from "./schemas";

/** Sign-ups per client address per hour: enough for a team joining from one office. */
export const SIGNUPS_PER_HOUR = 10;

/**
 * Self-service account creation: refused when TRACEWELL_SIGNUP=closed (accounts then come from
 * `tracewell user create`), and limited per address so one client cannot mint accounts in bulk
 * or probe which emails exist through the duplicate answer.
 */
export async function signUp({ input, ip }: { input: unknown; ip: string | null }) {
  if (!signupOpen()) throw new AppError("forbidden", "Sign-up is closed on this instance. Ask an administrator for an account.");
  await takeAttempt({ key: `signup:${ip || "unknown"}`, limit: SIGNUPS_PER_HOUR, windowMs: 3_600_000, what: "sign-ups" });
  const { email, password, name } = ZSignUp.parse(input);
  return createUser({ email, password, name, via: "sign-up" });
}
