/**
 * Security settings read from the environment at call time (tests and `tracewell serve` set them
 * per process). Invalid values fail loudly rather than silently weakening a limit.
 */

function hours(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of hours, got "${raw}"`);
  return value;
}

/** A session ends this long after sign-in, however active (TRACEWELL_SESSION_MAX_AGE_H, default 7 days). */
export function sessionMaxAgeMs(): number {
  return hours("TRACEWELL_SESSION_MAX_AGE_H", 168) * 3_600_000;
}

/** A session ends after this long without a request (TRACEWELL_SESSION_IDLE_H, default 24 h). */
export function sessionIdleMs(): number {
  return hours("TRACEWELL_SESSION_IDLE_H", 24) * 3_600_000;
}

/** X-Forwarded-For/-Host are believed only behind a proxy that sets them (TRACEWELL_TRUST_PROXY=1). */
export function trustProxy(): boolean {
  return process.env.TRACEWELL_TRUST_PROXY === "1";
}

/** Whether anyone may create an account (TRACEWELL_SIGNUP=open|closed, default open). */
export function signupOpen(): boolean {
  // Empty counts as unset, like every other setting (compose files pass `VAR=` through).
  const raw = process.env.TRACEWELL_SIGNUP || "open";
  if (raw !== "open" && raw !== "closed") throw new Error(`TRACEWELL_SIGNUP must be "open" or "closed", got "${raw}"`);
  return raw === "open";
}
