import { db } from "@/lib/db/client";
import type { Entity as EntityRow } from "@/lib/db/generated/client";
import { presentEntity, type Entity } from "./entity-shape";
import { ZListEntitiesQuery } from "./schemas";

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A project's entities (not the merged-away redirects), by name; `q` finds any part of a name or
 * an alias in any case, names that start with it first (search-as-you-type).
 */
export async function listEntities({ projectId, query }: { projectId: string; query: unknown }): Promise<Entity[]> {
  const { q, type, limit = 100 } = ZListEntitiesQuery.parse(query);
  const needle = q ? `%${literal(q.normalize("NFC"))}%` : null;
  const start = q ? `${literal(q.normalize("NFC"))}%` : null;
  const rows = await db().$queryRaw<EntityRow[]>`
    SELECT e.* FROM "Entity" e
     WHERE e."projectId" = ${projectId} AND e."mergedIntoId" IS NULL
       AND (${type ?? null}::text IS NULL OR e."type"::text = ${type ?? null})
       AND (${needle}::text IS NULL OR e."name" ILIKE ${needle} OR EXISTS (SELECT 1 FROM unnest(e."aliases") a WHERE a ILIKE ${needle}))
     ORDER BY (${start}::text IS NOT NULL AND (e."name" ILIKE ${start} OR EXISTS (SELECT 1 FROM unnest(e."aliases") a WHERE a ILIKE ${start}))) DESC,
              lower(e."name"), e."id"
     LIMIT ${limit}`;
  return rows.map(presentEntity);
}

export async function getEntity({ entityId }: { entityId: string }): Promise<Entity> {
  return presentEntity(await db().entity.findUniqueOrThrow({ where: { id: entityId } }));
}
