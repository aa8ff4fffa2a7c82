import { canonicalJson } from "@/lib/audit/hash";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveLabel } from "@/lib/labels/resolve-label";
import { ANNOTATION_INCLUDE, type AnnotationRow } from "./annotation-row";
import { loadDocumentText, lockDocument } from "./document-text";
import { quoteSpan } from "./quote-span";
import { ZCreateAnnotation } from "./schemas";
import { validateAttributes } from "./validate-attributes";
import { writeAnnotations, type AnnotationWriter, type NewAnnotation } from "./write-annotations";

/** Serialises creates of one client-chosen id (two-key advisory locks: apart from the audit chain's). */
const CLIENT_ID_LOCK = 7402;

/**
 * Annotates `[start, end)` (code points) of a document: the span and its quote are checked
 * against the canonical text, the label must be one of the document's project, and attributes
 * must fit the label's kind. Authorization is the caller's (annotation.create).
 *
 * With a client-chosen `id`, a retry is safe: if that id already holds the same annotation (same
 * document, label, span and stored attributes, not deleted) it is returned with `created: false`
 * and nothing is written; any other content under the id is a 409.
 */
export async function createAnnotation({
  actorId,
  author,
  documentId,
  input,
  within,
}: {
  actorId: string;
  /** The actor's name and email when the caller has them (the route's principal); else read here. */
  author?: Omit<AnnotationRow["author"], "id">;
  documentId: string;
  input: unknown;
  /** More work in the same transaction, after the annotation is written (accepting a suggestion marks it). */
  within?: (writer: Pick<AnnotationWriter, "tx" | "audit">, created: AnnotationRow) => Promise<void>;
}): Promise<AnnotationRow & { created: boolean }> {
  const body = ZCreateAnnotation.parse(input);
  // Read before the transaction: the text is immutable, and the audit chain lock is held briefly.
  const { projectId, text } = await loadDocumentText({ documentId });
  const span = quoteSpan({ text, start: body.start, end: body.end, exact: body.exact });
  return writeAnnotations({ projectId, actorId }, async (writer) => {
    const { tx } = writer;
    await lockDocument(tx, documentId);
    const label = await resolveLabel(tx, { projectId, ref: body.label });
    const attributes = await validateAttributes(tx, {
      kind: label.kind,
      documentId,
      attributes: body.attributes ?? {},
      exact: span.exact,
      fill: true,
    });
    const row = { id: body.id, documentId, label, ...span, attributes };
    if (body.id) {
      const existing = await existingUnderId(tx, body.id);
      if (existing) return { ...sameOrConflict(existing, row), created: false };
    }
    const who = author ?? (await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true, email: true } }));
    const created = await writer.createOne(row, { id: actorId, name: who.name, email: who.email });
    if (within) await within(writer, created);
    return { ...created, created: true };
  });
}

async function existingUnderId(tx: Tx, id: string): Promise<AnnotationRow | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLIENT_ID_LOCK}::int, hashtext(${id}))`;
  return tx.annotation.findUnique({ where: { id }, include: ANNOTATION_INCLUDE });
}

function sameOrConflict(existing: AnnotationRow, wanted: NewAnnotation): AnnotationRow {
  const fields = (a: { documentId: string; start: number; end: number; exact: string; attributes: unknown }, labelId: string) =>
    canonicalJson({ documentId: a.documentId, labelId, start: a.start, end: a.end, exact: a.exact, attributes: a.attributes ?? {} });
  if (existing.deletedAt) {
    throw new AppError("conflict", `The id ${existing.id} belongs to a deleted annotation; restore it (POST /annotations/${existing.id}/restore) or choose a new id`, {
      id: existing.id,
    });
  }
  if (fields(existing, existing.label.id) !== fields(wanted, wanted.label.id)) {
    throw new AppError("conflict", `The id ${existing.id} is already taken by a different annotation; choose a new id for new content`, {
      id: existing.id,
    });
  }
  return existing;
}
