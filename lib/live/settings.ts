/** Live update settings, read at call time; invalid values fail loudly (checked at start by serve). */

function positive(env: Record<string, string | undefined>, name: string, fallback: number, unit: string): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of ${unit}, got "${raw}"`);
  return value;
}

/** A comment line this often keeps proxies from closing an idle stream (TRACEWELL_LIVE_HEARTBEAT_S, default 15). */
export function heartbeatMs(env: Record<string, string | undefined> = process.env): number {
  return positive(env, "TRACEWELL_LIVE_HEARTBEAT_S", 15, "seconds") * 1000;
}

/**
 * How far back a reconnecting client may resume (TRACEWELL_LIVE_REPLAY_HOURS, default 24): its
 * first missed change must be younger, else it is told to reload (`event: reset`). The changes
 * themselves are the audit log's and are never deleted; this only bounds what one reconnect reads.
 */
export function replayWindowMs(env: Record<string, string | undefined> = process.env): number {
  return positive(env, "TRACEWELL_LIVE_REPLAY_HOURS", 24, "hours") * 3_600_000;
}
