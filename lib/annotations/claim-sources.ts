import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Attributes } from "./attributes";

/**
 * A claim's `source.annotationId` must name an annotation of an entity label in the same
 * document. The entity row is locked FOR SHARE so it cannot be deleted or relabelled before the
 * claim commits (deleting it checks for citing claims under FOR UPDATE).
 */
export async function checkClaimSource(tx: Tx, { documentId, attributes }: { documentId: string; attributes: Attributes }): Promise<void> {
  const source = attributes.source as { annotationId?: string } | undefined;
  if (!source?.annotationId) return;
  const [row] = await tx.$queryRaw<{ documentId: string; kind: string; name: string }[]>`
    SELECT a."documentId", l."kind"::text AS "kind", l."name" FROM "Annotation" a JOIN "Label" l ON l."id" = a."labelId"
     WHERE a."id" = ${source.annotationId} AND a."deletedAt" IS NULL FOR SHARE OF a`;
  const field = "attributes.source.annotationId";
  if (!row || row.documentId !== documentId) {
    throw new AppError("invalid_input", `attributes.source: ${source.annotationId} is not an annotation of this document`, { field });
  }
  if (row.kind !== "entity") {
    throw new AppError(
      "invalid_input",
      `attributes.source must be an entity annotation; ${source.annotationId} is labelled ${JSON.stringify(row.name)} (${row.kind})`,
      { field },
    );
  }
}

/** Live claims of the document that name this annotation as their source (tombstones do not hold it). */
export async function countCitingClaims(tx: Tx, { documentId, annotationId }: { documentId: string; annotationId: string }): Promise<number> {
  const [row] = await tx.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM "Annotation"
     WHERE "documentId" = ${documentId} AND "deletedAt" IS NULL AND "attributes" -> 'source' ->> 'annotationId' = ${annotationId}`;
  return row?.count ?? 0;
}

export function citedConflict(count: number): AppError {
  return new AppError(
    "conflict",
    `${count} claim(s) in this document name this entity annotation as their source; change their source first`,
    { citingClaims: count },
  );
}
