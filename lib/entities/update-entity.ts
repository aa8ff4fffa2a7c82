import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { canonicalJson } from "@/lib/audit/hash";
import { AppError } from "@/lib/errors";
import { presentEntity } from "./entity-shape";
import { cleanAliases, ZUpdateEntity } from "./schemas";

/** Changes an entity; audited with before and after. Authorization is the caller's (entity.update). */
export async function updateEntity({ actorId, projectId, entityId, input }: { actorId: string; projectId: string; entityId: string; input: unknown }) {
  const patch = ZUpdateEntity.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Entity" WHERE "id" = ${entityId} FOR UPDATE`;
    const current = locked ? await tx.entity.findUnique({ where: { id: entityId } }) : null;
    if (!current) throw new AppError("not_found", "Entity not found");
    if (current.mergedIntoId) throw new AppError("conflict", "This entity was merged into another; change that one", { mergedIntoId: current.mergedIntoId });
    const name = patch.name ?? current.name;
    const next = {
      name,
      type: patch.type ?? current.type,
      aliases: cleanAliases(name, patch.aliases ?? current.aliases),
      description: patch.description ?? current.description,
      externalIds: (patch.externalIds ?? current.externalIds) as Record<string, string>,
    };
    const changes: Record<string, { from: never; to: never }> = {};
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      const from = current[key] as unknown;
      if (canonicalJson(from) !== canonicalJson(next[key])) changes[key] = { from: from as never, to: next[key] as never };
    }
    if (Object.keys(changes).length === 0) return presentEntity(current);
    const entity = await tx.entity.update({ where: { id: entityId }, data: next });
    await audit({ action: "entity.updated", subjectType: "entity", subjectId: entityId, projectId, actorId, data: { changes } });
    return presentEntity(entity);
  });
}
