import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Tx } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { assertLabelFree } from "./label-conflicts";
import { ZUpdateLabel } from "./schemas";

/** Locks a label row until the transaction ends; annotation writes hold it FOR SHARE meanwhile. */
export async function lockLabel(tx: Tx, labelId: string) {
  const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Label" WHERE "id" = ${labelId} FOR UPDATE`;
  const label = locked.length ? await tx.label.findUnique({ where: { id: labelId } }) : null;
  if (!label) throw new AppError("not_found", "Label not found");
  return label;
}

/**
 * Renames, recolours, re-keys or re-describes a label. Its kind can change only while no
 * annotation uses it: their attributes were validated for the old kind. Authorization is the
 * caller's (label.manage, owners).
 */
export async function updateLabel({ actorId, labelId, input }: { actorId: string; labelId: string; input: unknown }) {
  const patch = ZUpdateLabel.parse(input);
  try {
    return await auditedTransaction(async (tx, audit) => {
      const current = await lockLabel(tx, labelId);
      // Live annotations only: a tombstone's attributes are checked again if it is ever restored.
      const annotationCount = await tx.annotation.count({ where: { labelId, deletedAt: null } });
      const changes: Record<string, { from: string | null; to: string | null }> = {};
      for (const key of ["name", "kind", "color", "hotkey", "description"] as const) {
        const to = patch[key];
        if (to !== undefined && to !== current[key]) changes[key] = { from: current[key], to };
      }
      if (changes.kind && annotationCount > 0) {
        throw new AppError(
          "conflict",
          `The label ${JSON.stringify(current.name)} is used by ${annotationCount} annotation(s), whose attributes fit a ${current.kind} label; ` +
            `its kind cannot change while it is in use. Create a ${patch.kind} label instead and re-label the annotations.`,
          { annotationCount },
        );
      }
      await assertLabelFree(tx, {
        projectId: current.projectId,
        name: changes.name ? patch.name : undefined,
        hotkey: changes.hotkey ? patch.hotkey : undefined,
        exceptId: labelId,
      });
      if (Object.keys(changes).length === 0) return { ...current, annotationCount };
      const label = await tx.label.update({
        where: { id: labelId },
        data: Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.to])),
      });
      await audit({ action: "label.updated", subjectType: "label", subjectId: labelId, projectId: current.projectId, actorId, data: { changes } });
      return { ...label, annotationCount };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "A label with this name or hotkey already exists in this project");
    throw err;
  }
}
