import { db } from "@/lib/db/client";
import type { DocumentState } from "./states";

export interface QueueItem {
  document: { id: string; title: string; projectId: string; projectName: string };
  state: DocumentState;
  stateSince: string;
  /** How the caller is assigned. */
  as: ("annotator" | "reviewer")[];
  /** The caller's move: annotate or fix (annotator), review or sign off (reviewer). */
  yourTurn: boolean;
}

const ANNOTATOR_TURN: DocumentState[] = ["not_started", "in_progress", "changes_requested"];

/**
 * GET /api/v1/me/queue: the documents assigned to the caller, in projects they are still a member
 * of, the ones waiting for them first, then by state and oldest state first.
 */
export async function myQueue({ userId }: { userId: string }): Promise<{ documents: QueueItem[]; byState: Record<DocumentState, number> }> {
  const rows = await db().documentWorkflow.findMany({
    where: {
      OR: [{ reviewerId: userId }, { annotators: { some: { userId } } }],
      document: { project: { memberships: { some: { userId } } } },
    },
    include: { document: { select: { id: true, title: true, projectId: true, project: { select: { name: true } } } }, annotators: { where: { userId } } },
  });
  const documents: QueueItem[] = rows.map((row) => {
    const as: QueueItem["as"] = [];
    if (row.annotators.length > 0) as.push("annotator");
    if (row.reviewerId === userId) as.push("reviewer");
    const yourTurn = (as.includes("annotator") && ANNOTATOR_TURN.includes(row.state)) || (as.includes("reviewer") && row.state === "in_review");
    return {
      document: { id: row.document.id, title: row.document.title, projectId: row.document.projectId, projectName: row.document.project.name },
      state: row.state,
      stateSince: row.stateSince.toISOString(),
      as,
      yourTurn,
    };
  });
  const order = ["in_review", "changes_requested", "in_progress", "not_started", "signed_off"];
  documents.sort(
    (a, b) => Number(b.yourTurn) - Number(a.yourTurn) || order.indexOf(a.state) - order.indexOf(b.state) || a.stateSince.localeCompare(b.stateSince),
  );
  const byState = { not_started: 0, in_progress: 0, in_review: 0, changes_requested: 0, signed_off: 0 };
  for (const d of documents) byState[d.state]++;
  return { documents, byState };
}
