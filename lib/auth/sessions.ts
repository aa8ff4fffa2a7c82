import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { sessionIdleMs, sessionMaxAgeMs } from "./settings";

/**
 * Server-side sessions behind next-auth's JWT cookie. The cookie stays a signed, encrypted JWT,
 * but it only names a Session row, and the row decides: revoked, past its lifetime, or idle for
 * too long means signed out, whatever the cookie says.
 */

/** lastSeenAt is written at most this often: one UPDATE a minute per session, not one a request. */
const TOUCH_EVERY_MS = 60_000;

export async function startSession(userId: string, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db().session.create({ data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + sessionMaxAgeMs()) } });
  return id;
}

type SessionState = { id: string; userId: string; revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date };

/** The one rule: revoked, past its lifetime, or idle too long means ended. */
function holds(session: SessionState | null, now: Date): session is SessionState {
  if (!session || session.revokedAt) return false;
  if (session.expiresAt.getTime() <= now.getTime()) return false;
  return session.lastSeenAt.getTime() + sessionIdleMs() > now.getTime();
}

/** The user of a live session, or null; counts as activity for the idle timeout. */
export async function liveSessionUser(sessionId: unknown, now = new Date()): Promise<string | null> {
  if (typeof sessionId !== "string" || sessionId === "") return null;
  const session = await db().session.findUnique({ where: { id: sessionId } });
  if (!holds(session, now)) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return session.userId;
}

/**
 * Which of these sessions still hold, in one query: for open event streams, rechecked while they
 * run; maps each live one to its user. An open stream is activity, so each live one is touched like a request (once a minute).
 */
export async function liveSessions(sessionIds: string[], now = new Date()): Promise<Map<string, string>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db().session.findMany({ where: { id: { in: sessionIds } } });
  const live = rows.filter((row) => holds(row, now));
  const due = live.filter((row) => now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS).map((row) => row.id);
  if (due.length) await db().session.updateMany({ where: { id: { in: due }, revokedAt: null }, data: { lastSeenAt: now } });
  return new Map(live.map((row) => [row.id, row.userId]));
}

export async function endSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || sessionId === "") return;
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every live session of the user, inside the caller's transaction; returns how many. */
export async function endUserSessions(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return count;
}
