import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/db/client";
import { presentEntity } from "./entity-shape";
import { cleanAliases, ZMergeEntities } from "./schemas";

/**
 * Merges `from` into the entity: their names and aliases become its aliases, their external ids
 * fill the keys it lacks, and they stay as redirects (mergedIntoId), so every annotation linking
 * to them now counts as a mention of this one without being changed (a merge reopens nothing).
 * Entities already merged into a `from` entity are pointed here too. Audited. Authorization is
 * the caller's (entity.merge).
 */
export async function mergeEntities({ actorId, projectId, entityId, input }: { actorId: string; projectId: string; entityId: string; input: unknown }) {
  const from = [...new Set(ZMergeEntities.parse(input).from)];
  if (from.includes(entityId)) throw new AppError("invalid_input", "An entity cannot be merged into itself");
  return auditedTransaction(async (tx, audit) => {
    const ids = [entityId, ...from].sort();
    await tx.$queryRaw`SELECT "id" FROM "Entity" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
    const rows = await tx.entity.findMany({ where: { id: { in: ids }, projectId } });
    const target = rows.find((r) => r.id === entityId);
    if (!target) throw new AppError("not_found", "Entity not found");
    if (target.mergedIntoId) throw new AppError("conflict", "This entity was itself merged into another; merge into that one", { mergedIntoId: target.mergedIntoId });
    const sources = from.map((id) => rows.find((r) => r.id === id));
    const missing = from.filter((_, i) => !sources[i]);
    if (missing.length > 0) throw new AppError("invalid_input", `Not entities of this project: ${missing.join(", ")}`, { missing });
    const merged = sources.filter((s) => s!.mergedIntoId).map((s) => s!.id);
    if (merged.length > 0) throw new AppError("conflict", `Already merged into another entity: ${merged.join(", ")}`, { merged });

    const aliases = cleanAliases(target.name, [...target.aliases, ...sources.flatMap((s) => [s!.name, ...s!.aliases])]);
    const aliasesAdded = aliases.filter((a) => !target.aliases.includes(a));
    const externalIds = { ...(target.externalIds as Record<string, string>) };
    const externalIdsAdded: Record<string, string> = {};
    for (const source of sources) {
      for (const [key, value] of Object.entries(source!.externalIds as Record<string, string>)) {
        if (externalIds[key] === undefined) externalIds[key] = externalIdsAdded[key] = value;
      }
    }
    const entity = await tx.entity.update({ where: { id: entityId }, data: { aliases, externalIds: externalIds as Prisma.InputJsonObject } });
    await tx.entity.updateMany({ where: { mergedIntoId: { in: from } }, data: { mergedIntoId: entityId } });
    await tx.entity.updateMany({ where: { id: { in: from } }, data: { mergedIntoId: entityId } });
    await audit({
      action: "entity.merged",
      subjectType: "entity",
      subjectId: entityId,
      projectId,
      actorId,
      data: { from: sources.map((s) => ({ id: s!.id, name: s!.name })), aliasesAdded, externalIdsAdded },
    });
    return presentEntity(entity);
  });
}
