import { apiRoute } from "@/lib/api/handler";
import { presentRevision } from "@/lib/api/presenters";
import { gateAnnotation } from "@/lib/auth/gate";
import { listRevisions } from "@/lib/annotations/get-annotation";

type Params = { annotationId: string };

/** Every stored revision, oldest first; a deleted annotation's history stays readable. */
export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateAnnotation({ principal, annotationId: params.annotationId, intent: "read", includeDeleted: true });
  const revisions = await listRevisions({ annotationId: params.annotationId });
  return { revisions: revisions.map(presentRevision), nextCursor: null };
});
