import { ZodError } from "zod";
import type { AuditEventBody } from "@/lib/audit/events";
import { canonicalJson } from "@/lib/audit/hash";
import { assertAnnotationChange, type AnnotationAccess } from "@/lib/auth/gate";
import type { Tx } from "@/lib/db/client";
import { AppError, toErrorBody } from "@/lib/errors";
import { resolveLabel, type LabelRef } from "@/lib/labels/resolve-label";
import type { AnnotationRow } from "./annotation-row";
import { refillFigure, type Attributes } from "./attributes";
import { citedConflict, countCitingClaims } from "./claim-sources";
import { loadDocumentText } from "./document-text";
import { quoteSpan, type QuotedSpan } from "./quote-span";
import { ZUpdateAnnotation, type UpdateAnnotationInput } from "./schemas";
import { validateAttributes } from "./validate-attributes";
import { writeAnnotations, type ReviewInput } from "./write-annotations";

type AnnotationChanges = Extract<AuditEventBody, { action: "annotation.updated" }>["data"]["changes"];

export { staleVersion } from "./stale-version";

async function nextAttributes(
  tx: Tx,
  { current, label, span, patch }: { current: AnnotationRow; label: LabelRef; span: QuotedSpan; patch: UpdateAnnotationInput },
): Promise<Attributes> {
  const stored = (current.attributes ?? {}) as Attributes;
  const base = { kind: label.kind, documentId: current.documentId, exact: span.exact };
  if (patch.attributes !== undefined) return validateAttributes(tx, { ...base, attributes: patch.attributes, fill: false });
  if (label.kind !== current.label.kind) {
    try {
      return await validateAttributes(tx, { ...base, attributes: stored, fill: true });
    } catch (err) {
      if (!(err instanceof AppError || err instanceof ZodError)) throw err;
      throw new AppError(
        "invalid_input",
        `The current attributes do not fit a ${label.kind} label (${toErrorBody(err).body.error.message}); send attributes for the new label in the same request`,
        { from: current.label.kind, to: label.kind, attributes: stored },
      );
    }
  }
  // A figure still carrying the parser's reading follows its span; an analyst's edit (parsed unset) stays.
  if (label.kind === "figure" && stored.parsed === true && span.exact !== current.exact) {
    return validateAttributes(tx, { ...base, attributes: refillFigure(stored, span.exact), fill: false });
  }
  return stored;
}

/** The fields whose change is a change of content: it returns a reviewed annotation to pending. */
const CONTENT = ["label", "start", "end", "exact", "prefix", "suffix", "attributes"] as const;

/**
 * Changes an annotation's label, span, attributes or status, if `version` is still current (else
 * 409 with the current annotation). Every field is re-validated as on create; a change bumps the
 * version and is audited with before/after; a request that changes nothing returns the annotation
 * as it is. Authorization: the caller's gateAnnotation(edit); a change of status is checked here,
 * where it is known, against the "status" rule of lib/auth/policies.ts.
 *
 * Review (issue 14): setting status to accepted or rejected is a review decision, recorded in the
 * annotation's review history (a rejection needs a reason); with changed fields, an accept is a
 * correction. A change of content without a status returns the annotation to pending.
 */
export async function updateAnnotation({
  actorId,
  access,
  input,
  reason,
}: {
  actorId: string;
  access: AnnotationAccess;
  input: unknown;
  /** A review's reason (POST …/review); PATCH sends it in the body. */
  reason?: string;
}) {
  const patch = ZUpdateAnnotation.parse(input);
  const why = (reason ?? patch.reason)?.trim() || null;
  const deciding = patch.status === "accepted" || patch.status === "rejected";
  if (patch.status === "rejected" && !why) throw new AppError("invalid_input", "reason is required to reject an annotation: say what is wrong with it");
  if (why && !deciding) throw new AppError("invalid_input", "reason goes with a review decision (status accepted or rejected)");
  const moves = patch.start !== undefined || patch.end !== undefined || patch.exact !== undefined;
  const document = moves ? await loadDocumentText({ documentId: access.documentId }) : null;
  return writeAnnotations({ projectId: access.projectId, actorId }, async (writer): Promise<AnnotationRow> => {
    const { tx } = writer;
    const current = await writer.lock(access.annotationId, { version: patch.version });
    if (deciding || (patch.status !== undefined && patch.status !== current.status)) {
      assertAnnotationChange({ role: access.role, change: "status", isAuthor: current.author.id === actorId });
    }
    const label = patch.label === undefined ? current.label : await resolveLabel(tx, { projectId: access.projectId, ref: patch.label });
    const span: QuotedSpan = document
      ? quoteSpan({ text: document.text, start: patch.start ?? current.start, end: patch.end ?? current.end, exact: patch.exact })
      : current;
    const attributes = await nextAttributes(tx, { current, label, span, patch });

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const note = (key: keyof AnnotationChanges, from: unknown, to: unknown) => {
      if (canonicalJson(from) !== canonicalJson(to)) changes[key] = { from, to };
    };
    note("label", refOf(current.label), refOf(label));
    for (const key of ["start", "end", "exact", "prefix", "suffix"] as const) note(key, current[key], span[key]);
    note("attributes", current.attributes ?? {}, attributes);
    const corrected = CONTENT.filter((key) => key in changes);
    if (patch.status === "rejected" && corrected.length > 0) {
      throw new AppError("invalid_input", "A rejection cannot change the annotation: correct it and accept, or reject it as it is");
    }
    const status = patch.status ?? (corrected.length > 0 ? "pending" : current.status);
    note("status", current.status, status);
    if (Object.keys(changes).length === 0 && !deciding) return current;

    if (current.label.kind === "entity" && label.kind !== "entity") {
      const citing = await countCitingClaims(tx, { documentId: current.documentId, annotationId: current.id });
      if (citing > 0) throw citedConflict(citing);
    }
    const review: ReviewInput | undefined = deciding
      ? {
          decision: patch.status === "accepted" ? "accept" : "reject",
          reason: why,
          correctedFrom: corrected.length > 0 ? Object.fromEntries(corrected.map((key) => [key, changes[key]!.from])) : null,
        }
      : undefined;
    return writer.update(
      current,
      { labelId: label.id, start: span.start, end: span.end, exact: span.exact, prefix: span.prefix, suffix: span.suffix, attributes, status },
      changes as AnnotationChanges,
      review,
    );
  });
}

function refOf(label: LabelRef) {
  return { id: label.id, name: label.name, kind: label.kind };
}
