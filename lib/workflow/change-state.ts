import { randomUUID } from "node:crypto";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { DocumentAccess } from "@/lib/auth/gate";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readAnnotationSet } from "./annotation-set";
import { expectState, lockWorkflow, type LockedWorkflow } from "./lock-workflow";
import { ZRequestChanges, ZSignOff, ZSubmit } from "./schemas";
import type { DocumentState } from "./states";

/**
 * The workflow's hand-made transitions (issue 14): submit, request changes, sign off. Each locks
 * the document's workflow row, checks the state (409) and who is assigned (403), moves the state,
 * keeps a transition row and records the audit event in the same transaction. The roles are the
 * route's gate (document.submit, document.signoff); assignment narrows them here.
 */

interface Caller {
  actorId: string;
  access: DocumentAccess;
  input: unknown;
}

/** An annotator (or reviewer/owner) hands the document to review. */
export async function submitDocument({ actorId, access, input }: Caller) {
  const { comment } = ZSubmit.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const wf = await lockWorkflow(tx, access);
    expectState(wf.state, ["not_started", "in_progress", "changes_requested"], "submitting");
    if (access.role !== "owner" && wf.annotatorIds.length > 0 && !wf.annotatorIds.includes(actorId)) {
      throw new AppError("forbidden", "This document is assigned to other annotators; only they or an owner may submit it");
    }
    await move(tx, wf, { to: "in_review", actorId, comment: comment?.trim() || null });
    await audit({ ...subject(access, actorId), action: "document.submitted", data: { from: wf.state, to: "in_review" } });
  });
}

/** A reviewer sends it back with a comment. */
export async function requestChanges({ actorId, access, input }: Caller) {
  const comment = ZRequestChanges.parse(input).comment?.trim() ?? "";
  if (!comment) throw new AppError("invalid_input", "comment is required: say what needs to change");
  return auditedTransaction(async (tx, audit) => {
    const wf = await lockWorkflow(tx, access);
    expectState(wf.state, ["in_review"], "requesting changes");
    assertReviewer(wf, access, actorId);
    await move(tx, wf, { to: "changes_requested", actorId, comment });
    await audit({ ...subject(access, actorId), action: "document.changes_requested", data: { from: wf.state, to: "changes_requested", comment } });
  });
}

/**
 * Seals the document's annotation set: refused while any annotation is pending (naming how many)
 * and when the hash the signer was shown is not the current one (someone changed something).
 */
export async function signOffDocument({ actorId, access, input }: Caller) {
  const { annotationSetHash } = ZSignOff.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const wf = await lockWorkflow(tx, access);
    expectState(wf.state, ["in_review"], "signing off");
    assertReviewer(wf, access, actorId);
    // Read after the lock: a writer that locked first has committed, one that comes later waits and reopens.
    const set = await readAnnotationSet(access.documentId, tx);
    if (set.pending > 0) {
      throw new AppError(
        "conflict",
        `${set.pending} annotation${set.pending === 1 ? " is" : "s are"} still pending; accept or reject ${set.pending === 1 ? "it" : "them"} before signing off`,
        { pending: set.pending },
      );
    }
    if (set.hash !== annotationSetHash) {
      throw new AppError("conflict", "The annotations changed since you looked (the annotation set hash differs); review the changes and sign again", {
        annotationSetHash: set.hash,
      });
    }
    const id = randomUUID();
    const at = new Date();
    await tx.signOff.create({
      data: { id, documentId: access.documentId, signerId: actorId, at, accepted: set.accepted, rejected: set.rejected, annotationSetHash },
    });
    await move(tx, wf, { to: "signed_off", actorId, signOffId: id, at });
    await audit({
      ...subject(access, actorId),
      action: "document.signed_off",
      data: { from: wf.state, to: "signed_off", signOffId: id, annotationSetHash, accepted: set.accepted, rejected: set.rejected },
    });
    return { id, at: at.toISOString(), accepted: set.accepted, rejected: set.rejected, annotationSetHash };
  });
}

function assertReviewer(wf: LockedWorkflow, access: DocumentAccess, actorId: string): void {
  if (access.role !== "owner" && wf.reviewerId && wf.reviewerId !== actorId) {
    throw new AppError("forbidden", "Another reviewer is assigned to this document; only they or an owner may decide it");
  }
}

const subject = (access: DocumentAccess, actorId: string) => ({
  subjectType: "document" as const,
  subjectId: access.documentId,
  projectId: access.projectId,
  actorId,
});

async function move(
  tx: Tx,
  wf: LockedWorkflow,
  t: { to: DocumentState; actorId: string; comment?: string | null; signOffId?: string; at?: Date },
): Promise<void> {
  const at = t.at ?? new Date();
  await tx.documentWorkflow.update({
    where: { documentId: wf.documentId },
    data: { state: t.to, stateSince: at, ...(t.signOffId ? { signOffId: t.signOffId } : {}) },
  });
  await tx.workflowTransition.create({
    data: { id: randomUUID(), documentId: wf.documentId, from: wf.state, to: t.to, actorId: t.actorId, at, comment: t.comment ?? null, signOffId: t.signOffId ?? null },
  });
}
