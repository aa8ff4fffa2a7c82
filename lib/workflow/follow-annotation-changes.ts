import { randomUUID } from "node:crypto";
import type { AnnotationChange, WriteScope } from "@/lib/annotations/annotation-changes";
import type { Audit } from "@/lib/audit/audited-transaction";
import { Prisma, type Tx } from "@/lib/db/client";
import type { DocumentState } from "./states";

/**
 * The workflow's half of the one write path: called by writeAnnotations inside the transaction,
 * after the annotation rows changed and just before commit. A document's first annotation starts
 * it (not_started → in_progress); any change in a signed-off document reopens it (signed_off →
 * in_progress) and marks the sign-off superseded with what changed, who and when.
 *
 * It always locks the touched documents' workflow rows, also when nothing moves: a sign-off locks
 * the same row FOR UPDATE before it reads the annotations. Whichever commits first, the other sees
 * it — a sign-off waiting here then reads this change (its hash no longer matches), and a writer
 * waiting for a sign-off then finds `signed_off` and reopens. No change slips under a signature.
 * Writers of a document that stays where it is (the common case) take the row FOR SHARE, so they
 * do not queue behind each other; only a move (start, reopen) takes it FOR UPDATE. Annotation rows
 * are always locked before the workflow row.
 */
export async function followAnnotationChanges({ tx, audit, projectId, actorId, changes }: WriteScope): Promise<void> {
  const causes = new Map<string, AnnotationChange>();
  for (const change of changes) if (!causes.has(change.documentId)) causes.set(change.documentId, change);
  const ids = [...causes.keys()].sort();
  // Unlocked first, to choose the lock: only a document that will move needs the exclusive one.
  const seen = await readStates(tx, ids, "");
  const calm = ids.filter((id) => seen.has(id) && !moves(seen.get(id)!.state));
  const states = await readStates(tx, calm, "FOR SHARE");
  for (const [id, row] of await readStates(tx, ids.filter((id) => !calm.includes(id)), "FOR UPDATE")) states.set(id, row);
  const missing = ids.filter((id) => !states.has(id));
  if (missing.length > 0) {
    // A first annotation: the row is created in progress. Two first writers at once: one inserts, the other locks it.
    const inserted = await tx.$queryRaw<{ documentId: string }[]>`
      INSERT INTO "DocumentWorkflow" ("documentId", "projectId", "state", "stateSince", "updatedAt")
      SELECT id, ${projectId}, 'in_progress', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM unnest(${missing}::text[]) AS id
      ON CONFLICT ("documentId") DO NOTHING
      RETURNING "documentId"`;
    for (const { documentId } of inserted) {
      await transition(tx, audit, { documentId, projectId, actorId, from: "not_started", to: "in_progress", cause: causes.get(documentId)! });
    }
    const raced = missing.filter((id) => !inserted.some((row) => row.documentId === id));
    for (const [id, row] of await readStates(tx, raced, "FOR UPDATE")) states.set(id, row);
  }
  for (const [documentId, row] of states) {
    // Under FOR SHARE a sign-off may have committed just before the lock: the UPDATE then upgrades it.
    if (!moves(row.state)) continue;
    const cause = causes.get(documentId)!;
    await tx.$executeRaw`
      UPDATE "DocumentWorkflow" SET "state" = 'in_progress', "stateSince" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC'
       WHERE "documentId" = ${documentId}`;
    if (row.state === "signed_off" && row.signOffId) {
      await tx.signOff.update({
        where: { id: row.signOffId },
        data: { supersededAt: new Date(), supersededById: actorId, supersededBy: causeOf(cause) },
      });
    }
    await transition(tx, audit, { documentId, projectId, actorId, from: row.state, to: "in_progress", cause, signOffId: row.signOffId });
  }
}

interface Locked {
  state: DocumentState;
  signOffId: string | null;
}

const moves = (state: DocumentState) => state === "not_started" || state === "signed_off";

async function readStates(tx: Tx, ids: string[], lock: "" | "FOR SHARE" | "FOR UPDATE"): Promise<Map<string, Locked>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<(Locked & { documentId: string })[]>(
    `SELECT "documentId", "state"::text AS "state", "signOffId" FROM "DocumentWorkflow"
      WHERE "documentId" = ANY($1::text[]) ORDER BY "documentId" ${lock}`,
    ids,
  );
  return new Map(rows.map((r) => [r.documentId, { state: r.state, signOffId: r.signOffId }]));
}

const causeOf = (c: AnnotationChange) => ({ annotationId: c.annotationId, version: c.version, op: c.op });

async function transition(
  tx: Tx,
  audit: Audit,
  t: {
    documentId: string;
    projectId: string;
    actorId: string;
    from: DocumentState;
    to: DocumentState;
    cause: AnnotationChange;
    signOffId?: string | null;
  },
): Promise<void> {
  const cause = causeOf(t.cause);
  await tx.workflowTransition.create({
    data: {
      id: randomUUID(),
      documentId: t.documentId,
      from: t.from,
      to: t.to,
      actorId: t.actorId,
      at: new Date(),
      cause: cause as Prisma.InputJsonObject,
      signOffId: t.signOffId ?? null,
    },
  });
  const base = { subjectType: "document" as const, subjectId: t.documentId, projectId: t.projectId, actorId: t.actorId };
  if (t.from === "signed_off" && t.signOffId) {
    await audit({ ...base, action: "document.reopened", data: { from: "signed_off", to: "in_progress", signOffId: t.signOffId, cause } });
  } else {
    await audit({ ...base, action: "document.started", data: { from: t.from, to: t.to, cause } });
  }
}
