import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * The entity a link names, as stored on an entity annotation (attribute entityId): it must be an
 * entity of the document's project (else 422); one merged into another resolves to that one.
 */
export async function resolveEntityLink(tx: Tx, { documentId, entityId }: { documentId: string; entityId: string }): Promise<string> {
  const [found] = await tx.$queryRaw<{ id: string; mergedIntoId: string | null }[]>`
    SELECT e."id", e."mergedIntoId" FROM "Entity" e JOIN "Document" d ON d."projectId" = e."projectId"
     WHERE e."id" = ${entityId} AND d."id" = ${documentId}`;
  if (!found) throw new AppError("invalid_input", "attributes.entityId: no entity with this id in the document's project", { entityId });
  return found.mergedIntoId ?? found.id;
}

/** The entity and every entity merged into it: the ids whose links count as its mentions. */
export async function linkedIds(entityId: string, tx: Tx = db()): Promise<string[]> {
  const merged = await tx.entity.findMany({ where: { mergedIntoId: entityId }, select: { id: true } });
  return [entityId, ...merged.map((m) => m.id)];
}

/** How many live annotations link to the entity (or to one merged into it). */
export async function countLinks(tx: Tx, entityId: string): Promise<number> {
  const ids = await linkedIds(entityId, tx);
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Annotation" WHERE "deletedAt" IS NULL AND "attributes"->>'entityId' = ANY(${ids}::text[])`;
  return row?.n ?? 0;
}
