import { z } from "zod";
import { auditedTransaction, type Audit } from "@/lib/audit/audited-transaction";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import type { AnnotationRow } from "@/lib/annotations/annotation-row";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const ZDecideSuggestion = z.strictObject({
  all: z.boolean().optional().describe("every open suggestion of the document with the same alias entity (or every figure) at once"),
});

type Row = NonNullable<Awaited<ReturnType<typeof findSuggestion>>>;

const findSuggestion = (id: string) => db().suggestion.findUnique({ where: { id } });

/** The suggestion, and with `all` its open siblings of the same key in the same document (reading order). */
async function targets(id: string, all: boolean): Promise<Row[]> {
  const one = await findSuggestion(id);
  if (!one) throw new AppError("not_found", "Suggestion not found");
  if (one.status !== "open") throw new AppError("conflict", `This suggestion was already ${one.status}`, { status: one.status, annotationId: one.annotationId });
  if (!all) return [one];
  return db().suggestion.findMany({ where: { documentId: one.documentId, key: one.key, status: "open" }, orderBy: [{ start: "asc" }, { end: "asc" }] });
}

const summary = (s: Row, annotationId: string | null) => ({ id: s.id, start: s.start, end: s.end, exact: s.exact, key: s.key, annotationId });

/**
 * Accepts suggestions: each becomes an annotation through the one write path (quote and entity
 * link checked as for any create), and is marked accepted with its annotation id in the same
 * transaction. With `all`, each is its own transaction, in reading order; one that can no longer
 * be made (its entity deleted meanwhile) stops there with what was done so far kept. Authorization
 * is the caller's (annotation.create).
 */
export async function acceptSuggestions({ actorId, suggestionId, input }: { actorId: string; suggestionId: string; input: unknown }): Promise<AnnotationRow[]> {
  const { all = false } = ZDecideSuggestion.parse(input);
  const made: AnnotationRow[] = [];
  for (const s of await targets(suggestionId, all)) {
    made.push(
      await createAnnotation({
        actorId,
        documentId: s.documentId,
        input: { label: s.labelId, start: s.start, end: s.end, exact: s.exact, attributes: s.attributes },
        within: ({ tx, audit }, created) => mark(tx, audit, actorId, [s], "accepted", created.id),
      }),
    );
  }
  return made;
}

/** Rejects suggestions (remembered: a later run does not propose them again). Authorization as for accepting. */
export async function rejectSuggestions({ actorId, suggestionId, input }: { actorId: string; suggestionId: string; input: unknown }): Promise<number> {
  const { all = false } = ZDecideSuggestion.parse(input);
  const rows = await targets(suggestionId, all);
  await auditedTransaction((tx, audit) => mark(tx, audit, actorId, rows, "rejected", null));
  return rows.length;
}

async function mark(tx: Tx, audit: Audit, actorId: string, rows: Row[], status: "accepted" | "rejected", annotationId: string | null): Promise<void> {
  const { count } = await tx.suggestion.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, status: "open" },
    data: { status, annotationId, decidedById: actorId, decidedAt: new Date() },
  });
  if (count !== rows.length) throw new AppError("conflict", "Someone decided these suggestions at the same moment; reload them");
  const { documentId, projectId } = rows[0]!;
  await audit({
    action: "suggestions.decided",
    subjectType: "document",
    subjectId: documentId,
    projectId,
    actorId,
    data: { decision: status === "accepted" ? "accept" : "reject", suggestions: rows.map((r) => summary(r, annotationId)) },
  });
}
