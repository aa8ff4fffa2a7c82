import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Prisma } from "@/lib/db/client";
import { resolveLabel } from "@/lib/labels/resolve-label";
import { ANNOTATION_INCLUDE, annotationSnapshot, type AnnotationRow } from "./annotation-row";
import { loadDocumentText, lockDocument } from "./document-text";
import { quoteSpan } from "./quote-span";
import { ZCreateAnnotation } from "./schemas";
import { validateAttributes } from "./validate-attributes";

/**
 * Annotates `[start, end)` (code points) of a document: the span and its quote are checked
 * against the canonical text, the label must be one of the document's project, and attributes
 * must fit the label's kind. Authorization is the caller's (annotation.create).
 */
export async function createAnnotation({
  actorId,
  documentId,
  input,
}: {
  actorId: string;
  documentId: string;
  input: unknown;
}): Promise<AnnotationRow> {
  const body = ZCreateAnnotation.parse(input);
  // Read before the transaction: the text is immutable, and the audit chain lock is held briefly.
  const { projectId, text } = await loadDocumentText({ documentId });
  const span = quoteSpan({ text, start: body.start, end: body.end, exact: body.exact });
  return auditedTransaction(async (tx, audit) => {
    await lockDocument(tx, documentId);
    const label = await resolveLabel(tx, { projectId, ref: body.label });
    const attributes = await validateAttributes(tx, {
      kind: label.kind,
      documentId,
      attributes: body.attributes ?? {},
      exact: span.exact,
      fill: true,
    });
    const created = await tx.annotation.create({
      data: { documentId, labelId: label.id, authorId: actorId, ...span, attributes: attributes as Prisma.InputJsonObject },
      include: ANNOTATION_INCLUDE,
    });
    await audit({
      action: "annotation.created",
      subjectType: "annotation",
      subjectId: created.id,
      projectId,
      actorId,
      data: annotationSnapshot(created),
    });
    return created;
  });
}
