import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { STATE_NAMES, type DocumentState } from "./states";

export interface LockedWorkflow {
  documentId: string;
  state: DocumentState;
  reviewerId: string | null;
  signOffId: string | null;
  annotatorIds: string[];
}

/**
 * The document's workflow row, created (not_started) if it has none, and locked FOR UPDATE until
 * commit: transitions and the annotation writer (follow-annotation-changes.ts) take turns on it.
 */
export async function lockWorkflow(tx: Tx, { documentId, projectId }: { documentId: string; projectId: string }): Promise<LockedWorkflow> {
  await tx.$executeRaw`
    INSERT INTO "DocumentWorkflow" ("documentId", "projectId", "state", "stateSince", "updatedAt")
    VALUES (${documentId}, ${projectId}, 'not_started', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT ("documentId") DO NOTHING`;
  const [row] = await tx.$queryRaw<Omit<LockedWorkflow, "annotatorIds">[]>`
    SELECT "documentId", "state"::text AS "state", "reviewerId", "signOffId" FROM "DocumentWorkflow"
     WHERE "documentId" = ${documentId} FOR UPDATE`;
  if (!row) throw new AppError("not_found", "Document not found");
  const annotators = await tx.documentAssignee.findMany({ where: { documentId }, select: { userId: true }, orderBy: { createdAt: "asc" } });
  return { ...row, annotatorIds: annotators.map((a) => a.userId) };
}

/** 409 unless the document is in one of `allowed`, naming where it is and what it needs. */
export function expectState(current: DocumentState, allowed: readonly DocumentState[], doing: string): void {
  if (allowed.includes(current)) return;
  const needs = allowed.map((s) => STATE_NAMES[s].toLowerCase()).join(" or ");
  throw new AppError("conflict", `The document is ${STATE_NAMES[current].toLowerCase()}; ${doing} needs it ${needs}`, { state: current, allowed });
}
