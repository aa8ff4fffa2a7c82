import { db } from "@/lib/db/client";
import { liveSessions } from "@/lib/auth/sessions";

/**
 * What an open stream was granted at connect, rechecked while it runs: the caller's credential
 * (a session or a token) must still hold, they must still be a member of the project, and a
 * document stream's document must still exist. Batched: one query per kind for all streams.
 */
export interface Grant {
  userId: string;
  via: "session" | "token";
  /** The Session row behind a browser's cookie. */
  sessionId?: string;
  tokenId?: string;
  projectId: string;
  documentId: string | null;
}

export async function stillGranted(grants: Grant[], now = new Date()): Promise<boolean[]> {
  if (grants.length === 0) return [];
  const unique = <T,>(values: (T | undefined | null)[]) => [...new Set(values.filter((v): v is T => v !== undefined && v !== null))];
  const sessionIds = unique(grants.map((g) => g.sessionId));
  const tokenIds = unique(grants.map((g) => g.tokenId));
  const documentIds = unique(grants.map((g) => g.documentId));
  const pairs = unique(grants.map((g) => `${g.projectId}\u0000${g.userId}`)).map((key) => key.split("\u0000") as [string, string]);

  const [sessions, tokens, documents, memberships] = await Promise.all([
    liveSessions(sessionIds, now),
    tokenIds.length
      ? db().apiToken.findMany({ where: { id: { in: tokenIds }, revokedAt: null, expiresAt: { gt: now } }, select: { id: true, userId: true } })
      : [],
    documentIds.length ? db().document.findMany({ where: { id: { in: documentIds } }, select: { id: true, projectId: true } }) : [],
    db().membership.findMany({
      where: { OR: pairs.map(([projectId, userId]) => ({ projectId, userId })) },
      select: { projectId: true, userId: true },
    }),
  ]);
  const tokenUser = new Map(tokens.map((t) => [t.id, t.userId]));
  const documentProject = new Map(documents.map((d) => [d.id, d.projectId]));
  const members = new Set(memberships.map((m) => `${m.projectId}\u0000${m.userId}`));

  return grants.map((grant) => {
    const credential =
      grant.via === "session" ? grant.sessionId !== undefined && sessions.get(grant.sessionId) === grant.userId : grant.tokenId !== undefined && tokenUser.get(grant.tokenId) === grant.userId;
    const member = members.has(`${grant.projectId}\u0000${grant.userId}`);
    const document = grant.documentId === null || documentProject.get(grant.documentId) === grant.projectId;
    return credential && member && document;
  });
}
