import { purgeTombstones, writeAnnotations } from "@/lib/annotations/write-annotations";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveLabel } from "./resolve-label";
import { ZDeleteLabelQuery } from "./schemas";
import { lockLabel } from "./update-label";

/**
 * Deletes a label. One in use by live annotations is refused (409 with the count) unless `reassignTo` names another
 * label of the same project and kind: its annotations move there first, each move a version bump
 * and an annotation.updated event of its own (so every annotation's history stays complete), and
 * label.deleted records the count. Authorization is the caller's (label.manage, owners).
 */
export async function deleteLabel({ actorId, labelId, query = {} }: { actorId: string; labelId: string; query?: unknown }) {
  const { reassignTo } = ZDeleteLabelQuery.parse(query);
  // The project is known only once the label is read; the writer needs it for events and listeners.
  const found = await db().label.findUnique({ where: { id: labelId }, select: { projectId: true } });
  if (!found) throw new AppError("not_found", "Label not found");
  return writeAnnotations({ projectId: found.projectId, actorId }, async (writer) => {
    const { tx, audit } = writer;
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
    const annotationCount = await tx.annotation.count({ where: { labelId, deletedAt: null } });
    if (annotationCount > 0 && !target) {
      throw new AppError(
        "conflict",
        `The label ${JSON.stringify(label.name)} is used by ${annotationCount} annotation(s); a label in use cannot be deleted silently. ` +
          `Pass reassignTo=<id of another ${label.kind} label> to move them first, or delete them.`,
        { annotationCount },
      );
    }
    const from = { id: label.id, name: label.name, kind: label.kind };
    // Tombstones move with the live ones (still restorable); with no target there are only tombstones, and they go.
    const moved = target ? await writer.relabel(from, { id: target.id, name: target.name, kind: target.kind }, { action: "label.deleted", labelId }) : 0;
    if (!target) await purgeTombstones(tx, { labelId });
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
        movedAnnotations: moved,
        reassignedTo: target && { id: target.id, name: target.name },
      },
    });
    return { movedAnnotations: moved };
  });
}
