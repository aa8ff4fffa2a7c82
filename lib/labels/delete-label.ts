import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import { resolveLabel } from "./resolve-label";
import { ZDeleteLabelQuery } from "./schemas";
import { lockLabel } from "./update-label";

/**
 * Deletes a label. One in use is refused (409 with the count) unless `reassignTo` names another
 * label of the same project and kind: its annotations move there first, each move a version bump
 * and an annotation.updated event of its own (so every annotation's history stays complete), and
 * label.deleted records the count. Authorization is the caller's (label.manage, owners).
 */
export async function deleteLabel({ actorId, labelId, query = {} }: { actorId: string; labelId: string; query?: unknown }) {
  const { reassignTo } = ZDeleteLabelQuery.parse(query);
  return auditedTransaction(async (tx, audit) => {
    const label = await lockLabel(tx, labelId);
    const target = reassignTo ? await resolveLabel(tx, { projectId: label.projectId, ref: reassignTo, field: "reassignTo" }) : null;
    if (target && target.id === label.id) throw new AppError("invalid_input", "reassignTo names the label being deleted; choose another label");
    if (target && target.kind !== label.kind) {
      throw new AppError(
        "invalid_input",
        `reassignTo must be a ${label.kind} label like ${JSON.stringify(label.name)}; ${JSON.stringify(target.name)} is a ${target.kind} label`,
        { field: "reassignTo" },
      );
    }
    const annotationCount = await tx.annotation.count({ where: { labelId } });
    if (annotationCount > 0 && !target) {
      throw new AppError(
        "conflict",
        `The label ${JSON.stringify(label.name)} is used by ${annotationCount} annotation(s); a label in use cannot be deleted silently. ` +
          `Pass reassignTo=<id of another ${label.kind} label> to move them first, or delete them.`,
        { annotationCount },
      );
    }
    const moved = target
      ? await tx.$queryRaw<{ id: string; documentId: string; version: number }[]>`
          UPDATE "Annotation" SET "labelId" = ${target.id}, "version" = "version" + 1, "updatedAt" = now() AT TIME ZONE 'UTC'
           WHERE "labelId" = ${labelId} RETURNING "id", "documentId", "version"`
      : [];
    const from = { id: label.id, name: label.name, kind: label.kind };
    const to = target && { id: target.id, name: target.name, kind: target.kind };
    for (const row of moved) {
      await audit({
        action: "annotation.updated",
        subjectType: "annotation",
        subjectId: row.id,
        projectId: label.projectId,
        actorId,
        data: { documentId: row.documentId, version: row.version, changes: { label: { from, to: to! } }, cause: { action: "label.deleted", labelId } },
      });
    }
    await tx.label.delete({ where: { id: labelId } });
    await audit({
      action: "label.deleted",
      subjectType: "label",
      subjectId: labelId,
      projectId: label.projectId,
      actorId,
      data: {
        name: label.name,
        kind: label.kind,
        color: label.color,
        hotkey: label.hotkey,
        description: label.description,
        movedAnnotations: moved.length,
        reassignedTo: target && { id: target.id, name: target.name },
      },
    });
    return { movedAnnotations: moved.length };
  });
}
