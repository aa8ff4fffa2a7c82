import type { AnnotationAccess } from "@/lib/auth/gate";
import { ZReviewAnnotation } from "@/lib/annotations/schemas";
import { updateAnnotation } from "@/lib/annotations/update-annotation";

/**
 * A reviewer's decision on one annotation (POST /api/v1/annotations/{id}/review): accept or reject
 * (with a reason), or correct label, span or attributes and accept in one step. It is an update of
 * the annotation through the one write path — a new version, its revision, the review row and the
 * audit event in one transaction — so it streams live and reopens a signed-off document like any
 * other change. Authorization: the caller's gateAnnotation(review).
 */
export async function reviewAnnotation({ actorId, access, input }: { actorId: string; access: AnnotationAccess; input: unknown }) {
  const { decision, reason, ...fields } = ZReviewAnnotation.parse(input);
  return updateAnnotation({
    actorId,
    access,
    reason: reason ?? "",
    input: { ...fields, status: decision === "accept" ? "accepted" : "rejected" },
  });
}
