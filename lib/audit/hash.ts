import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface HashedFields {
  seq: bigint;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  projectId: string | null;
  data: unknown;
}

/**
 * sha256 over the previous event's hash and this event's canonical JSON: the hash chain audit
 * events formed before the Merkle log (issue 12). Events from then keep prevHash/hash; nothing
 * checks them any more — verify recomputes every event's Merkle leaf instead (lib/audit/verify-log.ts).
 */
export function eventHash(prevHash: string, event: HashedFields): string {
  const body = canonicalJson({
    seq: event.seq.toString(),
    at: event.at.toISOString(),
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    projectId: event.projectId,
    data: event.data,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
