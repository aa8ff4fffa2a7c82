import type { Audit } from "@/lib/audit/audited-transaction";
import type { Tx } from "@/lib/db/client";

/**
 * The "changed" hook of the one write path: write-annotations.ts calls emit() after each commit,
 * never inside the transaction, and live updates subscribe here.
 */

export type AnnotationOp = "created" | "updated" | "deleted" | "restored";

/** What listeners hear after commit: enough to refetch, never the row itself. */
export interface AnnotationChange {
  op: AnnotationOp;
  annotationId: string;
  documentId: string;
  projectId: string;
  version: number;
  actorId: string;
}

/** What one write of annotations runs with: its transaction and audit, whose change, and the changes so far. */
export interface WriteScope {
  tx: Tx;
  audit: Audit;
  projectId: string;
  actorId: string;
  changes: AnnotationChange[];
}

type Listener = (changes: AnnotationChange[]) => void;
const listeners = new Set<Listener>();

/** Subscribes to committed annotation changes (live updates); returns the unsubscribe function. */
export function onAnnotationsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Called by write-annotations.ts only, after its transaction has committed. */
export function emit(changes: AnnotationChange[]): void {
  if (changes.length === 0) return;
  for (const listener of listeners) {
    // A listener's failure must not turn a committed write into an error response.
    try {
      listener(changes);
    } catch (err) {
      console.error("annotation change listener failed", err);
    }
  }
}
