import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { presentEntity } from "./entity-shape";
import { cleanAliases, ZCreateEntity } from "./schemas";

/** Adds an entity to a project. Authorization is the caller's (entity.create). */
export async function createEntity({ actorId, projectId, input }: { actorId: string; projectId: string; input: unknown }) {
  const parsed = ZCreateEntity.parse(input);
  const data = {
    name: parsed.name,
    type: parsed.type ?? "other",
    aliases: cleanAliases(parsed.name, parsed.aliases ?? []),
    description: parsed.description ?? "",
    externalIds: parsed.externalIds ?? {},
  };
  return auditedTransaction(async (tx, audit) => {
    const entity = await tx.entity.create({ data: { projectId, ...data } });
    await audit({ action: "entity.created", subjectType: "entity", subjectId: entity.id, projectId, actorId, data });
    return presentEntity(entity);
  });
}
