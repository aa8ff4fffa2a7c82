import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { can } from "@/lib/auth/policies";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { lockWorkflow } from "./lock-workflow";
import { ZAssignees, ZBulkAssignees } from "./schemas";

/**
 * Sets who annotates and who reviews documents (PUT /documents/{id}/assignees, and the document
 * list's bulk form): annotators must be members who may annotate, the reviewer a member who may
 * review (422 naming them). Each document's change is audited with before and after; documents of
 * another project are not found. Authorization: the caller's gate (document.assign, owners).
 */
export async function assignDocuments({
  actorId,
  projectId,
  documentIds,
  input,
}: {
  actorId: string;
  projectId: string;
  documentIds?: string[];
  input: unknown;
}): Promise<{ documentIds: string[] }> {
  const parsed = documentIds ? { ...ZAssignees.parse(input), documentIds } : ZBulkAssignees.parse(input);
  const annotators = [...new Set(parsed.annotators)];
  const ids = [...new Set(parsed.documentIds)].sort();
  await checkMembers(projectId, annotators, parsed.reviewer);
  const found = await db().document.count({ where: { id: { in: ids }, projectId } });
  if (found !== ids.length) throw new AppError("not_found", ids.length === 1 ? "Document not found" : "Some of the documents were not found in this project");

  await auditedTransaction(async (tx, audit) => {
    for (const documentId of ids) {
      const wf = await lockWorkflow(tx, { documentId, projectId });
      const same = wf.reviewerId === parsed.reviewer && sameSet(wf.annotatorIds, annotators);
      if (same) continue;
      await tx.documentAssignee.deleteMany({ where: { documentId } });
      if (annotators.length > 0) await tx.documentAssignee.createMany({ data: annotators.map((userId) => ({ documentId, userId })) });
      await tx.documentWorkflow.update({ where: { documentId }, data: { reviewerId: parsed.reviewer } });
      await audit({
        action: "document.assigned",
        subjectType: "document",
        subjectId: documentId,
        projectId,
        actorId,
        data: { annotators: { from: wf.annotatorIds, to: annotators }, reviewer: { from: wf.reviewerId, to: parsed.reviewer } },
      });
    }
  });
  return { documentIds: ids };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

async function checkMembers(projectId: string, annotators: string[], reviewer: string | null): Promise<void> {
  const wanted = [...annotators, ...(reviewer ? [reviewer] : [])];
  const members = await db().membership.findMany({ where: { projectId, userId: { in: wanted } }, select: { userId: true, role: true } });
  const roleOf = new Map(members.map((m) => [m.userId, m.role]));
  // Members are named by name; anyone else only by the id sent (a name would tell who exists).
  const names = new Map(
    (await db().user.findMany({ where: { id: { in: members.map((m) => m.userId) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const who = (userId: string) => names.get(userId) ?? userId;
  const bad: string[] = [];
  for (const userId of annotators) {
    const role = roleOf.get(userId);
    if (!role) bad.push(`${userId} is not a member of this project`);
    else if (!can(role, "annotation.create")) bad.push(`${who(userId)} is a ${role} and cannot annotate`);
  }
  if (reviewer) {
    const role = roleOf.get(reviewer);
    if (!role) bad.push(`${reviewer} is not a member of this project`);
    else if (!can(role, "document.signoff")) bad.push(`${who(reviewer)} is a ${role} and cannot review (owners and reviewers can)`);
  }
  if (bad.length > 0) throw new AppError("invalid_input", `Cannot assign: ${bad.join("; ")}`, { problems: bad });
}
