import { apiRoute, readJson } from "@/lib/api/handler";
import { presentAnnotation } from "@/lib/api/presenters";
import { gateAnnotation } from "@/lib/auth/gate";
import { reviewAnnotation } from "@/lib/reviews/review-annotation";

type Params = { annotationId: string };

/** Accept, reject (with a reason) or correct-and-accept; owners and reviewers. A stale version → 409. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateAnnotation({ principal, annotationId: params.annotationId, intent: "review" });
  return presentAnnotation(await reviewAnnotation({ actorId: principal.userId, access, input: await readJson(req) }));
});
