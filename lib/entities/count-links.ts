import { db } from "@/lib/db/client";

/**
 * Live annotations linking to each of a project's entities, in one query: a link to an entity
 * merged into another counts for that one (as in entityMentions), so the keys are entities that
 * were not merged away. Entities without links are absent (read as 0).
 */
export async function countLinksByEntity({ projectId }: { projectId: string }): Promise<Map<string, number>> {
  // Merges are flattened (mergeEntities repoints redirects), so one step of mergedIntoId suffices.
  const rows = await db().$queryRaw<{ entityId: string; n: number }[]>`
    SELECT coalesce(e."mergedIntoId", e."id") AS "entityId", count(*)::int AS n
      FROM "Annotation" a
      JOIN "Document" d ON d."id" = a."documentId" AND d."projectId" = ${projectId}
      JOIN "Entity" e ON e."id" = a."attributes"->>'entityId' AND e."projectId" = ${projectId}
     WHERE a."deletedAt" IS NULL
     GROUP BY 1`;
  return new Map(rows.map((row) => [row.entityId, row.n]));
}
