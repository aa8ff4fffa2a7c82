import { db } from "@/lib/db/client";

/**
 * Id and title of those of `ids` that belong to the project, in the order given (call after the
 * caller may read the project). Unknown ids, or another project's, are left out.
 */
export async function documentChoices({ projectId, ids }: { projectId: string; ids: string[] }): Promise<{ id: string; title: string }[]> {
  if (ids.length === 0) return [];
  const found = await db().document.findMany({ where: { projectId, id: { in: ids } }, select: { id: true, title: true } });
  const byId = new Map(found.map((d) => [d.id, d]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}
