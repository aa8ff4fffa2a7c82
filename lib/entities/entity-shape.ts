import type { Entity as EntityRow } from "@/lib/db/generated/client";

/** An entity as the API presents it. */
export interface Entity {
  id: string;
  projectId: string;
  name: string;
  type: EntityRow["type"];
  aliases: string[];
  description: string;
  externalIds: Record<string, string>;
  /** Set on an entity merged into another: links to it count for that one. */
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function presentEntity(row: EntityRow): Entity {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    type: row.type,
    aliases: row.aliases,
    description: row.description,
    externalIds: (row.externalIds ?? {}) as Record<string, string>,
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
