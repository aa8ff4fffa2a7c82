import { db } from "@/lib/db/client";
import { readAnnotationSet, type AnnotationSet } from "./annotation-set";
import type { DocumentState } from "./states";

interface UserRef {
  id: string;
  name: string;
  email: string;
}

export interface SignOffView {
  id: string;
  signer: UserRef;
  at: string;
  accepted: number;
  rejected: number;
  annotationSetHash: string;
  /** Set once any annotation changed after it: the document was reopened. */
  superseded: { at: string; by: UserRef; annotationId: string; version: number; op: string } | null;
}

export interface TransitionView {
  from: DocumentState;
  to: DocumentState;
  at: string;
  actor: UserRef;
  comment: string | null;
  signOffId: string | null;
  cause: { annotationId: string; version: number; op: string } | null;
}

export interface Workflow {
  documentId: string;
  state: DocumentState;
  stateSince: string | null;
  assignees: { annotators: UserRef[]; reviewer: UserRef | null };
  /** The newest sign-off, current or superseded (null: never signed). */
  signOff: SignOffView | null;
  signOffs: SignOffView[];
  /** Every transition, oldest first. */
  history: TransitionView[];
  annotationSet: AnnotationSet;
}

const USER = { select: { id: true, name: true, email: true } } as const;

/** GET /api/v1/documents/{id}/workflow. Authorization: the caller's gateDocument(document.read). */
export async function getWorkflow({ documentId }: { documentId: string }): Promise<Workflow> {
  const [row, annotationSet] = await Promise.all([
    db().documentWorkflow.findUnique({
      where: { documentId },
      include: {
        reviewer: USER,
        annotators: { include: { user: USER }, orderBy: { createdAt: "asc" } },
        signOffs: { include: { signer: USER, supersededOf: USER }, orderBy: { at: "asc" } },
        transitions: { include: { actor: USER }, orderBy: { at: "asc" } },
      },
    }),
    readAnnotationSet(documentId),
  ]);
  const signOffs: SignOffView[] = (row?.signOffs ?? []).map((s) => ({
    id: s.id,
    signer: s.signer,
    at: s.at.toISOString(),
    accepted: s.accepted,
    rejected: s.rejected,
    annotationSetHash: s.annotationSetHash,
    superseded:
      s.supersededAt && s.supersededOf
        ? { at: s.supersededAt.toISOString(), by: s.supersededOf, ...(s.supersededBy as { annotationId: string; version: number; op: string }) }
        : null,
  }));
  return {
    documentId,
    state: row?.state ?? "not_started",
    stateSince: row?.stateSince.toISOString() ?? null,
    assignees: { annotators: (row?.annotators ?? []).map((a) => a.user), reviewer: row?.reviewer ?? null },
    signOff: signOffs.at(-1) ?? null,
    signOffs,
    history: (row?.transitions ?? []).map((t) => ({
      from: t.from,
      to: t.to,
      at: t.at.toISOString(),
      actor: t.actor,
      comment: t.comment,
      signOffId: t.signOffId,
      cause: (t.cause as TransitionView["cause"]) ?? null,
    })),
    annotationSet,
  };
}
