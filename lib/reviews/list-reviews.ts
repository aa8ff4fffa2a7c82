import { db } from "@/lib/db/client";

export interface Review {
  id: string;
  annotationId: string;
  version: number;
  decision: "accept" | "reject";
  reason: string | null;
  correctedFrom: Record<string, unknown> | null;
  reviewer: { id: string; name: string };
  at: string;
}

const SELECT = { reviewer: { select: { id: true, name: true } } } as const;

type Row = Awaited<ReturnType<typeof rowsOf>>[number];
const rowsOf = (where: { annotationId?: string; annotationId_in?: string[] }) =>
  db().annotationReview.findMany({
    where: where.annotationId ? { annotationId: where.annotationId } : { annotationId: { in: where.annotationId_in ?? [] } },
    include: SELECT,
    orderBy: [{ at: "asc" }, { version: "asc" }],
  });

function present(row: Row): Review {
  return {
    id: row.id,
    annotationId: row.annotationId,
    version: row.version,
    decision: row.decision,
    reason: row.reason,
    correctedFrom: (row.correctedFrom as Record<string, unknown> | null) ?? null,
    reviewer: row.reviewer,
    at: row.at.toISOString(),
  };
}

/** One annotation's review decisions, oldest first (later changes never remove them). */
export async function listReviews({ annotationId }: { annotationId: string }): Promise<Review[]> {
  return (await rowsOf({ annotationId })).map(present);
}

/** The newest decision of each annotation given (exports, the reader's list). */
export async function lastReviews({ annotationIds }: { annotationIds: string[] }): Promise<Map<string, Review>> {
  const out = new Map<string, Review>();
  for (const row of await rowsOf({ annotationId_in: annotationIds })) out.set(row.annotationId, present(row));
  return out;
}
