import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { assertLabelFree } from "./label-conflicts";
import { ZCreateLabel } from "./schemas";

/** Adds a label to a project. Authorization is the caller's (label.manage, owners). */
export async function createLabel({ actorId, projectId, input }: { actorId: string; projectId: string; input: unknown }) {
  const { name, kind, color, hotkey = null, description = "" } = ZCreateLabel.parse(input);
  try {
    return await auditedTransaction(async (tx, audit) => {
      await assertLabelFree(tx, { projectId, name, hotkey });
      const label = await tx.label.create({ data: { projectId, name, kind, color, hotkey, description } });
      await audit({
        action: "label.created",
        subjectType: "label",
        subjectId: label.id,
        projectId,
        actorId,
        data: { name, kind, color, hotkey, description },
      });
      return { ...label, annotationCount: 0 };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "A label with this name or hotkey already exists in this project");
    throw err;
  }
}
