/**
 * After a commit, tell the sealer that an event is waiting, so live updates (which follow the
 * sealed log) do not wait for its next idle tick. The server registers its sealer here; elsewhere
 * (the CLI, tests) there is none and nudging does nothing. Through globalThis because the Next.js
 * bundle and the server's own modules are separate copies of this file in one process.
 */

/** The channel sealers LISTEN on for nudges from other instances. */
export const SEAL_CHANNEL = "tracewell_seal";
/** The channel the sealer NOTIFYs (after commit) with the new tree size: live hubs LISTEN here. */
export const SEALED_CHANNEL = "tracewell_live";

const HOOK = Symbol.for("tracewell.sealer.nudge");
type Holder = { [HOOK]?: () => void };

export function registerSealerNudge(nudge: (() => void) | null): void {
  (globalThis as Holder)[HOOK] = nudge ?? undefined;
}

/** Called after commit only (never inside a transaction): cheap, never throws. */
export function nudgeSealer(): void {
  try {
    (globalThis as Holder)[HOOK]?.();
  } catch (err) {
    console.error("audit sealer nudge failed", err);
  }
}
