import { maxJsonBytes } from "@/lib/api/read-body";
import { sessionIdleMs, sessionMaxAgeMs, signupOpen } from "@/lib/auth/settings";
import { port } from "@/lib/config";
import { maxUploadBytes } from "@/lib/api/uploads";
import { maxImportBytes } from "@/lib/import/import-limits";
import { ingestLimits, positiveInteger } from "@/lib/ingest/limits";
import { heartbeatMs, replayWindowMs } from "@/lib/live/settings";

/**
 * Reads every setting once at start, so that a mistyped value stops `serve` with a message naming
 * the variable, instead of failing the first request that happens to need it. The readers are the
 * ones the requests use; this only calls them early.
 */
export function checkSettings(env: Record<string, string | undefined> = process.env): void {
  port();
  ingestLimits({}, env);
  positiveInteger(env, "TRACEWELL_EXTRACT_WORKERS", 1);
  maxJsonBytes(env);
  maxUploadBytes(env);
  maxImportBytes(env);
  sessionMaxAgeMs();
  sessionIdleMs();
  signupOpen();
  heartbeatMs(env);
  replayWindowMs(env);
}
