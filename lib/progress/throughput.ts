import type { Tx } from "@/lib/db/client";
import { fillDays, throughputDays, type ThroughputKind } from "./day-series";
import type { ThroughputDay } from "./types";

/**
 * Per UTC day since the window's first day: annotations created (live ones, by Annotation.createdAt,
 * so the days add up to what the status chart counts; a deleted annotation leaves the chart, a
 * restored one comes back on its first day), review decisions (every AnnotationReview row) and
 * sign-offs (every SignOff row, a later superseded one included). Timestamps are stored as UTC.
 */
export async function countThroughput(tx: Tx, { projectId, now, since }: { projectId: string; now: Date; since: Date }): Promise<ThroughputDay[]> {
  const days = throughputDays(now, since);
  const from = `${days[0]}T00:00:00Z`;
  const counts = await tx.$queryRaw<{ day: string; kind: ThroughputKind; count: number }[]>`
    WITH bounds AS (SELECT ${from}::timestamptz AT TIME ZONE 'UTC' AS "from")
    SELECT to_char(x."at", 'YYYY-MM-DD') AS "day", x."kind", count(*)::int AS "count"
      FROM (
        SELECT a."createdAt" AS "at", 'created' AS "kind"
          FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId", bounds
         WHERE d."projectId" = ${projectId} AND a."deletedAt" IS NULL AND a."createdAt" >= bounds."from"
        UNION ALL
        SELECT r."at", 'reviewed' FROM "AnnotationReview" r, bounds
         WHERE r."projectId" = ${projectId} AND r."at" >= bounds."from"
        UNION ALL
        SELECT s."at", 'signedOff'
          FROM "SignOff" s JOIN "DocumentWorkflow" w ON w."documentId" = s."documentId", bounds
         WHERE w."projectId" = ${projectId} AND s."at" >= bounds."from"
      ) x
     GROUP BY 1, 2`;
  return fillDays(days, counts);
}
