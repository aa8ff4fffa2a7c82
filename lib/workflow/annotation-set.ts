import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { annotationSetHash } from "@/lib/reviews/annotation-set-hash";

export interface AnnotationSet {
  /** What a sign-off signs (lib/reviews/annotation-set-hash.ts). */
  hash: string;
  total: number;
  pending: number;
  accepted: number;
  rejected: number;
}

/** The document's live annotations (tombstones excluded) as a sign-off sees them. */
export async function readAnnotationSet(documentId: string, tx: Tx = db()): Promise<AnnotationSet> {
  const rows = await tx.annotation.findMany({
    where: { documentId, deletedAt: null },
    select: { id: true, version: true, status: true },
  });
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return { hash: annotationSetHash(rows), total: rows.length, pending: count("pending"), accepted: count("accepted"), rejected: count("rejected") };
}
