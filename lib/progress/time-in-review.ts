import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { REVIEW_DOCUMENTS_SHOWN, type TimeInReview } from "./types";

/**
 * Hours each document spent in review, from its transitions: the sum of (leaving in_review −
 * entering it) over its history equals Σ leave times − Σ enter times, which needs no pairing and
 * so no ordering of transitions made in the same millisecond. A document still in review (entered
 * once more than left) counts up to `now`, and is `open`. Median and p90 are PostgreSQL's
 * percentile_cont (linear interpolation) over every document ever in review.
 */
function spans(projectId: string, now: Date) {
  return Prisma.sql`
    WITH moves AS (
      SELECT t."documentId",
             sum(CASE WHEN t."from" = 'in_review' THEN extract(epoch FROM t."at") ELSE 0 END)
               - sum(CASE WHEN t."to" = 'in_review' THEN extract(epoch FROM t."at") ELSE 0 END) AS "closed",
             count(*) FILTER (WHERE t."to" = 'in_review') - count(*) FILTER (WHERE t."from" = 'in_review') AS "opened"
        FROM "WorkflowTransition" t
        JOIN "DocumentWorkflow" w ON w."documentId" = t."documentId"
       WHERE w."projectId" = ${projectId} AND (t."to" = 'in_review' OR t."from" = 'in_review')
       GROUP BY t."documentId"
    ), spans AS (
      SELECT "documentId", "opened" > 0 AS "open",
             greatest(0, ("closed" + CASE WHEN "opened" > 0 THEN extract(epoch FROM ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') ELSE 0 END) / 3600)::float8 AS "hours"
        FROM moves
    )`;
}

export async function measureTimeInReview(tx: Tx, { projectId, now }: { projectId: string; now: Date }): Promise<TimeInReview> {
  const [stats] = await tx.$queryRaw<{ documents: number; medianHours: number | null; p90Hours: number | null }[]>`
    ${spans(projectId, now)}
    SELECT count(*)::int AS "documents",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "hours") AS "medianHours",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY "hours") AS "p90Hours"
      FROM spans`;
  const byDocument = await tx.$queryRaw<TimeInReview["byDocument"]>`
    ${spans(projectId, now)}
    SELECT s."documentId", d."title", s."hours", s."open"
      FROM spans s JOIN "Document" d ON d."id" = s."documentId"
     ORDER BY s."hours" DESC, s."documentId"
     LIMIT ${REVIEW_DOCUMENTS_SHOWN}`;
  return { documents: stats?.documents ?? 0, medianHours: stats?.medianHours ?? null, p90Hours: stats?.p90Hours ?? null, byDocument };
}
