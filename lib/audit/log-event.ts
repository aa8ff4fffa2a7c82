import { canonicalBytes } from "./jcs";
import { leafHash, toHex } from "./merkle";

/** What every audit event carries, in the log and in the database alike. */
interface EventFields {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  projectId: string | null;
  data: unknown;
}

/**
 * The JSON an audit event is in the Merkle log: exactly what the API returns as `event` and what
 * the leaf hashes (RFC 6962 leaf = SHA-256(0x00 ‖ UTF-8(JCS(event))), RFC 8785 canonical form).
 * `id` is the event's insertion number (AuditEvent.seq), not its log position.
 */
export type LogEvent = EventFields & { id: string; at: string };

/** A row as EVENT_COLUMNS selects it (bigint as text, `at` as a UTC timestamptz). */
export type EventRow = EventFields & { seq: string; at: Date };

/**
 * One SELECT list for every reader (sealer, verify, API), so all of them build the same JSON from
 * the same representation. `at` is stored without a time zone and means UTC; converting in SQL
 * keeps node-postgres from reading it in the process's local zone.
 */
export const EVENT_COLUMNS = `e."seq"::text AS "seq", (e."at" AT TIME ZONE 'UTC') AS "at", e."actorId", e."action",
  e."subjectType", e."subjectId", e."projectId", e."data"`;

export function logEvent(row: EventRow): LogEvent {
  return {
    id: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    projectId: row.projectId,
    data: row.data,
  };
}

/** Hex leaf hash of an event. */
export function eventLeafHex(row: EventRow): string {
  return toHex(leafHash(canonicalBytes(logEvent(row))));
}
