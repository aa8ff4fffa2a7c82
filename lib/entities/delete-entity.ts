import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import { countLinks } from "./entity-links";

/**
 * Deletes an entity that nothing links to: refused (409, with the count) while live annotations
 * link to it or to an entity merged into it, and while entities redirect to it. Authorization is
 * the caller's (entity.delete).
 */
export async function deleteEntity({ actorId, projectId, entityId }: { actorId: string; projectId: string; entityId: string }) {
  await auditedTransaction(async (tx, audit) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Entity" WHERE "id" = ${entityId} FOR UPDATE`;
    const entity = locked ? await tx.entity.findUnique({ where: { id: entityId } }) : null;
    if (!entity) throw new AppError("not_found", "Entity not found");
    const links = await countLinks(tx, entityId);
    if (links > 0) throw new AppError("conflict", `${links} annotation${links === 1 ? " links" : "s link"} to this entity; unlink or merge it instead`, { links });
    const redirects = await tx.entity.count({ where: { mergedIntoId: entityId } });
    if (redirects > 0) throw new AppError("conflict", `${redirects} merged entit${redirects === 1 ? "y redirects" : "ies redirect"} here; it cannot be deleted`, { redirects });
    await tx.entity.delete({ where: { id: entityId } });
    await audit({
      action: "entity.deleted",
      subjectType: "entity",
      subjectId: entityId,
      projectId,
      actorId,
      data: { name: entity.name, type: entity.type, aliases: entity.aliases },
    });
  });
}
